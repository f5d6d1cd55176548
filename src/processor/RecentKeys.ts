/*
 * The keys of rows already emitted, so that a span delivered twice (or two
 * spans for one review) yields one row. Bounded: past the cap the oldest key
 * is forgotten and the eviction counted.
 *
 * A key is a pair of strings the mapping already holds (a thread id and a
 * review id), kept as a set of ids per scope rather than as one joined
 * string: a joined key is a new string per span to flatten, hash and keep
 * alive for the whole window, which made this the top self-time function of
 * the row path in the benchmark profile.
 *
 * Insertion order lives in a ring of the same capacity, not in the sets' own
 * iteration order: V8 leaves deleted Set entries as holes until a rehash, so
 * `set.values().next()` after many FIFO deletes scans thousands of holes.
 */
export class RecentKeys {
  private readonly _byScope = new Map<string, Set<string>>();
  /** The keys in insertion order, as two parallel rings; `_oldest` indexes the oldest once full. */
  private readonly _scopes: string[] = [];
  private readonly _ids: string[] = [];
  private _oldest = 0;
  private readonly _maxKeys: number;
  private readonly _onEvict: () => void;

  constructor(maxKeys: number, onEvict: () => void) {
    this._maxKeys = maxKeys;
    this._onEvict = onEvict;
  }

  /** True the first time a (scope, id) key is seen, false for a repeat. */
  add(scope: string, id: string): boolean {
    let ids = this._byScope.get(scope);
    if (ids === undefined) {
      ids = new Set<string>();
      this._byScope.set(scope, ids);
    }
    const size = ids.size;
    ids.add(id);
    if (ids.size === size) return false;
    if (this._ids.length < this._maxKeys) {
      this._scopes.push(scope);
      this._ids.push(id);
      return true;
    }
    const oldest = this._oldest;
    this._forget(this._scopes[oldest] as string, this._ids[oldest] as string);
    this._scopes[oldest] = scope;
    this._ids[oldest] = id;
    this._oldest = oldest + 1 === this._maxKeys ? 0 : oldest + 1;
    this._onEvict();
    return true;
  }

  /** A scope without ids goes too, so scopes that stop coming cost nothing. */
  private _forget(scope: string, id: string): void {
    const ids = this._byScope.get(scope) as Set<string>;
    ids.delete(id);
    if (ids.size === 0) this._byScope.delete(scope);
  }
}
