import fs from 'node:fs';
import path from 'node:path';
import { missingExportTargets, NODE_REQUIRE_CONDITIONS, packageDirs, resolveExportTarget, TRACE_CONDITIONS } from '../../../packaging/exportConditions';

// async-function 1.0's exports, as zapier-platform-core's dependencies have them.
const ASYNC_FUNCTION_EXPORTS = {
  '.': [{ 'module-sync': './require.mjs', import: './index.mjs', default: './index.js' }, './index.js'],
  './package.json': './package.json',
};

describe('the files Node 22 loads that the CLI trace misses', () => {
  it('resolves exports the way each side does: the trace takes index.js, Node 22 require.mjs', () => {
    expect(resolveExportTarget(ASYNC_FUNCTION_EXPORTS['.'], TRACE_CONDITIONS)).toBe('./index.js');
    expect(resolveExportTarget(ASYNC_FUNCTION_EXPORTS['.'], NODE_REQUIRE_CONDITIONS)).toBe('./require.mjs');
    expect(resolveExportTarget({ import: './a.mjs', require: null, default: './b.js' }, TRACE_CONDITIONS)).toBe('./b.js');
  });

  it('names the module-sync target missing beside a zipped entry point, in nested and scoped packages too', () => {
    const zipped = new Set([
      'node_modules/async-function/package.json',
      'node_modules/async-function/index.js',
      'node_modules/core/node_modules/@scope/gen/package.json',
      'node_modules/core/node_modules/@scope/gen/index.js',
      'node_modules/unused-sync/package.json',
    ]);
    const packages = packageDirs(zipped).map((dir) => ({ dir, manifest: { exports: ASYNC_FUNCTION_EXPORTS } }));
    expect(packageDirs(zipped)).toEqual(['node_modules/async-function', 'node_modules/core/node_modules/@scope/gen', 'node_modules/unused-sync']);
    expect(missingExportTargets(packages, zipped)).toEqual([
      'node_modules/async-function/require.mjs',
      'node_modules/core/node_modules/@scope/gen/require.mjs',
    ]);
    zipped.add('node_modules/async-function/require.mjs');
    zipped.add('node_modules/core/node_modules/@scope/gen/require.mjs');
    expect(missingExportTargets(packages, zipped)).toEqual([]);
  });

  it("is covered by .zapierapprc's includeInBuild for the packages the app depends on today", () => {
    const root = path.resolve(__dirname, '..', '..', '..');
    const { includeInBuild } = JSON.parse(fs.readFileSync(path.join(root, '.zapierapprc'), 'utf8')) as { includeInBuild: string[] };
    const patterns = includeInBuild.map((pattern) => new RegExp(pattern, 'i'));
    for (const name of ['async-function', 'generator-function', 'async-generator-function']) {
      const manifest = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
      const loaded = resolveExportTarget(manifest.exports['.'] ?? manifest.exports, NODE_REQUIRE_CONDITIONS)!;
      const file = path.join(root, 'node_modules', name, loaded);
      expect({ file, covered: patterns.some((p) => p.test(file)) }).toEqual({ file, covered: true });
    }
  });
});
