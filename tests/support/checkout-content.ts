/**
 * A small content folder for the Prometheus tests: one service, one Occurrences SLO whose SLI reads
 * Prometheus counters, and (optionally) its measurements. Traffic is deterministic: a daily
 * swing, a trickle of errors, and the bursts a test asks for.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CHECKOUT_GOOD = 'sum(checkout_requests_total{code!~"5.."})';
export const CHECKOUT_TOTAL = 'sum(checkout_requests_total)';

export interface Burst {
  /** Index of the first row. */
  readonly from: number;
  readonly rows: number;
  /** Share of the requests that fail. */
  readonly errorRate: number;
}

/** Rows of `timestamp,good,total` counts: `rows` intervals of `stepMs` ending at start + stepMs, …. */
export function checkoutCounts(rows: number, bursts: readonly Burst[]): { good: number[]; total: number[] } {
  const good: number[] = [];
  const total: number[] = [];
  let seed = 7;
  for (let i = 0; i < rows; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    const requests = 900 + Math.round(300 * Math.sin((2 * Math.PI * i) / 288)) + (seed % 50);
    const burst = bursts.find((b) => i >= b.from && i < b.from + b.rows);
    const errors = burst ? Math.round(requests * burst.errorRate) : seed % 3 === 0 ? 1 : 0;
    good.push(requests - errors);
    total.push(requests);
  }
  return { good, total };
}

export function measurementsCsv(startMs: number, stepMs: number, counts: { good: readonly number[]; total: readonly number[] }): string {
  const lines = counts.good.map((g, i) => `${new Date(startMs + (i + 1) * stepMs).toISOString().replace('.000Z', 'Z')},${g},${counts.total[i]}`);
  return `timestamp,good,total\n${lines.join('\n')}\n`;
}

/** Writes keel.yaml, the service and the SLO (and measurements/checkout-availability.csv when given) into `dir`. */
export function writeCheckoutContent(
  dir: string,
  options: { csv?: string; prometheusUrl?: string; step?: string; objective?: number; internalSiteUrl?: string } = {},
): void {
  for (const folder of ['services', 'slos', 'measurements', 'runbooks']) mkdirSync(join(dir, folder), { recursive: true });
  const prometheus = options.prometheusUrl ? `prometheus:\n  url: ${options.prometheusUrl}\n  step: ${options.step ?? '5m'}\n` : '';
  const site = options.internalSiteUrl ? `internalSiteUrl: ${options.internalSiteUrl}\n` : '';
  writeFileSync(join(dir, 'keel.yaml'), `organisation:\n  name: Shop\n  url: https://shop.example\ntimeZone: UTC\n${site}${prometheus}`);
  writeFileSync(join(dir, 'services/checkout.yaml'), 'name: Checkout\nowner: team-shop\ntier: 1\nstatusPage: false\n');
  writeFileSync(
    join(dir, 'slos/checkout.yaml'),
    `apiVersion: openslo/v1
kind: DataSource
metadata:
  name: prometheus
spec:
  type: Prometheus
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
spec:
  service: checkout
  indicator:
    metadata:
      name: checkout-requests
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            metricSourceRef: prometheus
            spec:
              query: ${CHECKOUT_GOOD}
        total:
          metricSource:
            metricSourceRef: prometheus
            spec:
              query: ${CHECKOUT_TOTAL}
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: ${options.objective ?? 0.999}
`,
  );
  if (options.csv !== undefined) writeFileSync(join(dir, 'measurements/checkout-availability.csv'), options.csv);
}
