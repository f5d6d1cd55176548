// Run in a consumer project that installed the packed tarball alone, without
// the optional peer packages of agent-review-telemetry/setup: every other
// entry point loads with require() and import, the command line runs, and
// /setup fails naming the package that is missing.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const NAME = 'agent-review-telemetry';
const require = createRequire(join(process.cwd(), 'package.json'));
const root = dirname(require.resolve(`${NAME}/package.json`));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const optional = Object.keys(pkg.peerDependenciesMeta ?? {}).filter(name => pkg.peerDependenciesMeta[name].optional);
const failures = [];

// Some may come in through a dependency (sdk-trace brings core and resources).
const absent = optional.filter(name => {
  try {
    require.resolve(name);
    return false;
  } catch {
    return true;
  }
});
if (absent.length === 0) failures.push('every optional peer is installed, so this check proves nothing');
console.log(`not installed: ${absent.join(', ')}`);
for (const specifier of [NAME, `${NAME}/semconv`, `${NAME}/codex`]) {
  try {
    require(specifier);
    await import(specifier);
    console.log(`${specifier}: loads without setup's packages`);
  } catch (error) {
    failures.push(`'${specifier}' needs a setup package: ${error}`);
  }
}
const missing = new RegExp(`Cannot find (module|package) '(${absent.map(n => n.replace('/', '\\/')).join('|')})'`);
for (const [how, load] of [['require', () => require(`${NAME}/setup`)], ['import', () => import(`${NAME}/setup`)]]) {
  try {
    await load();
    failures.push(`${how} of ${NAME}/setup loaded without its packages`);
  } catch (error) {
    if (missing.test(String(error))) console.log(`${how} of ${NAME}/setup: ${String(error).split('\n')[0]}`);
    else failures.push(`${how} of ${NAME}/setup failed without naming a missing package: ${error}`);
  }
}
const help = execFileSync(process.execPath, [join(root, pkg.bin[NAME]), 'validate', '--help'], { encoding: 'utf8' });
if (help.includes('Usage')) console.log('the command line runs without setup\'s packages');
else failures.push(`the command line did not run: ${help}`);

if (failures.length > 0) {
  for (const failure of failures) console.error(`FAIL ${failure}`);
  process.exit(1);
}
