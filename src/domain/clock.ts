/**
 * The one "now" of a run: `KEEL_NOW` (an RFC 3339 timestamp with an offset) if set, else
 * `SOURCE_DATE_EPOCH` (whole seconds, as reproducible builds use it), else the system clock.
 * Tests pin it. A set but malformed value is an error: a run that was meant to be pinned must
 * not quietly use the real clock.
 */
import { isTimestamp } from '../schemas/common.ts';

export class ClockError extends Error {}

export function now(env: NodeJS.ProcessEnv = process.env): number {
  if (env.KEEL_NOW) {
    if (!isTimestamp(env.KEEL_NOW)) {
      throw new ClockError(`KEEL_NOW must be an RFC 3339 timestamp with an offset, e.g. 2026-11-22T12:00:00Z (got "${env.KEEL_NOW}")`);
    }
    return Date.parse(env.KEEL_NOW);
  }
  if (env.SOURCE_DATE_EPOCH) {
    if (!/^\d+$/.test(env.SOURCE_DATE_EPOCH)) {
      throw new ClockError(`SOURCE_DATE_EPOCH must be whole seconds since 1970 (got "${env.SOURCE_DATE_EPOCH}")`);
    }
    return Number(env.SOURCE_DATE_EPOCH) * 1000;
  }
  return Date.now();
}
