// harness: no-default-visual
// positive: REQ001 a visual that never reaches the event service
class Visual { constructor(o) { this.root = o.element; } update(o) { this.root.textContent = "x"; } } // want-program "REQ001"
__webpack_exports__.Visual = Visual;
