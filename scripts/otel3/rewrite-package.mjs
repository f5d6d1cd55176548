// Rewrites a copy's package.json to the OpenTelemetry JS 3.x line of
// scripts/otel3-line.json: every @opentelemetry dependency and dev dependency
// gets its 3.x version, 2.x-only packages go. It fails on an @opentelemetry
// package the table does not know, and when a 3.x version falls outside the
// package's own peer range for it (so the ranges are tested, not assumed).
// Usage: node rewrite-package.mjs <package.json> <otel3-line.json> <npm's folder, for its semver>
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [packageFile, lineFile, npmDir] = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(packageFile, 'utf8'));
const line = JSON.parse(readFileSync(lineFile, 'utf8'));
const semver = createRequire(`${npmDir}/package.json`)('semver');
const problems = [];

for (const field of ['dependencies', 'devDependencies']) {
  for (const name of Object.keys(pkg[field] ?? {}).filter(n => n.startsWith('@opentelemetry/'))) {
    if (line.only2x.includes(name)) delete pkg[field][name];
    else if (name in line.versions) pkg[field][name] = line.versions[name];
    else if (!line.sameOnBothLines.includes(name)) problems.push(`${field}: no 3.x version of ${name} in ${lineFile}`);
  }
}
for (const [name, range] of Object.entries(pkg.peerDependencies ?? {})) {
  const version = line.versions[name];
  if (version !== undefined && !semver.satisfies(version, range)) {
    problems.push(`peerDependencies: ${name} "${range}" does not accept the 3.x line's ${version}`);
  }
}
if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
writeFileSync(packageFile, `${JSON.stringify(pkg, null, 2)}\n`);
for (const field of ['peerDependencies', 'dependencies', 'devDependencies']) {
  const otel = Object.entries(pkg[field] ?? {}).filter(([n]) => n.startsWith('@opentelemetry/'));
  console.log(`${field}: ${otel.map(([n, v]) => `${n.slice('@opentelemetry/'.length)}@${v}`).join(' ')}`);
}
