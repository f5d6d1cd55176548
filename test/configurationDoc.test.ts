/*
 * docs/configuration.md's table of variables and the setup tests agree: a
 * variable marked tested is set by a test named after it, and every
 * variable a test is named after is in the table.
 */
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';

const DOC = new URL('../docs/configuration.md', import.meta.url);
const TESTS = ['./setupEnvironment.test.ts', './setupSampling.test.ts'].map(file => new URL(file, import.meta.url));

async function tableRows(): Promise<Array<{ variable: string; tested: string }>> {
  const text = await readFile(DOC, 'utf8');
  return [...text.matchAll(/^\| `(OTEL_[A-Z_]+)` \|.*\| (\w+) \|$/gm)].map(([, variable, tested]) => ({
    variable: variable!,
    tested: tested!,
  }));
}

async function testedVariables(): Promise<Set<string>> {
  const titles = (await Promise.all(TESTS.map(file => readFile(file, 'utf8')))).flatMap(text =>
    [...text.matchAll(/^\s*it\('([^']*)'/gm)].map(([, title]) => title!)
  );
  return new Set(titles.flatMap(title => title.match(/OTEL_[A-Z_]+[A-Z]/g) ?? []));
}

it('every variable the table marks tested has a test named after it', async () => {
  const tested = await testedVariables();
  const rows = await tableRows();
  expect(rows.filter(row => row.tested === 'yes').length).toBeGreaterThan(20);
  expect(rows.filter(row => row.tested === 'yes' && !tested.has(row.variable))).toEqual([]);
});

it('every variable a setup test is named after is in the table, marked tested', async () => {
  const rows = new Map((await tableRows()).map(row => [row.variable, row.tested]));
  const missing = [...(await testedVariables())].filter(variable => rows.get(variable) !== 'yes');
  expect(missing).toEqual([]);
});
