// The import directions npm run lint enforces (.dependency-cruiser.cjs), tried on small trees that break them: a rule
// that could not fail would keep nothing in its layer.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const DEPCRUISE = path.join(ROOT, 'node_modules', '.bin', 'depcruise');

/** Runs the project's rules over a tree of the given files (path -> source), as `npm run lint` runs them. */
const cruise = (files: Record<string, string>) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
  try {
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } }));
    for (const [file, source] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), source);
    }
    const folders = [...new Set(Object.keys(files).map((file) => (file.includes('/') ? file.split('/')[0]! : file)))];
    const run = spawnSync(DEPCRUISE, ['--config', path.join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'err', ...folders], {
      cwd: dir,
      encoding: 'utf8',
    });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

const plumbing = { 'lib/zapier/inputs.ts': "export const text = (value: unknown) => String(value ?? '');\n" };

describe('the import directions', () => {
  it('fail when a sandbox imports the app', () => {
    const { status, output } = cruise({
      ...plumbing,
      'sandboxes/slack/server.ts': "import { text } from '../../lib/zapier/inputs';\nexport const x = text;\n",
    });
    expect(status).not.toBe(0);
    expect(output).toContain('sandbox-imports-app');
  });

  it('fail when a service module reaches up into what a Zap builder sees', () => {
    const { status, output } = cruise({
      'lib/fields/invoice.ts': 'export const fields = [];\n',
      'lib/procountor/client.ts': "import { fields } from '../fields/invoice';\nexport const y = fields;\n",
    });
    expect(status).not.toBe(0);
    expect(output).toContain('procountor-imports-out-of-its-layer');
  });

  it('fail when the demo reaches past index.ts into lib/', () => {
    const { status, output } = cruise({ ...plumbing, 'demo/main.ts': "import { text } from '../lib/zapier/inputs';\nexport const z = text;\n" });
    expect(status).not.toBe(0);
    expect(output).toContain('demo-or-bench-reach-into-the-app');
  });

  it('pass when every import goes down a layer', () => {
    const { status, output } = cruise({
      ...plumbing,
      'lib/procountor/client.ts': "import { text } from '../zapier/inputs';\nexport const y = text;\n",
      'lib/fields/invoice.ts': "import { y } from '../procountor/client';\nexport const fields = [y];\n",
    });
    expect(output).not.toContain('error');
    expect(status).toBe(0);
  });
});
