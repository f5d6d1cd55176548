/* `summarize`, `validate`, the rows file reader and the program itself, run in this process. */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../src/index.js';
import { Captured, cli, processorRows, writeLines } from './cliRun.js';
import { rowsFileLines, runCli } from './support/internals.js';

let dir: string;
let rowsFile: string;
let rowLines: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-rows-'));
  rowLines = (await processorRows()).map(row => JSON.stringify(row));
  rowsFile = await writeLines(dir, 'rows.jsonl', rowLines);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function readLines(path: string, maxLineBytes?: number) {
  const entries = [];
  for await (const entry of rowsFileLines(path, maxLineBytes)) entries.push(entry);
  return entries;
}

describe('summarize', () => {
  it('prints the figures of a rows file as JSON', async () => {
    const { code, stdout } = await cli(['summarize', rowsFile, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      rowsByEventType: { codex_guardian_review: 1, codex_review_event: 3 },
      reviewsByReviewerAndStatus: [
        { reviewer: 'guardian', status: 'denied', reviews: 1 },
        { reviewer: 'user', status: 'approved', reviews: 1 },
        { reviewer: 'user', status: 'denied', reviews: 1 },
      ],
      guardian: expect.objectContaining({ reviews: 1, failedClosed: 1, timedOut: 0 }) as unknown,
    });
  });

  it('prints the tables the demo prints', async () => {
    const { code, stdout } = await cli(['summarize', rowsFile]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^rows by event_type\s+rows\n/);
    expect(stdout).toMatch(/failed closed\s+1 \(100\.0%\)\n/);
  });

  it('refuses a file with lines that are not rows, with exit 2, their count and the first one', async () => {
    const bad = await writeLines(dir, 'summarize-bad.jsonl', [rowLines[0]!, 'nope', '{"event_type":"x"}']);
    const { code, stdout, stderr } = await cli(['summarize', bad]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`summarize: ${bad}: 2 line(s) are not rows (first: line 2, not JSON)\n`);
  });

  it('answers a missing file with one line and exit 1', async () => {
    const { code, stderr } = await cli(['summarize', join(dir, 'missing.jsonl')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^agent-review-telemetry: ENOENT: no such file or directory, open '.*missing\.jsonl'\n$/);
  });
});

describe('validate', () => {
  it('accepts every row the processor writes', async () => {
    const { code, stdout } = await cli(['validate', rowsFile]);
    expect(code).toBe(0);
    expect(stdout).toBe('4 valid, 0 invalid\n');
  });

  it('names the line and the field of each invalid row, and exits 1', async () => {
    const broken = JSON.parse(rowLines[0]!) as { event_params: Record<string, unknown> };
    broken.event_params.started_at_ms = -1;
    broken.event_params.thread_id = 7;
    const bad = await writeLines(dir, 'invalid.jsonl', [rowLines[0]!, JSON.stringify(broken), '[1]', '', '{"event_type":1}']);
    const { code, stdout } = await cli(['validate', bad]);
    expect(code).toBe(1);
    expect(stdout).toBe(
      'line 2: /event_params/thread_id must be string; /event_params/started_at_ms must be >= 0\n' +
        'line 3: not a JSON object\n' +
        'line 5: not a row (needs a string event_type and an object event_params)\n' +
        '1 valid, 3 invalid\n'
    );
  });

  it('names an error of the row as a whole with the path /', async () => {
    const [valid] = await processorRows();
    const bad = await writeLines(dir, 'extra.jsonl', [JSON.stringify({ ...valid, extra: 1 })]);
    const { code, stdout } = await cli(['validate', bad]);
    expect(code).toBe(1);
    expect(stdout).toBe('line 1: / must NOT have additional properties\n0 valid, 1 invalid\n');
  });

  it('checks a row of an unknown kind against the schema of any row, naming its first five errors', async () => {
    const bad = await writeLines(dir, 'unknown.jsonl', ['{"event_type":"codex_other","event_params":{}}']);
    const { code, stdout } = await cli(['validate', bad]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^line 1: \/event_type must be equal to constant; .*\n0 valid, 1 invalid\n$/);
    expect(stdout.split('\n')[0]!.split('; ')).toHaveLength(5);
  });
});

describe('rowsFileLines', () => {
  it('reads a last line that has no newline', async () => {
    const path = join(dir, 'no-newline.jsonl');
    await writeFile(path, `${rowLines[0]}\n${rowLines[1]}`);
    expect((await readLines(path)).map(entry => entry.line)).toEqual([1, 2]);
  });

  it('numbers lines as the file does, blank ones included, and says how far it has read', async () => {
    const path = await writeLines(dir, 'blank.jsonl', ['', rowLines[0]!, '  ', rowLines[1]!]);
    const entries = await readLines(path);
    expect(entries.map(entry => entry.line)).toEqual([2, 4]);
    const size = (await stat(path)).size;
    expect(entries.map(entry => entry.offset)).toEqual([size, size]);
  });

  it('makes a line over the cap a bad line, without reading it whole, and goes on', async () => {
    const path = await writeLines(dir, 'long.jsonl', [rowLines[0]!, `"${'x'.repeat(5000)}"`, rowLines[1]!]);
    const entries = await readLines(path, 4096);
    expect(entries.map(entry => ('problem' in entry ? entry.problem : entry.line))).toEqual([1, 'longer than 4096 bytes', 3]);
    expect(entries[1]).toMatchObject({ line: 2 });
  });

  it('reads rows split across the chunks of a large file', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => rowLines[i % rowLines.length]!);
    const path = await writeLines(dir, 'many.jsonl', many);
    const entries = await readLines(path);
    expect(entries.filter(entry => 'row' in entry)).toHaveLength(2000);
    expect(new Set(entries.map(entry => entry.offset)).size).toBeGreaterThan(1);
  });

  it('tells JSON that is not an object, or an object that is not a row, from a row', async () => {
    const path = await writeLines(dir, 'shapes.jsonl', [
      'null',
      '"text"',
      '{"event_params":{}}',
      '{"event_type":"x","event_params":[]}',
      '{"event_type":"x","event_params":null}',
      '{"event_type":"x","event_params":{}}',
    ]);
    const notARow = 'not a row (needs a string event_type and an object event_params)';
    expect((await readLines(path)).map(entry => ('problem' in entry ? entry.problem : 'row'))).toEqual([
      'not a JSON object',
      'not a JSON object',
      notARow,
      notARow,
      notARow,
      'row',
    ]);
  });
});

