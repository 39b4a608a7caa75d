#!/usr/bin/env node
// Runs every compiled test file (dist/test/**/*.test.js) with Node's built-in test runner.
// Node 20's `--test` does not expand globs itself, so the file list is built here.
// Extra arguments are passed to `node --test` (e.g. --test-name-pattern=...).
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...collect(path));
    else if (name.endsWith(".test.js")) out.push(path);
  }
  return out;
}

// A compiled test whose source was deleted stays in dist/ (tsc never removes outputs); run only
// the tests that still have a source, so a local run matches a clean clone.
const files = collect("dist/test").filter((file) =>
  existsSync(file.replace(/^dist[\\/]/, "").replace(/\.test\.js$/, ".test.ts")),
);
if (files.length === 0) {
  console.error("run-tests: no compiled test files under dist/test (did the build run?)");
  process.exit(1);
}
const args = process.argv.slice(2);
const result = spawnSync(process.execPath, ["--test", "--test-reporter=spec", ...args, ...files], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
