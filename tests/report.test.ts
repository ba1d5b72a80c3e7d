/**
 * `keel report` as users run it (main(argv, io) with a captured io). `slos`: the JSON report
 * checked against figures computed here straight from the CSV files, the hand-made fixture
 * (tests/fixtures/report/README.md says its numbers) in every format. `followups`,
 * `retrospectives`, `stale`: every format pinned on the fixture and the sample content, and the
 * same late items as the time-based rules of `keel validate` find. The usage errors.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_NOW, generateCorpus } from '../scripts/lib/corpus.ts';
import { main } from '../src/cli/main.ts';
import { evaluateIndex, reportEntries } from '../src/cli/report-slos.ts';
import { validateContent } from '../src/rules/validate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SAMPLE = 'content';
const FIXTURE = 'tests/fixtures/report';
const HOUR = 3_600_000;

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env, cwd: ROOT });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The JSON entry's shape, as far as the tests read it. */
interface Entry {
  slo: string;
  objective: string | number;
  target: number;
  budgetingMethod: string;
  window: { duration: string; rolling: boolean; from: string; to: string };
  asOf: string;
  stale: boolean;
  attainment: number | null;
  errorBudget: {
    ratio: number;
    consumed: number | null;
    remaining: number | null;
    events?: { budget: number; consumed: number; remaining: number };
    minutes?: { budget: number; consumed: number; remaining: number };
  };
  burnRates: Record<string, number | null>;
  alerts: { name: string; severity: string; firing: boolean; longWindow: string; shortWindow: string; factor: number }[];
  backtest: {
    firings: { alert: string; from: string; to: string | null }[];
    incidents: { id: string; started: string; detected: string | null; alertAt: string | null; lead: number | null }[];
  };
  policies: {
    name: string;
    inForce: { step: string; since: string; sinceStartOfHistory: boolean; actions: unknown[] }[];
    steps: { name: string; inForce: boolean }[];
  }[];
  incidents: { id: string; share: number | null; baselineShare: number | null; reference: string; intervals: { from: string; to: string }[] }[];
  status: string;
}

interface Report {
  now: string;
  slos: Entry[];
}

/** Rolling window lengths the sample uses, written out here rather than read from Keel. */
const WINDOW_MS: Record<string, number> = { '1d': 24 * HOUR, '7d': 7 * 24 * HOUR, '1w': 7 * 24 * HOUR, '28d': 28 * 24 * HOUR, '30d': 30 * 24 * HOUR };

/** Σgood / Σtotal over (from, to] of a `timestamp,good,total` file. */
function occurrences(csvPath: string, from: number, to: number): { good: number; total: number } {
  const [header, ...rows] = readFileSync(csvPath, 'utf8').trimEnd().split('\n');
  expect(header).toBe('timestamp,good,total');
  let good = 0;
  let total = 0;
  for (const row of rows) {
    const [time, g, t] = row.split(',');
    const at = Date.parse(time!);
    if (at > from && at <= to) {
      good += Number(g);
      total += Number(t);
    }
  }
  return { good, total };
}

