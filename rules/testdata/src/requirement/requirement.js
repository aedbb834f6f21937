// positive: REQ004 launchUrl while rendering
class Linker {
  update(options) {
    this.host.launchUrl("https://example.com"); // want "REQ004"
  }
// near-miss: REQ004 a click handler is a user action
  onClick() {
    this.host.launchUrl("https://example.com/help");
  }
  updateLinks() { this.host.launchUrl("https://example.com/links"); }
}
// evasion: REQ004 computed names, aliases, .call
class Other {
  update(options) {
    const open = this.host.launchUrl.bind(this.host);
    this.host["launchUrl"]("https://example.com/again"); // want "REQ004"
    const h = this.host; h["launch" + "Url"].call(h, "https://example.com/3"); // want "REQ004"
    this.host?.launchUrl?.("https://example.com/4"); // want "REQ004"
  }
}
