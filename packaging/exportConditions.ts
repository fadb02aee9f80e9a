// Which files Node loads from a dependency that `zapier-platform build` leaves out of build.zip. The CLI finds the
// files to zip with an esbuild trace that resolves package `exports` with esbuild's CommonJS conditions (`require`,
// `node`, `default`). Node 22's require() also honours `module-sync` (require(esm) is on by default), and tries it
// first where a package lists it first: async-function, generator-function and async-generator-function (pulled
// in by zapier-platform-core through form-data and get-intrinsic) point it at `require.mjs`, which the trace never
// sees. `.zapierapprc`'s includeInBuild adds those files; this check finds any the pattern does not cover. Pure code.
import path from 'node:path';

/** What esbuild resolves `exports` with when the CLI traces the app (platform node, format cjs, conditions []). */
export const TRACE_CONDITIONS: ReadonlySet<string> = new Set(['require', 'node', 'default']);
/** What Node 22's require() resolves `exports` with. */
export const NODE_REQUIRE_CONDITIONS: ReadonlySet<string> = new Set(['module-sync', 'require', 'node', 'node-addons', 'default']);

/** Node's target resolution for one `exports` value: strings win, arrays fall back, objects match in key order. */
export const resolveExportTarget = (value: unknown, conditions: ReadonlySet<string>): string | undefined => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const candidate of value) {
      const target = resolveExportTarget(candidate, conditions);
      if (target !== undefined) return target;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [condition, candidate] of Object.entries(value)) {
      if (!conditions.has(condition)) continue;
      const target = resolveExportTarget(candidate, conditions);
      if (target !== undefined) return target;
    }
  }
  return undefined;
};

/** `exports` as subpath -> value; the sugar forms (a string, an array, a conditions object) mean ".". */
const subpaths = (exportsField: unknown): Array<[string, unknown]> => {
  if (exportsField && typeof exportsField === 'object' && !Array.isArray(exportsField)) {
    const entries = Object.entries(exportsField);
    if (entries.length && entries.every(([key]) => key.startsWith('.'))) return entries;
  }
  return exportsField === undefined ? [] : [['.', exportsField]];
};

export interface ZippedPackage {
  /** The package's folder inside the zip, e.g. `node_modules/async-function`. */
  dir: string;
  /** Its package.json. */
  manifest: { exports?: unknown };
}

/**
 * Files Node would load in place of a file the trace put in the zip, but that are not in the zip themselves
 * (paths inside the zip, `/`-separated). Pattern subpaths (`./*`) are left out: nothing here uses them.
 */
export const missingExportTargets = (packages: ZippedPackage[], zipped: ReadonlySet<string>): string[] => {
  const inZip = (dir: string, target: string) => path.posix.join(dir, target);
  const missing = new Set<string>();
  for (const { dir, manifest } of packages) {
    for (const [subpath, value] of subpaths(manifest.exports)) {
      if (subpath.includes('*')) continue;
      const traced = resolveExportTarget(value, TRACE_CONDITIONS);
      const loaded = resolveExportTarget(value, NODE_REQUIRE_CONDITIONS);
      if (!traced || !loaded || traced === loaded) continue;
      if (zipped.has(inZip(dir, traced)) && !zipped.has(inZip(dir, loaded))) missing.add(inZip(dir, loaded));
    }
  }
  return [...missing].sort();
};

/** The packages in a zip's file list: every `…node_modules/<name>/package.json` (scoped names included). */
export const packageDirs = (zipped: Iterable<string>): string[] => {
  const dirs: string[] = [];
  for (const file of zipped) {
    const match = /^((?:.*\/)?node_modules\/(?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(file);
    if (match) dirs.push(match[1]!);
  }
  return dirs.sort();
};
