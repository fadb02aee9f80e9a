// The README's deploy commands are the ones that work: each `npx zapier-platform` command exists in the CLI
// this project installs, with the flags the README gives it (read from the command's own definition, which is
// what its --help prints; `register --help` needs Zapier's servers), and `npm run package` is what `npm test` runs.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> };
const { scripts } = packageJson;

const deployCommands = () => {
  const section = readme.slice(readme.indexOf('## Deploying to Zapier'));
  const block = /```bash\n([\s\S]*?)```/.exec(section)![1]!;
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean);
};

interface CliCommand {
  flags?: Record<string, { char?: string }>;
}

const cliCommand = (name: string): CliCommand => {
  const commands = path.join(path.dirname(require.resolve('zapier-platform-cli/package.json')), 'src', 'oclif', 'commands');
  const file = [`${name.replace(':', '/')}.js`, `${name.replace(':', '/')}/index.js`].map((f) => path.join(commands, f)).find(fs.existsSync);
  if (!file) throw new Error(`zapier-platform has no command ${name}`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the command's file is only known at run time
  return require(file) as CliCommand;
};

describe("the README's deploy section", () => {
  it('logs in, registers, packages, uploads and sets the environment, in that order', () => {
    expect(deployCommands().map((line) => line.split(/\s+/).slice(0, 3).join(' '))).toEqual([
      'npx zapier-platform login',
      'npx zapier-platform register',
      'npm run package',
      'npx zapier-platform upload',
      'npx zapier-platform env:set',
    ]);
  });

  it('sets the environment of the version upload sends (the one in package.json)', () => {
    const envSet = deployCommands().find((line) => line.startsWith('npx zapier-platform env:set '))!;
    expect(envSet.split(/\s+/)[3]).toBe(packageJson.version);
  });

  it.each(deployCommands().filter((line) => line.startsWith('npx zapier-platform ')))('`%s` is a command and flags of the CLI', (line) => {
    const [, , name, ...rest] = line.split(/\s+/);
    const command = cliCommand(name!);
    const declared = Object.entries(command.flags ?? {}).flatMap(([flag, { char }]) => [`--${flag}`, ...(char ? [`-${char}`] : [])]);
    const used = rest.filter((word) => word.startsWith('-'));
    expect(used.filter((flag) => !declared.includes(flag))).toEqual([]);
  });

  it('names the flags it recommends in its comments the way the CLI spells them', () => {
    expect(Object.keys(cliCommand('login').flags!)).toContain('sso');
    expect(readme).toContain('add --sso if you sign in to Zapier with SSO');
  });

  it('packages with the script npm test runs before the tests that load the zip', () => {
    expect(scripts.package).toBe('npm run build && node dist/packaging/main.js');
    // The unit tests may run first (they load no zip); every jest run that does is after the packaging.
    const packagedAt = scripts.test!.indexOf('npm run package && ');
    expect(packagedAt).toBeGreaterThanOrEqual(0);
    expect(scripts.test!.slice(0, packagedAt)).not.toMatch(/\bjest\b/);
  });
});
