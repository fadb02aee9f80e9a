import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import extract from 'extract-zip';

export const ROOT = path.resolve(__dirname, '..', '..');
const BUILD_ZIP = path.join(ROOT, 'build', 'build.zip');

/** build/build.zip, unpacked into a fresh folder outside the project, as Zapier unpacks it into its Lambda. */
export const unpackBuildZip = async () => {
  if (!fs.existsSync(BUILD_ZIP)) {
    throw new Error('build/build.zip is missing. `npm test` makes it first with `npm run package`; run that before running this test alone.');
  }
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-build-zip-')));
  await extract(BUILD_ZIP, { dir });
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
};
