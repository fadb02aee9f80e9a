// What Zapier's Lambda loads: the cold start of the unpacked build.zip's own wrapper (and through it the app) in a
// fresh Node process, and the size of the zip `npx zapier-platform upload` sends.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { buildZipKilobytes, figure, median, round, RUNS, unpackBuildZip } from './harness';

export const build = async () => {
  const unpacked = await unpackBuildZip();
  const coldStarts = Array.from({ length: RUNS }, () => {
    const out = execFileSync(
      process.execPath,
      ['-e', "const t=process.hrtime.bigint();require('./zapierwrapper.js');console.log(Number(process.hrtime.bigint()-t)/1e6)"],
      { cwd: unpacked, encoding: 'utf8' },
    );
    return Number(out.trim());
  });
  fs.rmSync(unpacked, { recursive: true, force: true });
  figure('cold_start_require_app', round(median(coldStarts)), "ms (the unpacked build.zip's zapierwrapper.js)");

  figure('build_zip_size', await buildZipKilobytes(), 'KiB');
};
