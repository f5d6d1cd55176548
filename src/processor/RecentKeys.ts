/*
 * The keys of rows already emitted, so that a span delivered twice (or two
 * spans for one review) yields one row. Bounded: past the cap the oldest key
 * is forgotten and the eviction counted.
 *
 * Insertion order lives in a ring of the same capacity, not in the Set's own
 * iteration order: V8 leaves deleted Set entries as holes until a rehash, so
 * `set.values().next()` after many FIFO deletes scans thousands of holes
 * (the top self-time function in the benchmark profile before this change).
 */
export class RecentKeys {
  private readonly _keys = new Set<string>();
  /** The keys in insertion order; `_oldest` indexes the oldest once full. */
  private readonly _order: string[] = [];
  private _oldest = 0;
  private readonly _maxKeys: number;
  private readonly _onEvict: () => void;

  constructor(maxKeys: number, onEvict: () => void) {
    this._maxKeys = maxKeys;
    this._onEvict = onEvict;
  }

  get size(): number {
    return this._keys.size;
  }

  /** True the first time a key is seen, false for a repeat. */
  add(key: string): boolean {
    const size = this._keys.size;
    this._keys.add(key);
    if (this._keys.size === size) return false;
    if (this._order.length < this._maxKeys) {
      this._order.push(key);
      return true;
    }
    this._keys.delete(this._order[this._oldest] as string);
    this._order[this._oldest] = key;
    this._oldest = this._oldest + 1 === this._maxKeys ? 0 : this._oldest + 1;
    this._onEvict();
    return true;
  }
}