describe('keel report slos on the sample content', () => {
  let report: Report;
  beforeAll(async () => {
    const r = await run(['report', 'slos', '--format', 'json', '--content', SAMPLE], { KEEL_NOW: '2026-11-22T12:00:00Z' });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    report = JSON.parse(r.out) as Report;
  });

  it('has the issue’s shape: now, and one entry per objective (and composite)', () => {
    expect(report.now).toBe('2026-11-22T12:00:00Z');
    expect(report.slos.length).toBeGreaterThanOrEqual(8);
    for (const entry of report.slos) {
      expect(Object.keys(entry)).toEqual([
        'slo',
        'objective',
        'composite',
        'service',
        'target',
        'budgetingMethod',
        'window',
        'asOf',
        'stale',
        'lastMeasurement',
        'attainment',
        'noData',
        'coverage',
        'errorBudget',
        'burnRates',
        'alerts',
        'backtest',
        'policies',
        'incidents',
        'status',
      ]);
      expect(Object.keys(entry.burnRates)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
      expect(['ok', 'at-risk', 'exhausted', 'no-data']).toContain(entry.status);
    }
  });

  it('every Occurrences objective: attainment = Σgood/Σtotal over (asOf − window, asOf] and consumed = (1 − attainment)/(1 − target), from the CSV file', () => {
    const occurrencesEntries = report.slos.filter((e) => e.budgetingMethod === 'Occurrences');
    expect(occurrencesEntries.map((e) => e.slo).sort()).toEqual(['login-success', 'payment-authorisation', 'settings-page-latency', 'web-app-availability']);
    for (const entry of occurrencesEntries) {
      const csv = join(ROOT, SAMPLE, 'measurements', `${entry.slo}.csv`);
      const lastRow = readFileSync(csv, 'utf8').trimEnd().split('\n').at(-1)!.split(',')[0]!;
      const asOf = Date.parse(entry.asOf);
      expect(asOf, entry.slo).toBe(Date.parse(lastRow)); // now (12:00Z) is after the last row
      expect(entry.window.rolling).toBe(true);
      const { good, total } = occurrences(csv, asOf - WINDOW_MS[entry.window.duration]!, asOf);
      expect(total).toBeGreaterThan(0);
      const attainment = good / total;
      expect(entry.attainment, entry.slo).toBeCloseTo(attainment, 14);
      expect(entry.errorBudget.consumed, entry.slo).toBeCloseTo((1 - attainment) / (1 - entry.target), 10);
      expect(entry.errorBudget.remaining!, entry.slo).toBeCloseTo(1 - entry.errorBudget.consumed!, 14);
      expect(entry.errorBudget.events!.consumed).toBe(total - good);
    }
  });

  it('budget remaining % is the minutes (or events) remaining over the budget, for every objective', () => {
    for (const entry of report.slos) {
      const amount = entry.errorBudget.minutes ?? entry.errorBudget.events;
      if (amount === undefined || entry.errorBudget.remaining === null) continue;
      expect(entry.errorBudget.remaining, `${entry.slo} ${entry.objective}`).toBeCloseTo(amount.remaining / amount.budget, 12);
    }
    expect(report.slos.filter((e) => e.errorBudget.minutes !== undefined).length).toBeGreaterThan(0);
  });

  it('every policy of every SLO is present with all its steps', () => {
    const policiesOf = (slo: string) => report.slos.find((e) => e.slo === slo)!.policies.map((p) => [p.name, p.steps.map((s) => s.name)]);
    const sample = readFileSync(join(ROOT, SAMPLE, 'slos', 'policies.yaml'), 'utf8');
    for (const entry of report.slos) {
      const governing = sample.split(/^---$/m).filter((doc) => new RegExp(`^ {4}- ${entry.slo}$`, 'm').test(doc));
      expect(entry.policies.map((p) => p.name).sort(), entry.slo).toEqual(governing.map((doc) => /\n {2}name: (\S+)/.exec(doc)![1]).sort());
      for (const policy of entry.policies) expect(policy.steps.length).toBeGreaterThan(0);
    }
    expect(policiesOf('settings-page-latency')[0]![0]).toBe('application-budget-policy');
  });

  it('budget per incident does not move when now moves from 15 October to 22 November (the card-payments outage)', async () => {
    // On 15 October the sample's later review dates are in the future (keel report refuses
    // content with errors), so the engine reads the index directly, as the report does.
    const { index } = await validateContent(join(ROOT, SAMPLE), { cwd: ROOT, now: Date.parse('2026-11-22T12:00:00Z') });
    const at = (now: string) =>
      evaluateIndex(index, Date.parse(now))
        .flatMap(reportEntries)
        .flatMap((e) =>
          e.incidents.filter((i) => i.id === '2026-10-14-card-payments-outage').map((i) => [`${e.slo} ${e.objective}`, i.share, i.baselineShare, i.reference]),
        );
    const october = at('2026-10-15T12:00:00Z');
    expect(october.length).toBeGreaterThan(0);
    expect(october.every(([, share]) => typeof share === 'number')).toBe(true);
    expect(at('2026-11-22T12:00:00Z')).toEqual(october);
  });

  it('settings-page-latency burns fast: the policy’s Fast burn step is in force, with a since', () => {
    const settings = report.slos.find((e) => e.slo === 'settings-page-latency')!;
    expect(settings.status).toBe('at-risk');
    expect(settings.burnRates['1h']).toBeGreaterThan(6);
    const steps = settings.policies[0]!.inForce;
    expect(steps.map((s) => s.step)).toContain('Fast burn');
    const fast = steps.find((s) => s.step === 'Fast burn')!;
    expect(Date.parse(fast.since)).toBeLessThan(Date.parse(settings.asOf));
    expect(Date.parse(fast.since)).toBeGreaterThan(Date.parse('2026-11-20T08:40:00Z'));
  });

  it('backtest entries exist for every incident that names an SLO: one page would have come before detection, one after', () => {
    const incidentsDir = join(ROOT, SAMPLE, 'incidents');
    const naming = new Map<string, string[]>();
    for (const file of readdirSync(incidentsDir)) {
      const text = readFileSync(join(incidentsDir, file), 'utf8');
      const slos =
        /\nslos:\n((?: {2}- .+\n)+)/
          .exec(text)?.[1]
          ?.match(/- (.+)/g)
          ?.map((s) => s.slice(2)) ?? [];
      naming.set(file.replace(/\.mdx?$/, ''), slos);
    }
    for (const [id, slos] of naming) {
      for (const slo of slos) {
        for (const entry of report.slos.filter((e) => e.slo === slo)) {
          expect(
            entry.backtest.incidents.map((i) => i.id),
            `${slo} backtest`,
          ).toContain(id);
        }
      }
    }
    const leads = report.slos.flatMap((e) => e.backtest.incidents.filter((i) => i.lead !== null).map((i) => ({ slo: e.slo, ...i })));
    expect(leads.some((i) => i.slo === 'settings-page-latency' && i.lead! > 0)).toBe(true);
    expect(leads.some((i) => i.slo === 'api-availability' && i.lead! < 0)).toBe(true);
  });

  it('--slo narrows to one SLO; markdown and text report it', async () => {
    const env = { KEEL_NOW: '2026-11-22T12:00:00Z' };
    const json = JSON.parse((await run(['report', 'slos', '--format', 'json', '--slo', 'etl-freshness', '--content', SAMPLE], env)).out) as Report;
    expect(json.slos.map((e) => e.objective)).toEqual(['Warehouse at most 6 hours behind', 'Customer revenue export at most 12 hours behind', 'composite']);
    const md = await run(['report', 'slos', '--format', 'markdown', '--slo', 'settings-page-latency', '--content', SAMPLE], env);
    expect(md.code).toBe(0);
    expect(md.out).toContain('| settings-page-latency — 99% of loads within 1 s | at-risk | 99 % |');
    expect(md.out).toMatch(/\| Policy application-budget-policy \| .*Fast burn since 2026-11-21 \d\d:00 \+01:00/);
    const text = await run(['report', 'slos', '--slo', 'settings-page-latency', '--content', SAMPLE], env);
    expect(text.out).toMatch(/^ {2}Target +99 %$/m);
  });

  it('percentages carry no float noise in text and markdown', async () => {
    const env = { KEEL_NOW: '2026-11-22T12:00:00Z' };
    for (const format of ['text', 'markdown']) {
      const r = await run(['report', 'slos', '--format', format, '--content', SAMPLE], env);
      expect(r.out).toContain('99.9 %');
      expect(r.out).toContain('99.95 %');
      expect(r.out).not.toMatch(/\d\.\d{5,} ?%/);
      expect(r.out).not.toMatch(/\d{5,}×/);
    }
  });
});

describe('keel report slos on a fixture computed by hand', () => {
  const env = { KEEL_NOW: '2026-11-22T01:00:00Z' };

  it('JSON: the figures of tests/fixtures/report/README.md', async () => {
    const r = await run(['report', 'slos', '--format', 'json', '--content', FIXTURE], env);
    expect(r.code).toBe(0);
    const [entry, ...rest] = (JSON.parse(r.out) as Report).slos;
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      slo: 'checkout',
      objective: '99% of requests',
      service: 'checkout',
      target: 0.99,
      budgetingMethod: 'Occurrences',
      window: { duration: '1d', rolling: true, from: '2026-11-21T00:00:00Z', to: '2026-11-22T00:00:00Z' },
      asOf: '2026-11-22T00:00:00Z',
      stale: false,
      // Two thirds of the budget spent, no alert firing: at the 1-day table's factors a burn of 1 pages nobody.
      status: 'ok',
      policies: [
        {
          name: 'checkout-policy',
          inForce: [
            { step: 'Big incident', since: '2026-11-21T11:00:00Z', sinceStartOfHistory: false, actions: ['A P0 follow-up in the retrospective.'] },
            { step: 'Budget at risk', since: '2026-11-21T12:00:00Z', sinceStartOfHistory: false, actions: ['Only fixes ship.'] },
          ],
        },
      ],
      // The incident (10:05–12:10Z) spent 150 of a full day's 240: 62.5 %; the quiet day before spent nothing.
      incidents: [{ id: '2026-11-21-checkout-errors', share: 0.625, baselineShare: 0, reference: '1d' }],
    });
    expect(entry!.attainment).toBeCloseTo(1 - 160 / 24_000, 15);
    expect(entry!.errorBudget.ratio).toBe(0.01);
    expect(entry!.errorBudget.consumed).toBeCloseTo(160 / 240, 12);
    expect(entry!.errorBudget.events).toEqual({ budget: 240, consumed: 160, remaining: 80 });
    // The last hour had 10 bad of 1000: an error rate of 1 %, a burn rate of 1. 5m and 30m are finer than the hourly rows.
    expect(entry!.burnRates['5m']).toBeNull();
    expect(entry!.burnRates['30m']).toBeNull();
    expect(entry!.burnRates['1h']).toBeCloseTo(1, 12);
    expect(entry!.burnRates['6h']).toBeCloseTo(10 / 6000 / 0.01, 12);
    expect(entry!.burnRates['1d']).toBeCloseTo(160 / 24_000 / 0.01, 12);
    // Page on 1 h at 8 % of a one-day budget (the short-period table): factor 0.08 × 24 = 1.92,
    // not the 0.48 of the 30-day shares, which paged at a burn rate of 1 (on track).
    expect(entry!.alerts[0]).toMatchObject({ name: 'page-1h', severity: 'page', firing: false, longWindow: '1h', shortWindow: '1h', coarsened: true });
    expect(entry!.alerts[0]!.factor).toBeCloseTo(1.92, 12);
    expect(entry!.alerts.map((a) => a.name)).toEqual(['page-1h', 'page-6h']);
    expect(entry!.backtest.incidents).toEqual([
      { id: '2026-11-21-checkout-errors', started: '2026-11-21T10:05:00Z', detected: '2026-11-21T10:45:00Z', alertAt: '2026-11-21T11:00:00Z', lead: -15 },
    ]);
    expect(entry!.backtest.firings.filter((f) => f.alert === 'page-1h')).toEqual([
      { alert: 'page-1h', severity: 'page', from: '2026-11-21T11:00:00Z', to: '2026-11-21T13:00:00Z', incidents: ['2026-11-21-checkout-errors'] },
    ]);
  });

  it('markdown and text, pinned', async () => {
    const md = await run(['report', 'slos', '--format', 'markdown', '--content', FIXTURE], env);
    await expect(md.out).toMatchFileSnapshot('__snapshots__/report-fixture.md');
    const text = await run(['report', 'slos', '--content', FIXTURE], env);
    await expect(text.out).toMatchFileSnapshot('__snapshots__/report-fixture.txt');
  });

  it('stale when now is later than the last measurement by more than measurementStaleAfter (3h here)', async () => {
    const at = async (now: string) =>
      (JSON.parse((await run(['report', 'slos', '--format', 'json', '--content', FIXTURE], { KEEL_NOW: now })).out) as Report).slos[0]!;
    expect((await at('2026-11-22T03:00:00Z')).stale).toBe(false);
    const stale = await at('2026-11-22T03:00:01Z');
    expect(stale.stale).toBe(true);
    expect(stale.asOf).toBe('2026-11-22T00:00:00Z');
    const text = await run(['report', 'slos', '--content', FIXTURE], { KEEL_NOW: '2026-11-22T05:00:00Z' });
    expect(text.out).toContain('As of                   2026-11-22 00:00 +00:00 — stale: last measurement 2026-11-22 00:00 +00:00');
  });
});

