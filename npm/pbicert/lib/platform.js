"use strict";
// Finds the pbicert binary of this machine: the platform package that npm
// installed through optionalDependencies (one per os/cpu pair, esbuild's
// layout), or the file named by PBICERT_BINARY.
const os = require("os");
const path = require("path");

// Node's platform and arch, as "platform arch", to the package holding the binary.
const PACKAGES = {
  "linux x64": "@pbicert/linux-x64",
  "linux arm64": "@pbicert/linux-arm64",
  "darwin x64": "@pbicert/darwin-x64",
  "darwin arm64": "@pbicert/darwin-arm64",
  "win32 x64": "@pbicert/win32-x64",
};

function packageFor(platform = process.platform, arch = os.arch()) {
  return PACKAGES[`${platform} ${arch}`];
}

function exeName(platform = process.platform) {
  return platform === "win32" ? "pbicert.exe" : "pbicert";
}

// binaryPath returns the absolute path of the native binary, or throws an
// Error whose message says what to do.
function binaryPath(env = process.env, platform = process.platform, arch = os.arch(), resolve = require.resolve) {
  if (env.PBICERT_BINARY) return path.resolve(env.PBICERT_BINARY);
  const pkg = packageFor(platform, arch);
  if (!pkg) {
    const supported = Object.keys(PACKAGES).map((k) => k.replace(" ", "/")).join(", ");
    throw new Error(
      `pbicert: no prebuilt binary for ${platform}/${arch} (there are: ${supported}). ` +
        "Install the Go toolchain and run: go install github.com/pbicert/pbicert/cmd/pbicert@latest",
    );
  }
  try {
    return resolve(`${pkg}/bin/${exeName(platform)}`);
  } catch (e) {
    throw new Error(
      `pbicert: the package ${pkg}, which holds the binary for ${platform}/${arch}, is not installed. ` +
        "It is an optional dependency of pbicert: reinstall without --no-optional or --omit=optional " +
        "(and without --ignore-scripts=false being the cause), or set PBICERT_BINARY to a pbicert binary.",
    );
  }
}

module.exports = { PACKAGES, packageFor, exeName, binaryPath };
