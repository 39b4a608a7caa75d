/**
 * Loading SEEG contact sets from disk: the bundled sets by name, or any `label x y z` text file.
 *
 * Sources: the bundled files come from The Virtual Brain's data repository (Sanz Leon et al.
 * 2013, Front Neuroinform 7:10; see data/sensors/PROVENANCE.md). No deviation: this module only
 * reads files; parsing and the forward model live in observe/seeg.ts so they also run without
 * a file system.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { parseSensors, sensorsFromCoordinates, type SensorSet } from "../observe/seeg.js";
import { DATA_DIR } from "./paths.js";

export { sensorsFromCoordinates };
export type { SensorSet };

/** Names of the bundled contact sets (data/sensors/NAME.txt). */
export const BUNDLED_SENSORS = ["seeg_588", "seeg_39"] as const;

/** A bundled contact set by name, or a contact file (`label x y z` per line, mm) by path. */
export function loadSensors(source: string): SensorSet {
  if ((BUNDLED_SENSORS as readonly string[]).includes(source)) {
    return parseSensors(source, readFileSync(join(DATA_DIR, "sensors", `${source}.txt`), "utf8"));
  }
  if (!existsSync(source) || !statSync(source).isFile()) {
    throw new RangeError(
      `sensors '${source}' is neither a bundled contact set (${BUNDLED_SENSORS.join(", ")}) nor an existing file`,
    );
  }
  return parseSensors(basename(source, extname(source)), readFileSync(source, "utf8"));
}
