// harness: no-default-visual
// near-miss: REQ001 started and finished through an alias and a computed key
class Visual {
  constructor(o) { const ev = o.host.eventService; this.ev = ev; }
// positive: REQ002 renderingFailed is never called
  update(o) { const e = this.ev; e.renderingStarted(o); draw(o); e["rendering" + "Finished"](o); } // want-program "REQ002"
}
__webpack_exports__.Visual = Visual;
