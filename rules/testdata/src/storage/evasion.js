// more evasions of browser storage
document["coo" + "kie"] = "a=1"; // want "STO003"
Reflect.get(window, "localStorage").clear(); // want "STO001"
const { sessionStorage: s2 } = self; // want "STO001"
const frame = document.createElement("iframe");
frame.contentWindow.localStorage.getItem("k"); // want "STO001"
const st = navigator.storage; // want "STO005"
st.persist(); // reported once, where the alias is bound
const seen = document.cookie.indexOf("a=1") >= 0; // want "STO003"