const DEADLINE_SUBJECTS = ['followups', 'retrospectives', 'stale'] as const;
const EXTENSIONS = { text: 'txt', markdown: 'md', json: 'json' } as const;

interface FollowUpsJson {
  report: 'followups';
  counts: { open: number; overdue: number; dueSoon: number };
  owners: { owner: string | null; followUps: { incident: string; id: string; due: string | null; daysLeft: number | null; state: string }[] }[];
}
interface RetrospectivesJson {
  report: 'retrospectives';
  counts: { overdue: number; dueSoon: number };
  retrospectives: { incident: string; due: string; daysLeft: number; state: string }[];
}
interface StaleJson {
  report: 'stale';
  runbooks: { runbook: string; overdueMinutes: number }[];
  incidents: { incident: string; overdueMinutes: number }[];
}

describe('keel report followups|retrospectives|stale on the report fixture', () => {
  const env = { KEEL_NOW: '2026-11-22T01:00:00Z' };
  const json = async <T>(subject: string, extra: string[] = []): Promise<T> => {
    const r = await run(['report', subject, '--format', 'json', '--content', FIXTURE, ...extra], env);
    expect(r).toMatchObject({ code: 0, err: '' });
    return JSON.parse(r.out) as T;
  };

  it.each(DEADLINE_SUBJECTS.flatMap((subject) => (['text', 'markdown', 'json'] as const).map((format) => [subject, format] as const)))(
    '%s as %s, pinned; exit 0 although items are overdue',
    async (subject, format) => {
      const r = await run(['report', subject, '--format', format, '--content', FIXTURE], env);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      await expect(r.out).toMatchFileSnapshot(`__snapshots__/report-${subject}.${EXTENSIONS[format]}`);
    },
  );

  it('lists what the time-based rules of keel validate flag, no more and no less', async () => {
    const result = await validateContent(join(ROOT, FIXTURE), { cwd: ROOT, now: Date.parse(env.KEEL_NOW) });
    const flagged = (rule: string) =>
      result.diagnostics
        .filter((d) => d.rule === rule)
        .map((d) =>
          d.file
            .split('/')
            .at(-1)!
            .replace(/\.mdx?$/, ''),
        )
        .sort();
    const followUps = await json<FollowUpsJson>('followups');
    const overdue = followUps.owners.flatMap((g) => g.followUps.filter((f) => f.state === 'overdue'));
    expect(overdue.map((f) => f.incident).sort()).toEqual(flagged('incident/follow-up-overdue'));
    expect(overdue.length).toBeGreaterThan(1);
    const retrospectives = await json<RetrospectivesJson>('retrospectives');
    const late = retrospectives.retrospectives.filter((x) => x.state === 'overdue').map((x) => x.incident);
    expect(late).toEqual(flagged('incident/retrospective-overdue'));
    expect(late).toHaveLength(1);
    const stale = await json<StaleJson>('stale');
    expect(stale.runbooks.map((x) => x.runbook)).toEqual(flagged('runbook/stale'));
    expect(stale.incidents.map((x) => x.incident)).toEqual(flagged('incident/stale-update'));
    expect([stale.runbooks.length, stale.incidents.length]).toEqual([1, 1]);
  });

  it('--due-within sets what is due soon: 0 is due today only', async () => {
    const week = await json<FollowUpsJson>('followups');
    const today = await json<FollowUpsJson>('followups', ['--due-within', '0']);
    expect(week.counts).toEqual({ open: 5, overdue: 2, dueSoon: 1 });
    expect(today.counts).toEqual({ open: 5, overdue: 2, dueSoon: 0 });
    expect((await json<RetrospectivesJson>('retrospectives', ['--due-within', '0'])).retrospectives.map((x) => x.state)).toEqual(['overdue']);
    expect((await json<RetrospectivesJson>('retrospectives', ['--due-within', '30'])).counts).toEqual({ overdue: 1, dueSoon: 2 });
  });

  it('an empty report says so', async () => {
    const early = { KEEL_NOW: '2026-11-21T20:00:00Z' };
    const r = await run(['report', 'stale', '--content', FIXTURE], early);
    expect(r.out).toContain('Open incidents with a late public update\n  No open incident has a late public update.');
    const later = await run(['report', 'retrospectives', '--format', 'markdown', '--content', FIXTURE, '--due-within', '0'], {
      KEEL_NOW: '2026-11-05T12:00:00Z',
    });
    expect(later.out).toBe('## Retrospectives, 2026-11-05 (UTC)\n\nNo retrospective is overdue or due within 0 days.\n');
  });
});

