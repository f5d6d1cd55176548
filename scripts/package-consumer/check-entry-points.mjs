// Run in a consumer project that installed the packed tarball: every entry
// point of "exports" loads with require() from the CommonJS build and with
// import from the ESM build, both with the same named exports; every source
// and declaration map points at files the package ships; and installing the
// package runs no build.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const NAME = 'agent-review-telemetry';
const require = createRequire(join(process.cwd(), 'package.json'));
const root = dirname(require.resolve(`${NAME}/package.json`));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
};

// Code entry points; the schema files are data, checked below.
for (const subpath of Object.keys(pkg.exports).filter(key => key !== './package.json' && !key.includes('*'))) {
  const specifier = subpath === '.' ? NAME : `${NAME}/${subpath.slice(2)}`;
  try {
    const required = require(specifier);
    const imported = await import(specifier);
    const requiredFile = require.resolve(specifier);
    const importedFile = new URL(import.meta.resolve(specifier)).pathname;
    check(requiredFile.includes('/dist/cjs/'), `require('${specifier}') loads ${requiredFile}, not the CommonJS build`);
    check(importedFile.includes('/dist/esm/'), `import '${specifier}' loads ${importedFile}, not the ESM build`);
    const requiredNames = Object.keys(required).filter(n => n !== '__esModule').sort();
    const importedNames = Object.keys(imported).filter(n => n !== 'default').sort();
    check(requiredNames.length > 0, `require('${specifier}') has no exports`);
    check(JSON.stringify(requiredNames) === JSON.stringify(importedNames),
      `'${specifier}' exports differ: require ${requiredNames.join(',')} / import ${importedNames.join(',')}`);
    console.log(`${specifier}: require and import, ${requiredNames.length} exports`);
  } catch (error) {
    failures.push(`'${specifier}': ${error}`);
  }
}

// Every shipped row schema resolves through the "./schemas/*" export and parses.
for (const file of readdirSync(join(root, 'schemas'))) {
  const specifier = `${NAME}/schemas/${file}`;
  try {
    const schema = require(specifier);
    check(typeof schema.$ref === 'string' && typeof schema.definitions === 'object', `${specifier} is no row schema`);
  } catch (error) {
    failures.push(`'${specifier}': ${error}`);
  }
}
console.log(`${readdirSync(join(root, 'schemas')).length} row schemas resolve through "./schemas/*"`);

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]);
}
const files = filesUnder(join(root, 'dist'));
const maps = files.filter(f => f.endsWith('.map'));
for (const file of files.filter(f => f.endsWith('.js') || f.endsWith('.d.ts'))) {
  check(maps.includes(`${file}.map`), `${file} has no map`);
}
for (const map of maps) {
  const { sources, sourceRoot = '' } = JSON.parse(readFileSync(map, 'utf8'));
  for (const source of sources) {
    const target = resolve(dirname(map), sourceRoot, source);
    check(target.startsWith(join(root, 'src')) && existsSync(target), `${map} points at ${source}, which is not shipped`);
  }
}
console.log(`${maps.length} source and declaration maps checked against the shipped sources`);

const installScripts = ['preinstall', 'install', 'postinstall', 'prepare'].filter(s => pkg.scripts?.[s]);
check(installScripts.length === 0, `installing runs scripts: ${installScripts.join(', ')}`);

if (failures.length > 0) {
  for (const failure of failures) console.error(`FAIL ${failure}`);
  process.exit(1);
}
