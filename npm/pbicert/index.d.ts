// Types of the pbicert Node API. The report's shape is the JSON contract of
// `pbicert check --format json` (docs/contract.md in the pbicert repository).

export interface Location { file: string; line: number; column: number; offset: number }

export interface Finding {
  rule: string;
  name: string;
  category: "network" | "dynamic-code" | "storage" | "dom-injection" | "obfuscation" | "manifest" | "requirement";
  api: string;
  severity: "error" | "warning" | "info";
  message: string;
  location: Location;
  snippet: string;
  idiom?: string;
  origin?: unknown;
  help?: string;
  [key: string]: unknown;
}

export interface Result {
  path: string;
  kind: "package" | "project";
  visual?: { guid: string; name: string; displayName: string; version: string; apiVersion: string };
  error: string;
  findings: Finding[];
  [key: string]: unknown;
}

export interface Report {
  tool: { name: string; version: string };
  results: Result[];
  summary: { inputs: number; errors: number; warnings: number; infos: number; failed: number };
  /** The exit code of the run: 0, 1 (findings at or above failOn) or 2 (an input could not be read). Not enumerable. */
  readonly exitCode: number;
  readonly stderr: string;
}

export interface CheckOptions {
  /** Output format; JSON formats (json, sarif, cyclonedx) are returned parsed. Default json. */
  format?: string;
  failOn?: "error" | "warning" | "info" | "never";
  config?: string;
  baseline?: string;
  /** Extra command-line flags, passed before the paths. */
  args?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** A pbicert binary to run instead of the platform package's. */
  binary?: string;
}

export function check(paths: string | string[], options?: CheckOptions & { format?: "json" }): Promise<Report>;
export function check(paths: string | string[], options: CheckOptions): Promise<any>;

export function run(args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv; binary?: string }):
  Promise<{ code: number; signal: string | null; stdout: string; stderr: string }>;

export function binaryPath(): string;
