/**
 * The Prometheus HTTP API as a measurement source: `GET /api/v1/query_range`, with a timeout per
 * request, retries with backoff for what may pass (the server unreachable, 429, 5xx, a timeout),
 * none for a rejected query (400, 422: Prometheus's own message). Long ranges are cut into
 * requests of at most MAX_POINTS steps (Prometheus refuses more than 11,000 points per series).
 * Credentials come from the environment (src/core/env.ts), never from content.
 */
import type { PrometheusAuth } from '../core/env.ts';
import { SourceError, type MeasurementSource, type RangeQuery, type RangeSeries } from './source.ts';

const MAX_POINTS = 10_000;

export interface PrometheusOptions {
  readonly url: string;
  readonly auth?: PrometheusAuth;
  readonly timeoutMs: number;
  /** Attempts per request (default 3) and the first backoff (doubled after each failure; default 1 s). */
  readonly attempts?: number;
  readonly backoffMs?: number;
}

interface ApiAnswer {
  status?: unknown;
  error?: unknown;
  errorType?: unknown;
  data?: { resultType?: unknown; result?: unknown };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function headersFor(auth: PrometheusAuth): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (auth === undefined) return headers;
  headers.authorization = 'bearer' in auth ? `Bearer ${auth.bearer}` : `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  return headers;
}

/** The cause of a failed fetch, as one line: `connect ECONNREFUSED 127.0.0.1:9` rather than "fetch failed". */
function causeOf(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { message?: string; code?: string } };
  if (e.name === 'TimeoutError') return 'no answer within the timeout';
  return e.cause?.message ?? e.message ?? String(error);
}

/** The answer's samples: a matrix of `[seconds, "value"]` pairs; anything else is a bad response. */
function seriesOf(answer: ApiAnswer, where: string): RangeSeries[] {
  const data = answer.data;
  if (data?.resultType !== 'matrix' || !Array.isArray(data.result)) throw new SourceError('bad-response', `${where} answered without a matrix result`);
  return (data.result as { metric?: Record<string, string>; values?: [number, string][] }[]).map((series) => ({
    labels: series.metric ?? {},
    // Prometheus writes NaN and ±Inf as strings too: Number() keeps them (a non-number becomes NaN).
    samples: (series.values ?? []).map(([t, v]) => [Math.round(t * 1000), Number(v)] as const),
  }));
}

export function prometheusSource(options: PrometheusOptions): MeasurementSource {
  const base = options.url.replace(/\/+$/, '');
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 1000;

  async function request(query: RangeQuery): Promise<RangeSeries[]> {
    const params = new URLSearchParams({
      query: query.promql,
      start: String(query.startMs / 1000),
      end: String(query.endMs / 1000),
      step: `${query.stepMs / 1000}s`,
    });
    const endpoint = `${base}/api/v1/query_range`;
    let last: SourceError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep(backoffMs * 2 ** (attempt - 2));
      let response: Response;
      try {
        response = await fetch(`${endpoint}?${params}`, {
          headers: headersFor(options.auth),
          signal: AbortSignal.timeout(options.timeoutMs),
          redirect: 'manual',
        });
      } catch (error) {
        last = new SourceError('unreachable', `cannot reach ${endpoint}: ${causeOf(error)}`);
        continue;
      }
      const text = await response.text().catch(() => '');
      const type = response.headers.get('content-type') ?? '';
      let answer: ApiAnswer | undefined;
      if (type.includes('json')) {
        try {
          answer = JSON.parse(text) as ApiAnswer;
        } catch {
          answer = undefined;
        }
      }
      if (answer === undefined) {
        const what = type.includes('html') ? 'an HTML page' : `${type || 'an unknown content type'}`;
        const hint = response.status >= 300 && response.status < 400 ? ` (a redirect to ${response.headers.get('location') ?? '?'})` : '';
        last = new SourceError(
          'bad-response',
          `${endpoint} answered HTTP ${response.status} with ${what}${hint}, not Prometheus's JSON: is the URL the Prometheus API, and is a login proxy in front of it (set KEEL_PROMETHEUS_TOKEN)?`,
        );
        if (response.status >= 500 || response.status === 429) continue;
        throw last;
      }
      if (answer.status === 'success') return seriesOf(answer, endpoint);
      const textOr = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
      const message = `${textOr(answer.errorType, 'error')}: ${textOr(answer.error, `HTTP ${response.status}`)}`;
      if (response.status === 400 || response.status === 422) throw new SourceError('rejected', message);
      last = new SourceError(
        response.status === 401 || response.status === 403 ? 'bad-response' : 'unreachable',
        `${endpoint} answered HTTP ${response.status}: ${message}`,
      );
      if (response.status === 401 || response.status === 403) throw last;
    }
    throw last!;
  }

  return {
    url: base,
    async rangeQuery(query) {
      // Requests of at most MAX_POINTS steps, joined series by series (by their labels).
      const joined = new Map<string, { labels: Record<string, string>; samples: (readonly [number, number])[] }>();
      const span = MAX_POINTS * query.stepMs;
      for (let from = query.startMs; from <= query.endMs; from += span) {
        const to = Math.min(query.endMs, from + span - query.stepMs);
        for (const series of await request({ ...query, startMs: from, endMs: to })) {
          const key = JSON.stringify(Object.entries(series.labels).sort());
          const found = joined.get(key);
          if (found) found.samples.push(...series.samples);
          else joined.set(key, { labels: { ...series.labels }, samples: [...series.samples] });
        }
      }
      return [...joined.values()];
    },
  };
}
