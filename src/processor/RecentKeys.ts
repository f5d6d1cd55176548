/*
 * The keys of rows already emitted, so that a span delivered twice (or two
 * spans for one review) yields one row. Bounded: past the cap the oldest key
 * is forgotten and the eviction counted.
 */
export class RecentKeys {
  private readonly _keys = new Set<string>();
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
    if (this._keys.has(key)) return false;
    this._keys.add(key);
    if (this._keys.size > this._maxKeys) {
      this._keys.delete(this._keys.values().next().value as string);
      this._onEvict();
    }
    return true;
  }
}
