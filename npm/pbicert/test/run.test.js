"use strict";
// The launcher and the Node API against a stand-in binary (a shell script
// that echoes what it got), and against the real pbicert when
// PBICERT_TEST_BINARY names one (scripts/npm-smoke does).
const test = require("node:test");
const assert = require("node:assert");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const pbicert = require("../lib/index");

const launcher = path.join(__dirname, "..", "bin", "pbicert.js");
const unix = process.platform !== "win32";

function fake(body) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pbicert-fake-"));
  const f = path.join(dir, "pbicert");
  fs.writeFileSync(f, "#!/bin/sh\n" + body + "\n", { mode: 0o755 });
  return f;
}

test("the launcher passes arguments, stdin, stdout, stderr and the exit code through", { skip: !unix }, () => {
  const bin = fake('printf "%s|" "$@"; cat; echo err >&2; exit 7');
  const r = spawnSync(process.execPath, [launcher, "check", "a b", "--format", "json"], {
    input: "STDIN", env: { ...process.env, PBICERT_BINARY: bin }, encoding: "utf8",
  });
  assert.strictEqual(r.stdout, "check|a b|--format|json|STDIN");
  assert.strictEqual(r.stderr, "err\n");
  assert.strictEqual(r.status, 7);
});

test("the launcher dies of the binary's signal", { skip: !unix }, () => {
  const bin = fake("kill -TERM $$");
  const r = spawnSync(process.execPath, [launcher], { env: { ...process.env, PBICERT_BINARY: bin } });
  assert.strictEqual(r.signal, "SIGTERM");
});

test("the launcher exits 2 with a message when the binary cannot run", () => {
  const r = spawnSync(process.execPath, [launcher, "version"], {
    env: { ...process.env, PBICERT_BINARY: path.join(os.tmpdir(), "no-such-pbicert-binary") }, encoding: "utf8",
  });
  assert.strictEqual(r.status, 2);
  assert.match(r.stderr, /could not run .*no-such-pbicert-binary/);
});

test("check() builds the command line and returns the parsed document with its exit code", { skip: !unix }, async () => {
  const bin = fake('printf \'{"args": "%s"}\' "$*"; exit 1');
  const doc = await pbicert.check(["dist/", "-x"], { binary: bin, failOn: "warning", config: "c.yaml" });
  assert.deepStrictEqual(doc, { args: "check --format json --fail-on warning --config c.yaml -- dist/ -x" });
  assert.strictEqual(doc.exitCode, 1);
  assert.ok(!Object.keys(doc).includes("exitCode"));
});

test("check() rejects with the binary's message when no document came out", { skip: !unix }, async () => {
  const bin = fake('echo "pbicert: unknown flag" >&2; exit 2');
  await assert.rejects(pbicert.check(["x"], { binary: bin }), (e) => e.exitCode === 2 && /unknown flag/.test(e.message));
  await assert.rejects(pbicert.check([], { binary: bin }), TypeError);
});

test("check() returns text formats as text", { skip: !unix }, async () => {
  const bin = fake('echo "1 input checked"; exit 0');
  const out = await pbicert.check("a.pbiviz", { binary: bin, format: "text" });
  assert.strictEqual(String(out), "1 input checked\n");
  assert.strictEqual(out.exitCode, 0);
});

const real = process.env.PBICERT_TEST_BINARY;
test("check() on the real binary: a clean and a failing package", { skip: !real && "PBICERT_TEST_BINARY not set" }, async () => {
  const pk = path.join(__dirname, "..", "..", "..", "testdata", "packages");
  const doc = await pbicert.check([path.join(pk, "example.pbiviz"), path.join(pk, "findings.pbiviz")], { binary: real });
  assert.strictEqual(doc.tool.name, "pbicert");
  assert.strictEqual(doc.results.length, 2);
  assert.strictEqual(doc.results[0].findings.filter((f) => f.severity === "error").length, 0);
  assert.ok(doc.results[1].findings.some((f) => f.rule === "NET001"));
  assert.strictEqual(doc.exitCode, 1);
});