describe('the program', () => {
  it.each(['', 'codex-proxy', 'codex-replay', 'init-deploy', 'replay', 'summarize', 'validate'])(
    'says what %j does and takes in its --help',
    async name => {
      const { stdout } = await cli([...(name ? [name] : []), '--help']);
      expect(stdout).toMatchSnapshot();
    }
  );

  it('wraps help at the width of a terminal, at 80 columns elsewhere', async () => {
    const wide = new Captured(true, 200);
    const narrow = new Captured(false, 200);
    await runCli(['replay', '--help'], { stdin: process.stdin, stdout: wide, stderr: wide });
    await runCli(['replay', '--help'], { stdin: process.stdin, stdout: narrow, stderr: narrow });
    const longest = (text: string) => Math.max(...text.split('\n').map(line => line.length));
    expect(longest(narrow.text)).toBeLessThanOrEqual(80);
    expect(longest(wide.text)).toBeGreaterThan(120);
  });

  it('takes the smallest numbers the integer options allow', async () => {
    const { code, stderr } = await cli(['replay', rowsFile, '--endpoint', 'http://127.0.0.1:1', '--max-line-bytes', '1', '--retry-for', '0']);
    expect(code).toBe(2);
    expect(stderr).toContain(`replay: ${rowsFile}: line 1: longer than 1 bytes\n`);
  });

  it.each(['codex-proxy', 'codex-replay', 'init-deploy', 'replay', 'summarize', 'validate'])(
    'answers %s --help with its usage and exit 0',
    async name => {
      const { code, stdout } = await cli([name, '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: agent-review-telemetry ${name} `));
    }
  );

  it('lists every command in its own --help', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    for (const name of ['codex-proxy', 'codex-replay', 'init-deploy', 'replay', 'summarize', 'validate']) {
      expect(stdout).toMatch(new RegExp(`\\n  ${name} `));
    }
  });

  it('prints the package version', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('answers an unknown command on stderr with exit 1', async () => {
    const { code, stderr } = await cli(['nonsense']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: unknown command 'nonsense'/);
  });

  it.each(['0', '-1', '1.5', 'x', ''])('refuses %j where a positive integer is expected', async value => {
    const { code, stderr } = await cli(['replay', 'rows.jsonl', '--max-line-bytes', value]);
    expect(code).toBe(1);
    expect(stderr).toContain('expected a positive integer');
  });

  it.each(['-1', '0.5', ' '])('refuses %j where a whole number is expected', async value => {
    const { code, stderr } = await cli(['replay', 'rows.jsonl', '--retry-for', value]);
    expect(code).toBe(1);
    expect(stderr).toContain('expected a whole number, 0 or more');
  });
});
