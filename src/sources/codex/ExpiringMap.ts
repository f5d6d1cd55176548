/*
 * Bounded state for things the stream opened and has not closed yet
 * (approval requests waiting for an answer, open items and guardian
 * reviews). Past the cap the oldest entry is evicted; entries older than
 * the maximum age expire. Either way the owner is told, so it can end the
 * span and count the loss: nothing is dropped silently.
 */

export interface ExpiringMapOptions<V> {
  maxEntries: number;
  maxAgeMs: number;
  /** Called for every entry that leaves without being taken. */
  onExpire: (value: V, atMs: number) => void;
}

interface Entry<V> {
  value: V;
  addedAtMs: number;
}

export class ExpiringMap<V> {
  private readonly _entries = new Map<string, Entry<V>>();
  private readonly _options: ExpiringMapOptions<V>;

  constructor(options: ExpiringMapOptions<V>) {
    this._options = options;
  }

  get(key: string): V | undefined {
    return this._entries.get(key)?.value;
  }

  /** Adds an entry; a key already present is replaced (its old value expires). */
  add(key: string, value: V, atMs: number): void {
    this.expire(atMs);
    const previous = this._entries.get(key);
    if (previous !== undefined) {
      this._entries.delete(key);
      this._options.onExpire(previous.value, atMs);
    }
    this._entries.set(key, { value, addedAtMs: atMs });
    if (this._entries.size > this._options.maxEntries) {
      const [oldestKey, oldest] = this._entries.entries().next().value as [string, Entry<V>];
      this._entries.delete(oldestKey);
      this._options.onExpire(oldest.value, atMs);
    }
  }

  /** Removes and returns the entry. */
  take(key: string): V | undefined {
    const entry = this._entries.get(key);
    if (entry === undefined) return undefined;
    this._entries.delete(key);
    return entry.value;
  }

  /** Removes and returns every entry the predicate selects. */
  takeWhere(select: (value: V) => boolean): V[] {
    const taken: V[] = [];
    for (const [key, entry] of this._entries) {
      if (select(entry.value)) {
        this._entries.delete(key);
        taken.push(entry.value);
      }
    }
    return taken;
  }

  /** Expires the entries older than the maximum age (insertion order is age order). */
  expire(nowMs: number): void {
    for (const [key, entry] of this._entries) {
      if (nowMs - entry.addedAtMs <= this._options.maxAgeMs) return;
      this._entries.delete(key);
      this._options.onExpire(entry.value, nowMs);
    }
  }
}
