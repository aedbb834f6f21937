#!/usr/bin/env node
"use strict";
// The pbicert command: runs the native binary of this platform with the same
// arguments and standard streams, and exits with its exit code.
const { spawnSync } = require("child_process");
const { binaryPath } = require("../lib/platform");

let bin;
try {
  bin = binaryPath();
} catch (e) {
  process.stderr.write(e.message + "\n");
  process.exit(2);
}
const r = spawnSync(bin, process.argv.slice(2), { stdio: "inherit", windowsHide: true });
if (r.error) {
  process.stderr.write(`pbicert: could not run ${bin}: ${r.error.message}\n`);
  process.exit(2);
}
if (r.signal) {
  // Die of the same signal, so a caller sees what the binary saw.
  process.kill(process.pid, r.signal);
}
process.exit(r.status === null ? 2 : r.status);
