// harness: no-default-visual
// near-miss: REQ001 REQ002 every event, through a destructured service and .call
class Visual {
  constructor(o) { const { eventService } = o.host; this.events = eventService; }
  update(o) {
    const { renderingStarted, renderingFinished } = this.events;
    renderingStarted.call(this.events, o);
    try { draw(o); this.events.renderingFinished(o); } catch (e) { this.events["renderingFailed"](o, String(e)); }
  }
}
__webpack_exports__.Visual = Visual;
