"use strict";
// The Node API of pbicert: run the native binary and return its results
// without parsing standard output yourself.
//
//   const pbicert = require("pbicert");
//   const doc = await pbicert.check(["dist/"], { failOn: "never" });
//   doc.results[0].findings  // as in `pbicert check --format json`
const { spawn } = require("child_process");
const { binaryPath } = require("./platform");

// Formats whose output is one JSON document, returned parsed.
const JSON_FORMATS = new Set(["json", "sarif", "cyclonedx"]);

// run starts `pbicert ...args` and resolves {code, stdout, stderr}. It never
// rejects for a non-zero exit code; it rejects when the binary cannot start.
function run(args, options = {}) {
  return new Promise((resolve, reject) => {
    let bin;
    try {
      bin = options.binary || binaryPath();
    } catch (e) {
      reject(e);
      return;
    }
    const child = spawn(bin, args, {
      cwd: options.cwd,
      env: options.env || process.env,
      stdio: ["ignore", "pipe", "pipe"],
      windowsHide: true,
    });
    const out = [];
    const err = [];
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => err.push(b));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      resolve({
        code: code === null ? 2 : code,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      });
    });
  });
}

// checkArgs turns check() options into command-line flags.
function checkArgs(paths, options) {
  const args = ["check", "--format", options.format || "json"];
  if (options.failOn) args.push("--fail-on", options.failOn);
  if (options.config) args.push("--config", options.config);
  if (options.baseline) args.push("--baseline", options.baseline);
  if (options.args) args.push(...options.args);
  args.push("--", ...paths);
  return args;
}

// check runs `pbicert check` on paths and resolves the report: the parsed
// JSON document for the JSON formats (json, the default; sarif; cyclonedx),
// else the text. The exit code (0: nothing at or above failOn, 1: findings,
// 2: an input could not be read) is the result's non-enumerable `exitCode`
// property. It rejects on a usage error, or when no report came out.
async function check(paths, options = {}) {
  if (typeof paths === "string") paths = [paths];
  if (!Array.isArray(paths) || paths.length === 0) {
    throw new TypeError("pbicert.check: paths must be a non-empty array of paths");
  }
  const format = options.format || "json";
  const r = await run(checkArgs(paths, { ...options, format }), options);
  let report = r.stdout;
  if (JSON_FORMATS.has(format)) {
    try {
      report = JSON.parse(r.stdout);
    } catch (e) {
      const why = r.stderr.trim() || `exit code ${r.code}, no ${format} document on standard output`;
      const err = new Error(why);
      err.exitCode = r.code;
      err.stderr = r.stderr;
      throw err;
    }
  } else if (r.code === 2 && r.stdout === "") {
    const err = new Error(r.stderr.trim() || "pbicert exited with code 2");
    err.exitCode = r.code;
    err.stderr = r.stderr;
    throw err;
  }
  if (report !== null && typeof report === "object") {
    Object.defineProperty(report, "exitCode", { value: r.code, enumerable: false });
    Object.defineProperty(report, "stderr", { value: r.stderr, enumerable: false });
    return report;
  }
  return Object.assign(new String(report), { exitCode: r.code, stderr: r.stderr });
}

module.exports = { check, run, binaryPath, checkArgs };
