// evasion: STO006 computed keys, aliases, .call, destructuring, document.defaultView
window["open" + "Database"]("db", "1.0", "", 1024); // want "STO006"
const od = self.openDatabase; // want "STO006"
od("db2", "1.0", "", 1024);
openDatabase.call(window, "d", "1", "", 1); // want "STO006"
const { openDatabase: odb } = globalThis; // want "STO006"
document.defaultView.openDatabase("d"); // want "STO006"
// evasion: STO007 global object, destructuring, computed keys, .call, optional calls
globalThis.showOpenFilePicker(); // want "STO007"
const { showDirectoryPicker: pick } = window; // want "STO007"
pick();
window["show" + "OpenFilePicker"](); // want "STO007"
showSaveFilePicker.call(window); // want "STO007"
self?.showDirectoryPicker?.(); // want "STO007"
// evasion: STO008 computed keys, destructuring, aliases of the host
this.host["storageService"].set("k", 1); // want "STO008"
const { storageService } = this.host; // want "STO008"
const h = this.host; h.storageService.get("k"); // want "STO008"
const { host: { storageService: ss2 } } = options; // want "STO008"
// near-miss: STO006 STO007 STO008 parameters, user objects, the V2 service name in text
function open(openDatabase) { return openDatabase(); }
const picker = { showSaveFilePicker() { return null; } };
picker.showSaveFilePicker();
const storageServiceName = "storageService";
const db = { openDatabase() {} }; db.openDatabase();
