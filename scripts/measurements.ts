/**
 * `npm run measurements`: writes the sample organisation's SLI measurements,
 * content/measurements/<slo-name>.csv, 90 days of hourly rows ending 2026-11-22T00:00:00Z.
 *
 *   node scripts/measurements.ts             write content/measurements/
 *   node scripts/measurements.ts --out DIR   write elsewhere (tests compare the bytes)
 *
 * Deterministic: every series draws from its own seeded PRNG (no Math.random, no clock), so
 * the same script always writes the same bytes. Each row's timestamp is the end of its hour.
 *
 * The data tells the sample's story (see content/incidents/):
 * - settings-page-latency: healthy, then from 2026-11-20 08:40Z one load in ten (one in six
 *   by the end) takes ~10 s, ten times the 1 s objective; at the end about 18% of the 28-day
 *   budget remains and the 1-hour burn rate is about 18 (the policy's "Fast burn" step).
 * - 2026-10-14 SEV1 payments outage: payment-authorisation, api-availability, api-latency and
 *   web-app-availability dip between 09:58Z and 11:41Z.
 * - 2026-10-02 e-mail backlog: email-delivery-latency above 120 s for two hours.
 * - 2026-09-08..11 silent ETL failure: etl-freshness (warehouse lag) climbs for three days.
 * - 2026-10-28 chaos day: small, short dips in login-success, api-latency, web-app and e-mail.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mulberry32 } from './lib/prng.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_OUT = join(ROOT, 'content', 'measurements');

export const END = Date.parse('2026-11-22T00:00:00Z');
export const HOURS = 90 * 24;
const HOUR = 3_600_000;

/** FNV-1a of the series name, so each series has its own stream. */
function seedOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A standard normal deviate (Box–Muller), from the series' own generator. */
function gauss(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const at = (iso: string): number => Date.parse(iso);
const iso = (t: number): string => new Date(t).toISOString().replace('.000Z', 'Z');

/** Share of the hour ending at `end` that falls inside [from, to). */
function overlap(end: number, from: number, to: number): number {
  const start = end - HOUR;
  return Math.max(0, Math.min(end, to) - Math.max(start, from)) / HOUR;
}

/**
 * Relative traffic in the hour ending at `end`: a working-day curve peaking early afternoon in
 * Amsterdam, quieter nights, weekends at about 40% of weekdays.
 */
function trafficShape(end: number): number {
  const local = new Date(end - HOUR / 2 + HOUR); // mid-hour, UTC+1 is close enough for a curve
  const hour = local.getUTCHours() + 0.5;
  const day = local.getUTCDay();
  const daytime = Math.exp(-(((hour - 13.5) / 4.5) ** 2));
  const evening = 0.25 * Math.exp(-(((hour - 20.5) / 2) ** 2));
  const weekday = day === 0 || day === 6 ? 0.4 : 1;
  return weekday * (0.08 + daytime + evening);
}

interface RatioSpec {
  kind: 'ratio';
  /** Requests in a peak weekday hour. */
  peak: number;
  /** Usual share of bad events. */
  badRate: number;
  /** Share of bad events in the hour ending at `end`, when something was wrong. */
  incidents?: (end: number) => number | undefined;
}

interface ThresholdSpec {
  kind: 'threshold';
  /** The metric's usual value in the hour ending at `end` (before noise). */
  base: (end: number) => number;
  /** Relative noise of usual values (standard deviation as a share of the value). */
  noise: number;
  /** The value in the hour ending at `end` when something was wrong, given the usual value. */
  incidents?: (end: number, usual: number) => number | undefined;
  decimals: number;
}

type SeriesSpec = RatioSpec | ThresholdSpec;

// Incidents and events, UTC.
const SETTINGS_REGRESSION = at('2026-11-20T08:40:00Z');
const PAYMENTS_OUTAGE = { from: at('2026-10-14T09:58:00Z'), to: at('2026-10-14T11:41:00Z') };
const EMAIL_BACKLOG = { from: at('2026-10-02T13:20:00Z'), to: at('2026-10-02T15:05:00Z') };
const ETL_SILENT = { from: at('2026-09-08T01:40:00Z'), to: at('2026-09-11T14:20:00Z') };
const ZONE_DRAIN = { from: at('2026-10-28T10:05:00Z'), to: at('2026-10-28T10:50:00Z') };
const EMAIL_CHAOS = { from: at('2026-10-28T13:00:00Z'), to: at('2026-10-28T13:40:00Z') };
const REPLICA_KILL = { from: at('2026-10-28T08:30:00Z'), to: at('2026-10-28T08:45:00Z') };
const PROVIDER_MIGRATION = { from: at('2026-11-08T05:00:00Z'), to: at('2026-11-08T06:30:00Z') };

/** Undefined outside the windows; inside, `usual` blended with each window's rate by overlap. */
function windows(usual: number, list: { from: number; to: number; rate: number }[]) {
  return (end: number): number | undefined => {
    let share = 0;
    let rate = 0;
    for (const w of list) {
      const o = overlap(end, w.from, w.to);
      if (o > 0) {
        share += o;
        rate += o * w.rate;
      }
    }
    return share === 0 ? undefined : rate + (1 - Math.min(1, share)) * usual;
  };
}

export const SERIES: Record<string, SeriesSpec> = {
  'settings-page-latency': {
    kind: 'ratio',
    peak: 1400,
    badRate: 0.0015,
    incidents: (end) => {
      const o = overlap(end, SETTINGS_REGRESSION, END + HOUR);
      const slow = windows(0.0015, [{ ...REPLICA_KILL, rate: 0.02 }])(end);
      if (o === 0) return slow;
      // One load in ten at first (organisations with large audit logs), one in six by the end
      // as their weekend provisioning jobs grow the logs.
      const progress = (end - SETTINGS_REGRESSION) / (END - SETTINGS_REGRESSION);
      return o * (0.1 + 0.06 * progress) + (1 - o) * 0.0015;
    },
  },
  'web-app-availability': {
    kind: 'ratio',
    peak: 120_000,
    badRate: 0.00025,
    incidents: (end) =>
      windows(0.00025, [
        { ...PAYMENTS_OUTAGE, rate: 0.011 },
        { ...ZONE_DRAIN, rate: 0.0016 },
        { from: SETTINGS_REGRESSION, to: END + HOUR, rate: 0.0007 },
      ])(end),
  },
  'api-availability': {
    kind: 'ratio',
    peak: 260_000,
    badRate: 0.00012,
    incidents: (end) =>
      windows(0.00012, [
        { ...PAYMENTS_OUTAGE, rate: 0.042 },
        { ...ZONE_DRAIN, rate: 0.0009 },
      ])(end),
  },
  'api-latency': {
    kind: 'threshold',
    base: (end) => 190 + 70 * trafficShape(end),
    noise: 0.07,
    decimals: 1,
    incidents: (end, usual) =>
      windows(usual, [
        { ...PAYMENTS_OUTAGE, rate: 2400 },
        { ...ZONE_DRAIN, rate: 560 },
      ])(end),
  },
  'login-success': {
    kind: 'ratio',
    peak: 9_000,
    badRate: 0.0011,
    incidents: (end) => windows(0.0011, [{ ...ZONE_DRAIN, rate: 0.015 }])(end),
  },
  'payment-authorisation': {
    kind: 'ratio',
    peak: 16_000,
    badRate: 0.00008,
    incidents: (end) =>
      windows(0.00008, [
        { ...PAYMENTS_OUTAGE, rate: 0.985 },
        { ...PROVIDER_MIGRATION, rate: 0.0012 },
      ])(end),
  },
  'email-delivery-latency': {
    kind: 'threshold',
    base: (end) => 14 + 22 * trafficShape(end),
    noise: 0.15,
    decimals: 1,
    incidents: (end, usual) => {
      // The backlog grew during the incident; the hour in which it ended was still slow.
      if (end > EMAIL_BACKLOG.from && end - HOUR < EMAIL_BACKLOG.to) {
        return [610, 1480, 96][Math.floor((end - EMAIL_BACKLOG.from) / HOUR)];
      }
      return windows(usual, [{ ...EMAIL_CHAOS, rate: 78 }])(end);
    },
  },
  'etl-freshness': {
    kind: 'threshold',
    // Hourly loads land at :20; the lag is the age of the newest row when sampled on the hour.
    base: () => 48,
    noise: 0.25,
    decimals: 0,
    incidents: (end) => (end > ETL_SILENT.from && end <= ETL_SILENT.to ? 40 + (end - ETL_SILENT.from) / 60_000 : undefined),
  },
};

function ratioRows(name: string, spec: RatioSpec): string[] {
  const random = mulberry32(seedOf(name));
  const rows = ['timestamp,good,total'];
  for (let i = HOURS - 1; i >= 0; i--) {
    const end = END - i * HOUR;
    const total = Math.max(1, Math.round(spec.peak * trafficShape(end) * (1 + 0.08 * gauss(random))));
    const rate = spec.incidents?.(end) ?? spec.badRate;
    const expected = total * rate;
    const bad = Math.min(total, Math.max(0, Math.round(expected + Math.sqrt(expected) * gauss(random))));
    rows.push(`${iso(end)},${total - bad},${total}`);
  }
  return rows;
}

function thresholdRows(name: string, spec: ThresholdSpec): string[] {
  const random = mulberry32(seedOf(name));
  const rows = ['timestamp,value'];
  for (let i = HOURS - 1; i >= 0; i--) {
    const end = END - i * HOUR;
    const usual = spec.base(end);
    const g = gauss(random);
    const incident = spec.incidents?.(end, usual);
    const value = incident === undefined ? usual * (1 + spec.noise * g) : incident * (1 + 0.02 * g);
    rows.push(`${iso(end)},${Math.max(0, value).toFixed(spec.decimals)}`);
  }
  return rows;
}

/** Every measurement file, by file name. */
export function buildMeasurements(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, spec] of Object.entries(SERIES)) {
    const rows = spec.kind === 'ratio' ? ratioRows(name, spec) : thresholdRows(name, spec);
    files.set(`${name}.csv`, `${rows.join('\n')}\n`);
  }
  return files;
}

function main(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' } } });
  const out = resolve(values.out ?? DEFAULT_OUT);
  mkdirSync(out, { recursive: true });
  const files = buildMeasurements();
  for (const [name, text] of files) writeFileSync(join(out, name), text);
  process.stdout.write(`wrote ${files.size} measurement files to ${relative(process.cwd(), out) || '.'}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
