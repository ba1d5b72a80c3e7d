/**
 * `keel pull` against a real Prometheus (Debian's package): OpenMetrics counters with known
 * per-minute increments — a counter reset and a 25-minute gap among them — are backfilled with
 * promtool and served on 127.0.0.1; the CSV keel pull writes is compared with counts computed
 * from the increments, not from Keel's code. Then: a second run appends only what is new and a
 * third changes no byte; a rejected query, several series, no data, an out-of-order CSV, an
 * unreachable port and an HTML login page each give their clear message.
 *
 * What the expected counts model, as Prometheus sees the data: a query at t reads the latest
 * sample at most 5 minutes old (its lookback), so a row (t − 5m, t] has data when both of its ends
 * see a sample, and counts the increments between those two samples. A reset inside a row counts
 * the increments from the reset on (the counter's value after it, as increase() does): the
 * increments between the row's first sample and the reset are not seen at a 5-minute step.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { writeCheckoutContent } from './support/checkout-content.ts';
import { freePort } from './support/ports.ts';
import { startPrometheus, type PrometheusServer } from './support/prometheus-server.ts';

const T0 = Date.parse('2026-11-01T00:00:00Z');
const MINUTE = 60_000;
const MINUTES = 360;
const RESET_AT = 128;
const GAP = { from: 200, to: 224 };
const BASE = { good: 50_000, bad: 120 };

const goodIncrement = (m: number) => 10 + ((m * 7) % 13);
const badIncrement = (m: number) => (m >= 60 && m < 75 ? 6 : m % 17 === 0 ? 3 : 0);
const sampled = (m: number) => m < GAP.from || m > GAP.to;

/** The OpenMetrics text: one sample a minute of each counter, the good one reset at RESET_AT. */
function openMetrics(): string {
  const lines = ['# HELP checkout_requests Checkout requests by status code.', '# TYPE checkout_requests counter'];
  for (const [code, base, increment, resets] of [
    ['200', BASE.good, goodIncrement, true],
    ['503', BASE.bad, badIncrement, false],
  ] as const) {
    let value = base;
    for (let m = 0; m <= MINUTES; m++) {
      if (m > 0) value = resets && m === RESET_AT ? increment(m) : value + increment(m);
      if (sampled(m)) lines.push(`checkout_requests_total{code="${code}"} ${value} ${(T0 + m * MINUTE) / 1000}`);
    }
  }
  return `${lines.join('\n')}\n# EOF\n`;
}

/** The minute of the sample a query at minute t sees: the latest one at most 5 minutes old. */
function visible(t: number): number | undefined {
  for (let m = t; m > t - 5 && m >= 0; m--) if (sampled(m)) return m;
  return undefined;
}

/** The CSV keel pull should write for rows ending at minutes (from, to], from the increments alone. */
function expectedCsv(from: number, to: number): string {
  const rows = ['timestamp,good,total'];
  for (let end = from + 5; end <= to; end += 5) {
    const a = visible(end - 5);
    const b = visible(end);
    if (a === undefined || b === undefined) continue;
    let good = 0;
    let bad = 0;
    for (let m = a + 1; m <= b; m++) {
      good = RESET_AT === m ? goodIncrement(m) : good + goodIncrement(m);
      bad += badIncrement(m);
    }
    rows.push(`${new Date(T0 + end * MINUTE).toISOString().replace('.000Z', 'Z')},${good},${good + bad}`);
  }
  return `${rows.join('\n')}\n`;
}

const at = (minute: number) => new Date(T0 + minute * MINUTE).toISOString();

