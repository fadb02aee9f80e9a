// `npm run package`: then `npx zapier-platform upload` sends the two zips to Zapier.
import path from 'node:path';
import { packageApp } from './packageApp';

const root = path.resolve(__dirname, '..', '..');
const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;

packageApp(root, (line) => console.log(`- ${line}`)).then(
  (result) => {
    console.log(
      `Built build/build.zip (${kib(result.buildZipBytes)}) and build/source.zip (${kib(result.sourceZipBytes)}) ` +
        `in ${result.seconds.toFixed(1)} s. Upload them with: npx zapier-platform upload`,
    );
  },
  (error: Error) => {
    console.error(`Packaging failed: ${error.message}`);
    process.exitCode = 1;
  },
);
