// pbicert's Power BI host (API 5.x surface), written by hand. Every method
// counts its call through pbi.host(name, firstArgument); services answer
// with inert values (resolved promises of empty results, no network).
(function (pbi, g) {
  "use strict";
  var call = pbi.host;
  // the runtime's own Promise, whatever the bundle later assigns to
  // window.Promise (core-js replaces it): the browser's queueMicrotask and
  // APIs never call a polyfill, and one whose notification queues a
  // microtask would recurse without end through them
  var Promise = g.Promise;
  function resolved(v) { return Promise.resolve(v); }
  var ids = 0;
  function selectionId(key) {
    var k = key || "sel" + (++ids);
    return {
      key: k,
      equals: function (o) { return !!o && o.getKey && o.getKey() === k; },
      includes: function (o) { return !!o && o.getKey && o.getKey() === k; },
      getKey: function () { return k; },
      getSelector: function () { return { data: [{ key: k }] }; },
      getSelectorsByColumn: function () { return { dataMap: {} }; },
      hasIdentity: function () { return true; },
      getHighlightIdentity: function () { return this; },
    };
  }
  pbi.selectionId = selectionId;
  function builder() {
    var parts = [];
    var b = {
      withCategory: function (c, i) { call("selectionIdBuilder.withCategory"); parts.push("c" + i); return b; },
      withSeries: function (s, g2) { call("selectionIdBuilder.withSeries"); parts.push("s"); return b; },
      withMeasure: function (m) { call("selectionIdBuilder.withMeasure"); parts.push("m" + m); return b; },
      withMatrixNode: function (n, l) { call("selectionIdBuilder.withMatrixNode"); parts.push("n"); return b; },
      withTable: function (t, i) { call("selectionIdBuilder.withTable"); parts.push("t" + i); return b; },
      withColumnIdentity: function () { parts.push("ci"); return b; },
      createSelectionId: function () { call("selectionIdBuilder.createSelectionId"); return selectionId(parts.join("|")); },
    };
    return b;
  }
  function selectionManager() {
    var selected = [];
    return {
      select: function (id, multi) { call("selectionManager.select"); selected = [].concat(id || []); return resolved(selected); },
      clear: function () { call("selectionManager.clear"); selected = []; return resolved(); },
      showContextMenu: function () { call("selectionManager.showContextMenu"); return resolved(); },
      toggleExpandCollapse: function () { call("selectionManager.toggleExpandCollapse"); return resolved(); },
      registerOnSelectCallback: function () { call("selectionManager.registerOnSelectCallback"); },
      getSelectionIds: function () { return selected.slice(); },
      hasSelection: function () { return selected.length > 0; },
      applySelectionFilter: function () { call("selectionManager.applySelectionFilter"); },
    };
  }
  var palette = ["#118DFF", "#12239E", "#E66C37", "#6B007B", "#E044A7", "#744EC2", "#D9B300", "#D64550"];
  function colorPalette() {
    var used = {}, n = 0;
    function colorOf(key) { key = String(key); if (!(key in used)) used[key] = palette[n++ % palette.length]; return { value: used[key] }; }
    return {
      getColor: function (key) { call("colorPalette.getColor"); return colorOf(key); },
      // API 1.x visuals read the palette's dictionary of keys to colours
      colorPalette: new Proxy({}, { get: function (t, k) { return typeof k === "string" ? colorOf(k) : undefined; } }),
      // and its list of theme colours (IColorInfo[])
      colors: palette.concat(["#01B8AA", "#374649", "#FD625E", "#F2C80F", "#5F6B6D", "#8AD4EB", "#FE9666", "#A66999"]).map(function (v) { return { value: v }; }),
      reset: function () { used = {}; n = 0; return this; },
      isHighContrast: false,
      foreground: { value: "#252423" }, foregroundLight: { value: "#FFFFFF" }, foregroundDark: { value: "#000000" },
      foregroundNeutralLight: { value: "#F3F2F1" }, foregroundNeutralDark: { value: "#201F1E" }, foregroundNeutralSecondary: { value: "#605E5C" },
      foregroundNeutralSecondaryAlt: { value: "#8A8886" }, foregroundNeutralSecondaryAlt2: { value: "#A19F9D" }, foregroundNeutralTertiary: { value: "#B3B0AD" },
      foregroundNeutralTertiaryAlt: { value: "#C8C6C4" }, foregroundSelected: { value: "#252423" }, foregroundButton: { value: "#252423" },
      background: { value: "#FFFFFF" }, backgroundLight: { value: "#F3F2F1" }, backgroundNeutral: { value: "#C8C6C4" }, backgroundDark: { value: "#000000" },
      hyperlink: { value: "#0078D4" }, visitedHyperlink: { value: "#0078D4" }, mapPushpin: { value: "#FF5F00" },
      shapeStroke: { value: "#01B8AA" }, selection: { value: "#00B7C3" }, separator: { value: "#605E5C" }, negative: { value: "#FD625E" },
      neutral: { value: "#FFBC2E" }, positive: { value: "#1AAB40" }, disabledText: { value: "#A19F9D" },
    };
  }
  pbi.makeHost = function () {
    var events = {
      renderingStarted: function (o) { call("eventService.renderingStarted"); },
      renderingFinished: function (o) { call("eventService.renderingFinished"); },
      renderingFailed: function (o, r) { call("eventService.renderingFailed"); },
    };
    var storage = function (name) {
      return {
        get: function (k) { call(name + ".get", k); return Promise.reject(new Error("not found")).catch(function () { return undefined; }); },
        set: function (k, v) { call(name + ".set", k); return resolved(0); },
        remove: function (k) { call(name + ".remove", k); return resolved(); },
        status: function () { call(name + ".status"); return resolved(0); },
      };
    };
    var host = {
      instanceId: "pbicert-instance",
      hostEnv: 1,
      locale: "en-US",
      allowInteractions: true,
      applicationOrigin: "https://app.powerbi.com",
      hostCapabilities: { allowInteractions: true, allowModalDialog: false },
      isInFocus: false,
      eventService: events,
      colorPalette: colorPalette(),
      tooltipService: {
        enabled: function () { return true; },
        show: function () { call("tooltipService.show"); },
        move: function () { call("tooltipService.move"); },
        hide: function () { call("tooltipService.hide"); },
      },
      telemetry: { trace: function () { call("telemetry.trace"); } },
      authenticationService: { getAADToken: function () { call("authenticationService.getAADToken"); return new Promise(function () {}); } },
      acquireAADTokenService: { acquireAADToken: function () { call("acquireAADTokenService.acquireAADToken"); return new Promise(function () {}); } },
      licenseManager: {
        getAvailableServicePlans: function () { call("licenseManager.getAvailableServicePlans"); return resolved({ plans: [], isLicenseUnsupportedEnv: false, isLicenseInfoAvailable: true }); },
        notifyLicenseRequired: function () { call("licenseManager.notifyLicenseRequired"); return resolved(true); },
        notifyFeatureBlocked: function () { call("licenseManager.notifyFeatureBlocked"); return resolved(true); },
        clearLicenseNotification: function () { call("licenseManager.clearLicenseNotification"); return resolved(true); },
      },
      downloadService: {
        exportVisualsContent: function () { call("downloadService.exportVisualsContent"); return resolved({ downloadCompleted: false }); },
        exportVisualsContentExtended: function () { call("downloadService.exportVisualsContentExtended"); return resolved({ downloadCompleted: false }); },
        exportStatus: function () { call("downloadService.exportStatus"); return resolved(0); },
      },
      webAccessService: { webAccessStatus: function (u) { call("webAccessService.webAccessStatus", u); return resolved(0); } },
      storageService: storage("storageService"),
      storageV2Service: storage("storageV2Service"),
      subSelectionService: { subSelect: function () {}, updateRegionOutlines: function () {} },
      createSelectionIdBuilder: function () { call("createSelectionIdBuilder"); return builder(); },
      createSelectionManager: function () { call("createSelectionManager"); return selectionManager(); },
      createLocalizationManager: function () { call("createLocalizationManager"); return { getDisplayName: function (k) { return String(k); } }; },
      launchUrl: function (u) { call("launchUrl", u); },
      fetchMoreData: function () { call("fetchMoreData"); return false; },
      persistProperties: function () { call("persistProperties"); },
      applyJsonFilter: function () { call("applyJsonFilter"); },
      applyCustomSort: function () { call("applyCustomSort"); },
      refreshHostData: function () { call("refreshHostData"); },
      displayWarningIcon: function () { call("displayWarningIcon"); },
      switchFocusModeState: function () { call("switchFocusModeState"); },
      openModalDialog: function () { call("openModalDialog"); return resolved({ actionId: 0 }); },
      drill: function () { call("drill"); },
      setCanDrill: function () { call("setCanDrill"); },
      createOpaqueUtils: function () { return {}; },
      hostServices: {},
    };
    return host;
  };
})
