// harness: localstorage
// near-miss: STO001 STO008 with the LocalStorage privilege, storageV2Service is fine
this.host.storageV2Service.get("k");
this.host.downloadService.exportVisualsContent(data, "x.csv", "csv", "d"); // want "MAN013"
