/*
 * Membership in a closed value set of values.ts. The arrays stay the one
 * definition (types, docs, metrics iterate them); the Set each lookup needs
 * is made from the array on first use and kept with it.
 */
const SETS = new WeakMap<readonly string[], ReadonlySet<unknown>>();

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  let set = SETS.get(values);
  if (set === undefined) {
    set = new Set<unknown>(values);
    SETS.set(values, set);
  }
  return set.has(value);
}
