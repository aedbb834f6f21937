// evasions and near misses for Web SQL, file pickers and the removed storage service
window["open" + "Database"]("db", "1.0", "", 1024); // want "STO006"
const od = self.openDatabase; // want "STO006"
od("db2", "1.0", "", 1024);
globalThis.showOpenFilePicker(); // want "STO007"
const { showDirectoryPicker: pick } = window; // want "STO007"
pick();
this.host["storageService"].set("k", 1); // want "STO008"
const { storageService } = this.host; // want "STO008"
// near misses
function open(openDatabase) { return openDatabase(); }
const picker = { showSaveFilePicker() { return null; } };
picker.showSaveFilePicker();
const storageServiceName = "storageService";
