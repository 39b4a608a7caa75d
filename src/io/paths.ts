/** Locations of the package's own files (bundled data, examples), independent of the working directory. */
import { fileURLToPath } from "node:url";
import { dirname, join, resolve } from "node:path";
import { existsSync } from "node:fs";

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "data"))) return dir;
    dir = resolve(dir, "..");
  }
  throw new Error("ictal: cannot find the package root (package.json beside data/)");
}

export const PACKAGE_ROOT = findPackageRoot();
export const DATA_DIR = join(PACKAGE_ROOT, "data");
