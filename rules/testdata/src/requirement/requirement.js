// REQ004: launchUrl while rendering; a click handler is fine
class Linker {
  update(options) {
    this.host.launchUrl("https://example.com"); // want "REQ004"
  }
  onClick() {
    this.host.launchUrl("https://example.com/help");
  }
}
class Other {
  update(options) {
    const open = this.host.launchUrl.bind(this.host);
    this.host["launchUrl"]("https://example.com/again"); // want "REQ004"
  }
}
