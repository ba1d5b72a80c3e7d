/**
 * Remembers a pure function's results by a string key. The public build renders the same update
 * bodies and instants on an incident's page, in the site's feeds and in each of its components'
 * feeds (RSS, Atom, JSON): on the 800-incident history, rendering Markdown and formatting times
 * were a quarter of the build's CPU time, mostly repeats. Bounded so that a long-lived process
 * (the tests, `keel dev`) does not keep every text it ever saw.
 */
const LIMIT = 50_000;

export function memoized<A extends unknown[], R>(key: (...args: A) => string, compute: (...args: A) => R): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args: A): R => {
    const k = key(...args);
    const hit = cache.get(k);
    if (hit !== undefined) return hit;
    const value = compute(...args);
    if (cache.size >= LIMIT) cache.clear();
    cache.set(k, value);
    return value;
  };
}
