// harness: no-default-visual
// evasion: REQ001 the event calls only appear in a string and a comment
const help = "this.events.renderingStarted(options); this.events.renderingFinished(options)"; // want-program "REQ001"
// this.host.eventService.renderingStarted(options)
class Visual { constructor(o) { this.root = o.element; this.doc = help; } update(o) { this.root.textContent = "x"; } }
__webpack_exports__.Visual = Visual;
