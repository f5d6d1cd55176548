/* RecentKeys: bounded first-seen set, oldest key forgotten first. */
import { describe, expect, it } from 'vitest';
import { RecentKeys } from './support/internals.js';

describe('RecentKeys', () => {
  it('accepts a key once and refuses repeats while it is remembered', () => {
    const keys = new RecentKeys(4, () => {});
    expect(keys.add('a')).toBe(true);
    expect(keys.add('a')).toBe(false);
    expect(keys.size).toBe(1);
  });

  it('forgets the oldest key first and counts each eviction', () => {
    let evicted = 0;
    const keys = new RecentKeys(3, () => evicted++);
    for (const key of ['a', 'b', 'c', 'd']) expect(keys.add(key)).toBe(true);
    expect(evicted).toBe(1);
    expect(keys.size).toBe(3);
    // A repeat does not refresh a key: 'b' stays the oldest and goes next.
    expect(keys.add('b')).toBe(false);
    expect(keys.add('e')).toBe(true);
    expect(keys.add('c')).toBe(false);
    expect(keys.add('d')).toBe(false);
    expect(keys.add('b')).toBe(true);
    expect(keys.add('a')).toBe(true);
    expect(evicted).toBe(4);
    expect(keys.size).toBe(3);
  });

  it('keeps working over many wraps of its capacity', () => {
    let evicted = 0;
    const keys = new RecentKeys(1, () => evicted++);
    for (let i = 0; i < 1000; i++) {
      expect(keys.add(`k${i}`)).toBe(true);
      expect(keys.add(`k${i}`)).toBe(false);
    }
    expect(evicted).toBe(999);
    expect(keys.size).toBe(1);
  });
});
