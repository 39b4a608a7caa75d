/**
 * Loading connectomes from disk: TVB's connectivity layout as a folder or a zip
 * (weights.txt, tract_lengths.txt, centres.txt; other members ignored), and the bundled default.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { parseTvbConnectivity, type Connectome } from "../connectome/connectome.js";
import { DATA_DIR } from "./paths.js";

/** Names of the bundled connectomes. */
export const BUNDLED_CONNECTOMES = ["tvb76"] as const;
export const DEFAULT_CONNECTOME = "tvb76";

const REQUIRED = {
  weights: "weights.txt",
  tractLengths: "tract_lengths.txt",
  centres: "centres.txt",
} as const;

/** A bundled connectome by name, or a TVB folder / zip by path. */
export function loadConnectome(source: string): Connectome {
  if ((BUNDLED_CONNECTOMES as readonly string[]).includes(source)) {
    return loadTvbFolder(join(DATA_DIR, "connectome", source), source);
  }
  if (!existsSync(source)) {
    throw new RangeError(
      `connectome '${source}' is neither a bundled connectome (${BUNDLED_CONNECTOMES.join(", ")}) nor an existing folder or .zip`,
    );
  }
  if (statSync(source).isDirectory()) return loadTvbFolder(source, basename(source));
  return loadTvbZip(source);
}

export function loadTvbFolder(folder: string, name: string): Connectome {
  const text = {} as Record<keyof typeof REQUIRED, string>;
  for (const [key, file] of Object.entries(REQUIRED) as [keyof typeof REQUIRED, string][]) {
    const path = join(folder, file);
    if (!existsSync(path))
      throw new RangeError(
        `connectome folder '${folder}' has no ${file} (TVB layout needs ${Object.values(REQUIRED).join(", ")})`,
      );
    text[key] = readFileSync(path, "utf8");
  }
  return parseTvbConnectivity(name, text);
}

export function loadTvbZip(path: string): Connectome {
  const entries = unzipSync(new Uint8Array(readFileSync(path)));
  const text = {} as Record<keyof typeof REQUIRED, string>;
  for (const [key, file] of Object.entries(REQUIRED) as [keyof typeof REQUIRED, string][]) {
    // TVB zips keep files at the top level; accept one folder level as well.
    const member = Object.keys(entries).find((m) => m === file || m.endsWith(`/${file}`));
    if (member === undefined)
      throw new RangeError(
        `connectome zip '${path}' has no ${file} (TVB layout needs ${Object.values(REQUIRED).join(", ")})`,
      );
    const bytes = entries[member];
    text[key] = strFromU8(bytes);
  }
  return parseTvbConnectivity(basename(path).replace(/\.zip$/i, ""), text);
}