describe('keel report followups|retrospectives|stale on the sample content', () => {
  const env = { KEEL_NOW: '2026-11-22T12:00:00Z' };

  it.each(DEADLINE_SUBJECTS)('%s, pinned (markdown, as a pull-request comment); text and JSON agree', async (subject) => {
    const md = await run(['report', subject, '--format', 'markdown', '--content', SAMPLE], env);
    expect(md.err).toBe('');
    expect(md.code).toBe(0);
    await expect(md.out).toMatchFileSnapshot(`__snapshots__/report-sample-${subject}.md`);
    const text = await run(['report', subject, '--content', SAMPLE], env);
    expect(text.out.split('\n')[0]).toBe(md.out.split('\n')[0]!.replace(/^## /, ''));
    const data = JSON.parse((await run(['report', subject, '--format', 'json', '--content', SAMPLE], env)).out) as { report: string; now: string };
    expect(data).toMatchObject({ report: subject, now: '2026-11-22T12:00:00Z', timeZone: 'Europe/Amsterdam' });
  });

  it('nothing in the sample is late at its pinned now (keel validate prints no warning either)', async () => {
    const followUps = JSON.parse((await run(['report', 'followups', '--format', 'json', '--content', SAMPLE], env)).out) as FollowUpsJson;
    expect(followUps.counts.overdue).toBe(0);
    expect(followUps.owners.flatMap((g) => g.followUps.map((f) => f.id))).toContain('ACC-1440');
    const stale = JSON.parse((await run(['report', 'stale', '--format', 'json', '--content', SAMPLE], env)).out) as StaleJson;
    expect([stale.runbooks, stale.incidents]).toEqual([[], []]);
  });
});

describe('keel report: errors', () => {
  const env = { KEEL_NOW: '2026-11-22T12:00:00Z' };

  it('content errors: the validation report on stderr, nothing on stdout, exit 1', async () => {
    const r = await run(['report', 'slos', '--content', 'tests/fixtures/broken'], env);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/error/);
    expect(r.err).toMatch(/\d+ errors?/);
  });

  it.each([
    [['report'], 'keel: report needs a subject: keel report slos|followups|retrospectives|stale'],
    [['report', 'incidents'], 'keel: unknown report "incidents"; reports: slos, followups, retrospectives, stale'],
    [['report', 'follow-ups'], 'keel: unknown report "follow-ups"; reports: slos, followups, retrospectives, stale; did you mean "followups"?'],
    [['report', 'followups', '--slo', 'checkout'], 'keel: --slo applies to keel report slos only'],
    [['report', 'stale', '--due-within', '3'], 'keel: --due-within applies to keel report followups and keel report retrospectives only'],
    [['report', 'followups', '--due-within', 'soon'], 'keel: --due-within must be a whole number of days (got "soon")'],
    [['report', 'retrospectives', '--due-within', '1.5'], 'keel: --due-within must be a whole number of days (got "1.5")'],
    [['report', 'stale', '--format', 'github'], 'keel: --format must be one of text, markdown, json (got "github")'],
    [['report', 'slos', 'extra'], 'keel: unexpected argument "extra"'],
    [['report', 'slos', '--format', 'github'], 'keel: --format must be one of text, markdown, json (got "github")'],
    [['report', 'slos', '--content', FIXTURE, '--slo', 'chekout'], 'keel: no SLO is named "chekout"; did you mean "checkout"?'],
  ])('usage error: %j', async (argv, message) => {
    const r = await run(argv, env);
    expect(r).toEqual({ code: 2, out: '', err: message });
  });
});

describe('keel report slos on the corpus with measurements (1% scale)', () => {
  it('writes hourly measurements for every SLO, with gaps and burns, leaves the rest of the corpus as it was, and reports them', async () => {
    const root = mkdtempSync(join(tmpdir(), 'keel-report-corpus-'));
    try {
      const plain = generateCorpus({ out: join(root, 'plain'), scale: 0.01 });
      const withData = generateCorpus({ out: join(root, 'data'), scale: 0.01, measurements: true });
      expect(withData.measurementFiles).toBe(plain.counts.slos);
      expect(withData.files).toBe(plain.files + plain.counts.slos);
      for (const folder of ['slos', 'incidents']) {
        for (const name of readdirSync(join(root, 'plain', folder))) {
          expect(readFileSync(join(root, 'data', folder, name)).equals(readFileSync(join(root, 'plain', folder, name))), name).toBe(true);
        }
      }
      const files = readdirSync(join(root, 'data', 'measurements'));
      const rows = files.map(
        (f) =>
          readFileSync(join(root, 'data', 'measurements', f), 'utf8')
            .trimEnd()
            .split('\n').length - 1,
      );
      expect(Math.max(...rows)).toBe(90 * 24);
      expect(Math.min(...rows)).toBeLessThan(90 * 24); // some have gaps
      expect(withData.measurementRows).toBe(rows.reduce((a, b) => a + b, 0));

      const r = await run(['report', 'slos', '--format', 'json', '--content', join(root, 'data')], { KEEL_NOW: CORPUS_NOW });
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out) as Report;
      expect(new Set(report.slos.map((e) => e.slo)).size).toBe(plain.counts.slos);
      expect(report.slos.every((e) => !e.stale && e.attainment !== null)).toBe(true);
      expect(report.slos.some((e) => e.attainment! < 1 && e.errorBudget.consumed! > 0.5)).toBe(true); // some burn
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
