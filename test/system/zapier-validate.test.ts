import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');

describe('zapier-platform validate', () => {
  it('finds the app structurally sound (the style check needs Zapier servers and is skipped)', async () => {
    const bin = path.join(root, 'node_modules', '.bin', 'zapier-platform');
    const { stdout } = await run(bin, ['validate', '--without-style'], {
      cwd: root,
      env: { ...process.env, DISABLE_ZAPIER_ANALYTICS: '1' },
      timeout: 120_000,
    });
    expect(stdout).toContain('No structural errors found');
  }, 130_000);
});
