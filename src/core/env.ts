/**
 * The one reader of Keel's environment: KEEL_NOW, SOURCE_DATE_EPOCH, KEEL_AUDIENCE,
 * KEEL_CONTENT, KEEL_OUT_DIR and KEEL_DEBUG. A set but malformed value is a usage error: a run that was
 * meant to be pinned must not quietly use the real clock, nor build the wrong audience.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { excerpt } from './escape.ts';
import { instantOf, isTimestamp } from './time.ts';
import { UsageError } from './usage-error.ts';

type Env = NodeJS.ProcessEnv;

/** The last second a JavaScript date can hold. */
const MAX_EPOCH_SECONDS = 8.64e9;

/**
 * The one "now" of a run: `KEEL_NOW` (an RFC 3339 timestamp with an offset) if set, else
 * `SOURCE_DATE_EPOCH` (whole seconds, as reproducible builds use it), else the system clock.
 */
export function now(env: Env = process.env): number {
  if (env.KEEL_NOW) {
    const at = isTimestamp(env.KEEL_NOW) ? instantOf(env.KEEL_NOW) : Number.NaN;
    if (!Number.isFinite(at)) {
      throw new UsageError(`KEEL_NOW must be an RFC 3339 timestamp with an offset, e.g. 2026-11-22T12:00:00Z (got "${excerpt(env.KEEL_NOW)}")`);
    }
    return at;
  }
  if (env.SOURCE_DATE_EPOCH) {
    // Whole seconds that a date can hold (JavaScript dates end 8.64e12 seconds after 1970).
    if (!/^\d{1,13}$/.test(env.SOURCE_DATE_EPOCH) || Number(env.SOURCE_DATE_EPOCH) > MAX_EPOCH_SECONDS) {
      throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970 (got "${excerpt(env.SOURCE_DATE_EPOCH)}")`);
    }
    return Number(env.SOURCE_DATE_EPOCH) * 1000;
  }
  return Date.now();
}

export const AUDIENCES = ['public', 'internal'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** `KEEL_AUDIENCE`: public or internal (the default); anything else is a usage error. */
export function audience(env: Env = process.env): Audience {
  const value = env.KEEL_AUDIENCE;
  if (value === undefined || value === '') return 'internal';
  if ((AUDIENCES as readonly string[]).includes(value)) return value as Audience;
  throw new UsageError(`KEEL_AUDIENCE must be one of ${AUDIENCES.join(', ')} (got "${value}")`);
}

/**
 * The content folder, absolute: `given` (a --content option) if set, else `KEEL_CONTENT`, else
 * `root` itself when it holds keel.yaml (a content repository), else `root/content` (as in a
 * checkout of Keel). An empty KEEL_CONTENT (a CI variable that is not set) means the default.
 */
export function contentDir(root: string, env: Env = process.env, given?: string): string {
  const chosen = given ?? (env.KEEL_CONTENT || undefined);
  if (chosen !== undefined) return resolve(root, chosen);
  return existsSync(join(root, 'keel.yaml')) ? resolve(root) : resolve(root, 'content');
}

/** `KEEL_OUT_DIR` (default `dist`): the folder that receives `public/` and `internal/`. */
export function outRoot(root: string, env: Env = process.env): string {
  return resolve(root, env.KEEL_OUT_DIR || 'dist');
}

/** How keel pull authenticates to Prometheus: only ever from the environment, never from content. */
export type PrometheusAuth = { readonly bearer: string } | { readonly username: string; readonly password: string } | undefined;

/**
 * `KEEL_PROMETHEUS_URL` (the server, overriding keel.yaml) and the credentials: `KEEL_PROMETHEUS_TOKEN`
 * (a bearer token) or `KEEL_PROMETHEUS_USERNAME` and `KEEL_PROMETHEUS_PASSWORD` (basic auth).
 */
export function prometheusEnv(env: Env = process.env): { url: string | undefined; auth: PrometheusAuth } {
  const url = env.KEEL_PROMETHEUS_URL || undefined;
  if (url !== undefined && !/^https?:\/\/[^\s]+$/.test(url)) {
    throw new UsageError(`KEEL_PROMETHEUS_URL must be an http(s) URL, e.g. http://prometheus:9090 (got "${excerpt(url)}")`);
  }
  const token = env.KEEL_PROMETHEUS_TOKEN || undefined;
  const username = env.KEEL_PROMETHEUS_USERNAME || undefined;
  const password = env.KEEL_PROMETHEUS_PASSWORD;
  if (token !== undefined && username !== undefined) {
    throw new UsageError('set either KEEL_PROMETHEUS_TOKEN (bearer) or KEEL_PROMETHEUS_USERNAME and KEEL_PROMETHEUS_PASSWORD (basic auth), not both');
  }
  if (token !== undefined) return { url, auth: { bearer: token } };
  if (username !== undefined) {
    if (password === undefined) throw new UsageError('KEEL_PROMETHEUS_USERNAME is set without KEEL_PROMETHEUS_PASSWORD');
    return { url, auth: { username, password } };
  }
  return { url, auth: undefined };
}

/** `KEEL_DEBUG=1`: internal errors (a rule or a command that threw) show their stack. */
export function debug(env: Env = process.env): boolean {
  return env.KEEL_DEBUG === '1' || env.KEEL_DEBUG === 'true';
}

/**
 * `KEEL_TEST_PAGE_THROWS=<route>`: the build's page guard (src/astro/page-guard.ts) makes the
 * data of that route (its pattern, e.g. `/slos/[id]`) throw, so that a test can see how a
 * failing page is reported. Not for use outside Keel's tests.
 */
export function pageMadeToThrow(env: Env = process.env): string | undefined {
  return env.KEEL_TEST_PAGE_THROWS || undefined;
}
