/**
 * The one "now" of a run: `KEEL_NOW` (an RFC 3339 timestamp) if set, else `SOURCE_DATE_EPOCH`
 * (seconds, as reproducible builds use it), else the system clock. Tests pin it.
 */
export function now(env: NodeJS.ProcessEnv = process.env): number {
  if (env.KEEL_NOW) {
    const t = Date.parse(env.KEEL_NOW);
    if (!Number.isNaN(t)) return t;
  }
  if (env.SOURCE_DATE_EPOCH && /^\d+$/.test(env.SOURCE_DATE_EPOCH)) return Number(env.SOURCE_DATE_EPOCH) * 1000;
  return Date.now();
}