async function run(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env, cwd: dir });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
let server: PrometheusServer | undefined;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'keel-pull-'));
  server = await startPrometheus(openMetrics());
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('keel pull from a real Prometheus', () => {
  it('writes the counts of every interval, appends only new ones, and a run without new data changes no byte', async () => {
    const content = join(dir, 'checkout');
    writeCheckoutContent(content, { prometheusUrl: server!.url, step: '5m' });
    const csv = join(content, 'measurements/checkout-availability.csv');
    const first = await run(['pull', '--content', content, '--since', at(0)], { KEEL_NOW: at(180) });
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(readFileSync(csv, 'utf8')).toBe(expectedCsv(0, 180));
    const second = await run(['pull', '--content', content], { KEEL_NOW: at(MINUTES) });
    expect(second.code).toBe(0);
    expect(readFileSync(csv, 'utf8')).toBe(expectedCsv(0, MINUTES));
    // The gap shows as intervals without data; the counts stay whole numbers.
    expect(second.out).toContain(
      'keel pull: checkout-availability: +31 rows (2026-11-01T03:05:00Z … 2026-11-01T06:00:00Z) → measurements/checkout-availability.csv; 5 intervals without data',
    );
    expect(second.out.split('\n').at(-1)).toBe('keel pull: 1 SLOs pulled, 0 failed, 0 skipped; appended 31 rows');
    const before = statSync(csv).mtimeMs;
    const third = await run(['pull', '--content', content], { KEEL_NOW: at(MINUTES) });
    expect(third.code).toBe(0);
    expect(third.out).toContain('appended 0 rows');
    expect(statSync(csv).mtimeMs).toBe(before);
    expect(readFileSync(csv, 'utf8')).toBe(expectedCsv(0, MINUTES));
    // The file validates and --dry-run writes nothing.
    const dry = await run(['pull', '--content', content, '--since', at(0), '--rewrite', '--dry-run'], { KEEL_NOW: at(MINUTES) });
    expect(dry.out).toContain('would append 67 rows');
    expect(statSync(csv).mtimeMs).toBe(before);
    expect((await run(['validate', '--content', content], { KEEL_NOW: at(MINUTES) })).code).toBe(0);
  });

  it('rewrites the rows from --since on with --rewrite, keeping the ones before', async () => {
    const content = join(dir, 'rewrite');
    writeCheckoutContent(content, { prometheusUrl: server!.url, step: '5m' });
    const csv = join(content, 'measurements/checkout-availability.csv');
    await run(['pull', '--content', content, '--since', at(0)], { KEEL_NOW: at(MINUTES) });
    // A row edited by hand after 03:00 is replaced; the ones before are kept as they are.
    const edited = readFileSync(csv, 'utf8')
      .replace(/^(2026-11-01T02:00:00Z),\d+,/m, '$1,1,')
      .replace(/^(2026-11-01T04:00:00Z),\d+,/m, '$1,1,');
    writeFileSync(csv, edited);
    const r = await run(['pull', '--content', content, '--since', at(180), '--rewrite'], { KEEL_NOW: at(MINUTES) });
    expect(r.code).toBe(0);
    const text = readFileSync(csv, 'utf8');
    expect(text).toMatch(/^2026-11-01T02:00:00Z,1,/m);
    expect(text).not.toMatch(/^2026-11-01T04:00:00Z,1,/m);
    expect(text.split('\n').slice(0, 36)).toEqual(edited.split('\n').slice(0, 36));
  });

  it('reports a rejected query with its file:line:col, several series by the labels that differ, no data as a warning, NaN, an out-of-order CSV at its line, another data source — and pulls the others', async () => {
    const content = join(dir, 'bad');
    writeCheckoutContent(content, { prometheusUrl: server!.url, step: '5m' });
    const slo = (name: string, good: string, total: string) => `---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: checkout
  indicator:
    metadata:
      name: ${name}-sli
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            metricSourceRef: prometheus
            spec:
              query: '${good}'
        total:
          metricSource:
            metricSourceRef: prometheus
            spec:
              query: '${total}'
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99
`;
    writeFileSync(
      join(content, 'slos/more.yaml'),
      [
        slo('rejected', 'sum(checkout_requests_total{code="200"}', 'sum(checkout_requests_total)'),
        slo('several', 'checkout_requests_total', 'sum(checkout_requests_total)'),
        slo('empty', 'sum(checkout_requests_total{code="204"})', 'sum(checkout_requests_total)'),
        slo('fine', 'sum(checkout_requests_total{code="200"})', 'sum(checkout_requests_total)'),
        slo('not-a-number', 'sum(checkout_requests_total{code="200"}) * 0 / 0', 'sum(checkout_requests_total)'),
      ]
        .join('')
        .slice(4),
    );
    // An SLO read from another data source is skipped with a note.
    writeFileSync(
      join(content, 'slos/warehouse.yaml'),
      slo('warehouse', 'good', 'total').slice(4).replaceAll('metricSourceRef: prometheus', 'metricSourceRef: bigquery') +
        '---\napiVersion: openslo/v1\nkind: DataSource\nmetadata:\n  name: bigquery\nspec:\n  type: BigQuery\n',
    );
    writeFileSync(join(content, 'measurements/checkout-availability.csv'), 'timestamp,good,total\n2026-11-01T00:10:00Z,5,5\n2026-11-01T00:05:00Z,5,5\n');
    const r = await run(['pull', '--content', content, '--since', at(0)], { KEEL_NOW: at(60) });
    expect(r.code).toBe(1);
    expect(r.err.replaceAll(content, 'CONTENT')).toMatchSnapshot();
    expect(r.out).toContain('keel pull: warehouse: skipped: its SLI reads a BigQuery data source, not Prometheus');
    expect(r.out.split('\n').at(-1)).toBe('keel pull: 2 SLOs pulled, 4 failed, 1 skipped; appended 12 rows');
  });

  it('names the URL and the cause when the server cannot be reached', async () => {
    const content = join(dir, 'unreachable');
    const port = await freePort();
    writeCheckoutContent(content, { prometheusUrl: `http://127.0.0.1:${port}`, step: '5m' });
    const r = await run(['pull', '--content', content, '--since', at(0)], { KEEL_NOW: at(60) });
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `error SLO checkout-availability not pulled: cannot reach http://127.0.0.1:${port}/api/v1/query_range: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });

  it('says so when a login proxy answers with an HTML page', async () => {
    const seen: (string | undefined)[] = [];
    const proxy: Server = createServer((request, response) => {
      seen.push(request.headers.authorization);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><title>Sign in</title><form>…</form>');
    });
    const port = await freePort();
    await new Promise<void>((done) => proxy.listen(port, '127.0.0.1', done));
    try {
      const content = join(dir, 'proxy');
      writeCheckoutContent(content, { prometheusUrl: `http://127.0.0.1:${port}`, step: '5m' });
      const r = await run(['pull', '--content', content, '--since', at(0)], { KEEL_NOW: at(60), KEEL_PROMETHEUS_TOKEN: 'not-in-content' });
      expect(r.code).toBe(1);
      expect(r.err).toBe(
        `error SLO checkout-availability not pulled: http://127.0.0.1:${port}/api/v1/query_range answered HTTP 200 with an HTML page, not Prometheus's JSON: is the URL the Prometheus API, and is a login proxy in front of it (set KEEL_PROMETHEUS_TOKEN)?`,
      );
      // The token comes from the environment only, and goes out as a bearer token.
      expect(seen).toEqual(['Bearer not-in-content']);
    } finally {
      await new Promise((done) => proxy.close(done));
    }
  });
});
