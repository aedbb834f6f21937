// harness: no-default-visual
// evasion: REQ002 renderingFailed is only a method of the visual's own helper, never given to the service
class Visual {
  constructor(o) { this.events = o.host.eventService; }
  update(o) { this.events.renderingStarted(o); draw(o); this.events.renderingFinished(o); } // want-program "REQ002"
  renderingFailedNote() { return "renderingFailed"; }
}
__webpack_exports__.Visual = Visual;
