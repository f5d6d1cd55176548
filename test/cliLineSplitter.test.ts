/* What the rows file reader needs of LineSplitter: the last line, and over-long lines told in their place. */
import { describe, expect, it } from 'vitest';
import { LineSplitter } from './support/internals.js';

function split(chunks: string[], maxLineBytes: number, end = true) {
  const events: string[] = [];
  const splitter = new LineSplitter(maxLineBytes, line => events.push(String(line)), () => events.push('<oversized>'));
  for (const chunk of chunks) splitter.push(Buffer.from(chunk), 0);
  if (end) splitter.end(0);
  return { events, oversized: splitter.oversized };
}

describe('LineSplitter', () => {
  it('gives the last line without a newline at the end of the input', () => {
    expect(split(['a\nb', 'c'], 16).events).toEqual(['a', 'bc']);
  });

  it('gives no line at the end when the input ended with a newline, or was empty', () => {
    expect(split(['a\n'], 16).events).toEqual(['a']);
    expect(split([], 16).events).toEqual([]);
  });

  it('tells of an over-long line in its place among the others, once however many chunks it spans', () => {
    expect(split(['a\n', 'x'.repeat(20), 'x'.repeat(20), 'x'.repeat(20), '\nb\n'], 16)).toEqual({
      events: ['a', '<oversized>', 'b'],
      oversized: 1,
    });
  });

  it('keeps a line of exactly the cap, and tells of an over-long last line without giving it', () => {
    expect(split(['abcd\n', 'abcde'], 4).events).toEqual(['abcd', '<oversized>']);
  });
});
