/**
 * The internal portal's page data (src/projections/internal) on the sample content and on bad
 * input: the SLO index agrees with `keel report slos --format json` figure for figure; every
 * objective has a page with its charts; an SLO without measurements says "no data" (never
 * 100 %), one whose data stop says "stale since", a policy naming an unmeasured SLO says so, a
 * service without SLOs says so; none of it stops the data from being built.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { internalPortal, type InternalPortal } from '../src/projections/internal/portal.ts';
import { validateContent } from '../src/rules/validate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = '2026-11-22T12:00:00Z';

interface ReportEntry {
  slo: string;
  objective: string | number;
  composite: boolean;
  service: string;
  target: number;
  status: string;
  stale: boolean;
  attainment: number | null;
  lastMeasurement: string | null;
  errorBudget: { remaining: number | null };
  burnRates: Record<string, number | null>;
  alerts: { name: string; firing: boolean }[];
  policies: { name: string; inForce: { step: string; since: string }[] }[];
}

async function report(content: string): Promise<ReportEntry[]> {
  const out: string[] = [];
  const code = await main(['report', 'slos', '--format', 'json', '--content', content], {
    out: (t) => out.push(t),
    err: () => undefined,
    env: { KEEL_NOW: NOW },
    cwd: ROOT,
  });
  expect(code).toBe(0);
  return (JSON.parse(out.join('\n')) as { slos: ReportEntry[] }).slos;
}

async function portal(content: string): Promise<InternalPortal> {
  const { index } = await validateContent(content, { now: Date.parse(NOW) });
  return internalPortal(index, Date.parse(NOW));
}

let sample: InternalPortal;
let tmp: string;

beforeAll(async () => {
  sample = await portal(join(ROOT, 'content'));
  tmp = mkdtempSync(join(ROOT, 'tmp', 'internal-portal-'));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the SLO index on the sample content', () => {
  it('agrees with keel report slos --format json, row for row', async () => {
    const entries = await report('content');
    const fromReport = entries.map((e) => {
      const burns = Object.entries(e.burnRates).filter((b): b is [string, number] => b[1] !== null);
      const fastest = burns.length === 0 ? null : burns.reduce((a, b) => (b[1] > a[1] ? b : a));
      return {
        slo: e.slo,
        objective: e.composite ? 'composite' : typeof e.objective === 'number' ? `objective ${e.objective}` : e.objective,
        service: e.service,
        target: e.target,
        state: e.status,
        stale: e.stale,
        attainment: e.attainment,
        remaining: e.errorBudget.remaining,
        fastest: fastest === null ? null : { window: fastest[0], value: fastest[1] },
        firing: e.alerts.filter((a) => a.firing).map((a) => a.name),
        steps: e.policies.flatMap((p) => (p.inForce.length === 0 ? [] : [{ policy: p.name, step: p.inForce.at(-1)!.step, since: p.inForce.at(-1)!.since }])),
        lastMeasurement: e.lastMeasurement,
      };
    });
    const fromIndex = sample.slos.map((r) => ({
      slo: r.slo,
      objective: r.objective,
      service: r.service.id,
      target: r.target,
      state: r.state,
      stale: r.stale,
      attainment: r.attainment,
      remaining: r.remaining,
      fastest: r.fastestBurn,
      firing: [...r.firing],
      steps: r.steps.map((s) => ({ policy: s.policy, step: s.step, since: new Date(s.since).toISOString().replace('.000Z', 'Z') })),
      lastMeasurement: r.lastMeasurement === null ? null : new Date(r.lastMeasurement).toISOString().replace('.000Z', 'Z'),
    }));
    expect(fromIndex).toEqual(fromReport);
    expect(fromIndex.length).toBe(10);
  });

  it('gives every objective its own page, with a chart and a table for each chart', () => {
    const hrefs = sample.sloPages.map((p) => p.href);
    expect(new Set(hrefs).size).toBe(hrefs.length);
    expect(hrefs).toContain('/slos/settings-page-latency/');
    expect(hrefs).toContain('/slos/etl-freshness/');
    expect(hrefs).toContain('/slos/etl-freshness/warehouse-at-most-6-hours-behind/');
    for (const page of sample.sloPages) {
      expect(page.charts.length, page.href).toBeGreaterThanOrEqual(2);
      for (const chart of page.charts) {
        expect(chart.time.length, `${page.href} ${chart.id}`).toBeGreaterThan(0);
        expect(chart.time.length).toBeLessThanOrEqual(500);
        expect(chart.values.every((v) => v.length === chart.time.length)).toBe(true);
      }
    }
  });

  it("shows settings-page-latency's policy steps in force with their since, history and the 20 % rule", () => {
    const page = sample.sloPages.find((p) => p.href === '/slos/settings-page-latency/')!;
    const policy = page.policies.find((p) => p.name === 'application-budget-policy')!;
    const fast = policy.steps.find((s) => s.name === 'Fast burn')!;
    expect(fast.inForce).toBe(true);
    expect(new Date(fast.since!).toISOString()).toBe('2026-11-21T16:00:00.000Z');
    expect(fast.actions[0]).toBe('Freeze feature releases of settings-service.');
    expect(policy.changes.some((c) => c.step === 'Fast burn' && c.change === 'entered' && c.at === fast.since)).toBe(true);
    const incident = page.incidents.find((i) => i.id === '2026-11-20-settings-page-slow')!;
    expect(incident.checks.some((c) => c.step === 'Incident over a fifth of the budget' && c.over)).toBe(true);
    expect(page.pastWindows.length).toBeGreaterThan(0);
    expect(page.definitions.map((d) => d.kind)).toEqual(
      expect.arrayContaining(['SLO', 'DataSource', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget']),
    );
  });

  it('links every overview item to a page of the site', () => {
    const pages = new Set([...sample.sloPages, ...sample.servicePages, ...sample.incidentPages].map((p) => p.href));
    for (const group of sample.overview.groups) for (const item of group.items) expect(pages.has(item.href), item.href).toBe(true);
    expect(sample.overview.groups.find((g) => g.id === 'burning')!.items.map((i) => i.href)).toContain('/slos/settings-page-latency/');
  });

  it('gives each incident a page with its key spans, the budget it consumed and its follow-ups', () => {
    const page = sample.incidentPages.find((i) => i.id === '2026-11-20-settings-page-slow')!;
    expect(page.href).toBe('/incidents/2026-11-20-settings-page-slow/');
    expect(page.open).toBe(true);
    expect(page.spans.map((s) => s.label)).toContain('Time to detect');
    expect(page.slosConsumed.map((s) => s.href)).toEqual(['/slos/settings-page-latency/', '/slos/web-app-availability/']);
    expect(page.slosConsumed[0]!.share).toBeGreaterThan(0.2);
  });

  it('lists services with dependencies both ways', () => {
    const settings = sample.servicePages.find((s) => s.id === 'settings-service')!;
    expect(settings.dependsOn.map((d) => d.id)).toEqual(['accounts-db', 'auth']);
    const db = sample.servicePages.find((s) => s.id === 'accounts-db')!;
    expect(db.dependedOnBy.map((d) => d.id)).toContain('settings-service');
    expect(settings.slos.map((s) => s.slo)).toEqual(['settings-page-latency']);
    expect(settings.component?.publicHref).toBe('https://status.tidewater.example/components/account-settings/');
  });
});

describe('bad input never stops the page data', () => {
  it('no data, stale since, a policy naming an unmeasured SLO, a service with no SLOs', async () => {
    const content = join(tmp, 'content');
    cpSync(join(ROOT, 'content'), content, { recursive: true });
    rmSync(join(content, 'measurements', 'login-success.csv'));
    // api-latency's data stop three days before now.
    const csv = join(content, 'measurements', 'api-latency.csv');
    const { readFileSync } = await import('node:fs');
    const rows = readFileSync(csv, 'utf8').trimEnd().split('\n');
    writeFileSync(csv, `${rows.slice(0, rows.length - 72).join('\n')}\n`);
    const p = await portal(content);
    const login = p.slos.find((r) => r.slo === 'login-success')!;
    expect(login.state).toBe('no-data');
    expect(login.attainment).toBeNull();
    const loginPage = p.sloPages.find((x) => x.slo === 'login-success')!;
    expect(loginPage.charts.every((c) => c.empty?.startsWith('No data'))).toBe(true);
    expect(loginPage.policies.every((x) => !x.measured)).toBe(true);
    const data = p.overview.groups.find((g) => g.id === 'data')!;
    expect(data.items.map((i) => i.detail)).toEqual(
      expect.arrayContaining(['no data: no measurements', 'stale since', 'names SLO login-success, which has no measurements: its steps cannot apply']),
    );
    const latency = p.slos.find((r) => r.slo === 'api-latency')!;
    expect(latency.stale).toBe(true);
    expect(p.servicePages.find((s) => s.id === 'webhooks')!.slos).toEqual([]);
  });
});
