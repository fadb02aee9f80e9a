// `npm run package`: build/build.zip and build/source.zip as `zapier-platform build` makes them, from a stage that
// holds the project's sources, the compiled app and production dependencies only. Building in the project folder
// itself fails: the CLI copies the whole folder, dev dependencies included (the `node` package, the CLI), and runs
// out of file handles (EMFILE) long before it is done.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import extract from 'extract-zip';
import { missingExportTargets, packageDirs } from './exportConditions';

export interface PackageResult {
  buildZip: string;
  sourceZip: string;
  buildZipBytes: number;
  sourceZipBytes: number;
  seconds: number;
}

/** What the stage never gets from the project: installed or generated folders, secrets, old zips, git's data. */
const NOT_STAGED = new Set(['node_modules', 'dist', 'build', 'coverage', '.git', '.env']);

const run = (command: string, args: string[], cwd: string, what: string) => {
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, DISABLE_ZAPIER_ANALYTICS: '1', NO_UPDATE_NOTIFIER: '1', FORCE_COLOR: '0' },
  });
  if (result.status !== 0) {
    const output = stripVTControlCharacters(`${result.stdout ?? ''}${result.stderr ?? ''}`).trim();
    throw new Error(`${what} failed (exit ${result.status ?? result.signal}):\n${output || String(result.error ?? '')}`);
  }
  return (performance.now() - started) / 1000;
};

/** Every file in a folder, as `/`-separated paths relative to it. */
const filesUnder = (dir: string): string[] =>
  (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));

/** Fails when build.zip lacks a file Node 22 would load instead of one the CLI's trace zipped (see exportConditions). */
const checkConditionalExports = async (buildZip: string) => {
  const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-zipcheck-'));
  try {
    await extract(buildZip, { dir: unpacked });
    const zipped = new Set(filesUnder(unpacked));
    const packages = packageDirs(zipped).map((dir) => ({
      dir,
      manifest: JSON.parse(fs.readFileSync(path.join(unpacked, dir, 'package.json'), 'utf8')) as { exports?: unknown },
    }));
    const missing = missingExportTargets(packages, zipped);
    if (missing.length) {
      throw new Error(
        `build.zip lacks files that Node 22 loads through the "module-sync" export condition, which the CLI's ` +
          `dependency trace does not follow: ${missing.join(', ')}. Add a pattern for them to includeInBuild in .zapierapprc.`,
      );
    }
  } finally {
    fs.rmSync(unpacked, { recursive: true, force: true });
  }
};

/** Builds both zips into `<root>/build/`; `npm run build` must have compiled the app into dist/ first. */
export const packageApp = async (root: string, log: (line: string) => void = () => {}): Promise<PackageResult> => {
  const started = performance.now();
  if (!fs.existsSync(path.join(root, 'dist', 'index.js'))) throw new Error('dist/index.js is missing: run `npm run build` first.');
  const cli = path.join(path.dirname(require.resolve('zapier-platform-cli/package.json', { paths: [root] })), 'src', 'bin', 'run');
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-package-'));
  try {
    fs.cpSync(root, stage, {
      recursive: true,
      filter: (source) => {
        const relative = path.relative(root, source);
        const top = relative.split(path.sep)[0]!;
        return !NOT_STAGED.has(top) && !relative.endsWith('.zip');
      },
    });
    fs.cpSync(path.join(root, 'dist'), path.join(stage, 'dist'), { recursive: true });
    const seconds = (s: number) => `${s.toFixed(1)} s`;
    const install = run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], stage, 'npm ci --omit=dev');
    log(`staged the sources, the compiled app and production dependencies (npm ci --omit=dev: ${seconds(install)})`);

    // `build` checks the schema only together with Zapier's online integration checks; run the local half here,
    // as `zapier-platform validate --without-style` does.
    const validate = run(process.execPath, [cli, 'validate', '--without-style'], stage, 'zapier-platform validate');
    log(`zapier-platform validate --without-style: no structural errors (${seconds(validate)})`);
    const build = run(process.execPath, [cli, 'build', '--skip-dep-install', '--skip-validation'], stage, 'zapier-platform build');
    log(`zapier-platform build --skip-dep-install: zipped, and loaded by the CLI as a test (${seconds(build)})`);

    const outDir = path.join(root, 'build');
    fs.mkdirSync(outDir, { recursive: true });
    const buildZip = path.join(outDir, 'build.zip');
    const sourceZip = path.join(outDir, 'source.zip');
    fs.copyFileSync(path.join(stage, 'build', 'build.zip'), buildZip);
    fs.copyFileSync(path.join(stage, 'build', 'source.zip'), sourceZip);
    await checkConditionalExports(buildZip);
    return {
      buildZip,
      sourceZip,
      buildZipBytes: fs.statSync(buildZip).size,
      sourceZipBytes: fs.statSync(sourceZip).size,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
};
