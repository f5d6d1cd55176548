/*
 * The house rules of src/, read from the code's own imports: data flows
 * down the stages of docs/architecture.md, never up; no import cycles; one
 * concept per file keeps files short; no stage outgrows the others.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/** The stages, lowest first; a stage imports only from stages below it. Stages on one line are side by side. */
const STAGES: readonly (readonly string[])[] = [
  ['semconv'],
  ['rows'],
  ['schema'],
  ['rules'],
  ['instrumentation', 'mapping'],
  ['metrics'],
  ['kinds'],
  ['processor'],
  ['sinks'],
  // src/index.ts: the public API of the stages below, which the sources build on.
  ['.'],
  ['setup'],
  ['sources'],
  ['cli'],
];

function rankOf(folder: string): number {
  const rank = STAGES.findIndex(stage => stage.includes(folder));
  if (rank < 0) throw new Error(`src/${folder} is in no stage of the architecture`);
  return rank;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC);
const folderOf = (file: string) => {
  const path = relative(SRC, file).split('/');
  return path.length === 1 ? '.' : (path[0] as string);
};
const importsOf = new Map(
  files.map(file => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/from '(\.[^']+)\.js'/g)].map(match =>
      resolve(dirname(file), `${match[1]}.ts`)
    );
    return [file, targets] as const;
  })
);

describe('architecture of src/', () => {
  it('has data flow down: no folder imports from a folder above or beside it', () => {
    const upward: string[] = [];
    for (const [file, targets] of importsOf) {
      for (const target of targets) {
        const from = folderOf(file);
        const to = folderOf(target);
        if (from !== to && rankOf(to) >= rankOf(from)) {
          upward.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
        }
      }
    }
    expect(upward).toEqual([]);
  });

  it('has no import cycles between files', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map(f => relative(SRC, f)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const target of importsOf.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('keeps every file at 300 lines or fewer', () => {
    const long = files
      .map(file => ({ file: relative(SRC, file), lines: readFileSync(file, 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > 300);
    expect(long).toEqual([]);
  });

  it('keeps the largest folder at a fifth of the lines or fewer', () => {
    const lines = new Map<string, number>();
    let total = 0;
    for (const file of files) {
      const count = readFileSync(file, 'utf8').split('\n').length - 1;
      total += count;
      lines.set(folderOf(file), (lines.get(folderOf(file)) ?? 0) + count);
    }
    const [folder, largest] = [...lines].sort((a, b) => b[1] - a[1])[0] as [string, number];
    expect(largest / total, `src/${folder} holds ${largest} of ${total} lines`).toBeLessThanOrEqual(0.2);
  });
});
