"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("path");
const { PACKAGES, packageFor, exeName, binaryPath } = require("../lib/platform");

test("every supported platform has its package", () => {
  assert.strictEqual(packageFor("linux", "x64"), "@pbicert/linux-x64");
  assert.strictEqual(packageFor("linux", "arm64"), "@pbicert/linux-arm64");
  assert.strictEqual(packageFor("darwin", "x64"), "@pbicert/darwin-x64");
  assert.strictEqual(packageFor("darwin", "arm64"), "@pbicert/darwin-arm64");
  assert.strictEqual(packageFor("win32", "x64"), "@pbicert/win32-x64");
  assert.strictEqual(Object.keys(PACKAGES).length, 5);
  assert.strictEqual(packageFor("freebsd", "x64"), undefined);
});

test("the binary is pbicert.exe on Windows only", () => {
  assert.strictEqual(exeName("win32"), "pbicert.exe");
  assert.strictEqual(exeName("linux"), "pbicert");
});

test("binaryPath resolves the platform package's binary", () => {
  const seen = [];
  const resolve = (id) => { seen.push(id); return "/x/" + id; };
  assert.strictEqual(binaryPath({}, "win32", "x64", resolve), "/x/@pbicert/win32-x64/bin/pbicert.exe");
  assert.strictEqual(binaryPath({}, "darwin", "arm64", resolve), "/x/@pbicert/darwin-arm64/bin/pbicert");
  assert.deepStrictEqual(seen, ["@pbicert/win32-x64/bin/pbicert.exe", "@pbicert/darwin-arm64/bin/pbicert"]);
});

test("PBICERT_BINARY wins", () => {
  const fail = () => { throw new Error("not asked"); };
  assert.strictEqual(binaryPath({ PBICERT_BINARY: "/opt/pbicert" }, "linux", "x64", fail), path.resolve("/opt/pbicert"));
});

test("an unsupported platform says what to do", () => {
  assert.throws(() => binaryPath({}, "aix", "ppc64", require.resolve), /no prebuilt binary for aix\/ppc64.*go install/);
});

test("a missing platform package says it is an optional dependency", () => {
  const missing = () => { throw Object.assign(new Error("Cannot find module"), { code: "MODULE_NOT_FOUND" }); };
  assert.throws(() => binaryPath({}, "linux", "x64", missing), /@pbicert\/linux-x64.*optional dependency/);
});
