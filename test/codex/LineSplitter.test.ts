import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../support/internals.js';

function split(chunks: string[], maxLineBytes = 1024) {
  const lines: string[] = [];
  const splitter = new LineSplitter(maxLineBytes, line => lines.push(String(line)));
  for (const chunk of chunks) splitter.push(Buffer.from(chunk), 0);
  return { lines, oversized: splitter.oversized };
}

describe('LineSplitter', () => {
  it('joins a line split across chunks and holds back a partial last line', () => {
    expect(split(['{"a"', ':1}\n{"b":2}\n{"c"']).lines).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('skips and counts a line longer than the cap, then goes on with the next line', () => {
    expect(split(['x'.repeat(10), 'y'.repeat(10), '\nok\n'], 16)).toEqual({ lines: ['ok'], oversized: 1 });
  });
});
