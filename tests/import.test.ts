/**
 * `keel import statuspage`: Statuspage v2 JSON (built from the documented shapes, with the
 * awkward cases of real histories) becomes content that validates.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../src/cli/main.ts';
import { validateContent } from '../src/rules/validate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const INCIDENTS = join(ROOT, 'tests/fixtures/statuspage/incidents.json');
const SUMMARY = join(ROOT, 'tests/fixtures/statuspage/summary.json');
const NOW = '2026-03-02T12:00:00-07:00';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-import-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env: { KEEL_NOW: NOW }, cwd: dir });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function frontMatter(path: string): Record<string, unknown> {
  const text = readFileSync(path, 'utf8');
  return parse(text.slice(4, text.indexOf('\n---\n', 4))) as Record<string, unknown>;
}

const files = (folder: string) => readdirSync(join(dir, 'content', folder)).sort();

describe('keel import statuspage', () => {
  it('writes services, incidents, maintenance and keel.yaml that validate with no problem', async () => {
    const r = await run(['import', 'statuspage', INCIDENTS, SUMMARY]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('wrote 7 files to content');
    expect(r.out.split('\n').at(-1)).toBe('7 files checked: no problems');
    expect(files('services')).toEqual(['api.yaml', 'payments.yaml']);
    expect(files('incidents')).toEqual([
      '2026-02-10-delayed-e-mails-posted-after-the-fact.md',
      '2026-03-01-checkout-pay-button-fails-script.md',
      '2026-03-02-elevated-api-latency.md',
    ]);
    expect(files('maintenance')).toEqual(['2026-03-10-database-upgrade.yaml']);
    const validated = await validateContent(join(dir, 'content'), { cwd: dir, now: Date.parse(NOW) });
    expect(validated.diagnostics).toEqual([]);
    // The history's retrospectives were never written in Keel: months later, none is overdue.
    expect(readFileSync(join(dir, 'content', 'keel.yaml'), 'utf8')).toContain('retrospectivesFrom: 2026-03-02\n');
    const later = await validateContent(join(dir, 'content'), { cwd: dir, now: Date.parse('2026-11-22T12:00:00Z') });
    expect(later.diagnostics.filter((d) => d.rule === 'incident/retrospective-overdue')).toEqual([]);
  });

  it('keeps titles with quotes, backslashes, </script> and emoji exactly', async () => {
    await run(['import', 'statuspage', INCIDENTS]);
    const incident = frontMatter(join(dir, 'content/incidents/2026-03-01-checkout-pay-button-fails-script.md'));
    expect(incident.title).toBe('Checkout "pay" button fails 💳 \\ </script>');
    expect((incident.public as { title: string }).title).toBe(incident.title);
  });

  it('orders updates oldest first, writes a status only where it changes, and builds impact from component transitions', async () => {
    await run(['import', 'statuspage', INCIDENTS]);
    const incident = frontMatter(join(dir, 'content/incidents/2026-03-01-checkout-pay-button-fails-script.md'));
    const updates = (incident.public as { updates: { at: string; status?: string }[] }).updates;
    expect(updates.map((u) => [u.at, u.status ?? '(no change)'])).toEqual([
      ['2026-03-01T09:05:00-07:00', 'investigating'],
      ['2026-03-01T09:35:00-07:00', '(no change)'],
      ['2026-03-01T10:00:00-07:00', 'monitoring'],
      ['2026-03-01T10:30:00-07:00', 'resolved'],
    ]);
    expect(incident.impact).toEqual([
      { component: 'Payments', level: 'major_outage', from: '2026-03-01T09:05:00-07:00', to: '2026-03-01T10:00:00-07:00' },
      { component: 'Payments', level: 'partial_outage', from: '2026-03-01T10:00:00-07:00', to: '2026-03-01T10:30:00-07:00' },
    ]);
    expect(incident).toMatchObject({ severity: 'SEV2', services: ['payments'], mitigated: '2026-03-01T10:30:00-07:00', resolved: '2026-03-01T10:30:00-07:00' });
  });

  it('marks an incident posted after the fact as backfilled, and accepts one without components', async () => {
    await run(['import', 'statuspage', INCIDENTS]);
    const incident = frontMatter(join(dir, 'content/incidents/2026-02-10-delayed-e-mails-posted-after-the-fact.md'));
    expect(incident).toMatchObject({ backfilled: true, services: [] });
    expect(incident.impact).toBeUndefined();
  });

  it('reports what it inferred or could not carry over: renamed components, owners, impact levels', async () => {
    const r = await run(['import', 'statuspage', INCIDENTS, SUMMARY]);
    expect(r.out).toContain('note: component c-pay was renamed (Payments → Card payments); it is "Payments" everywhere now');
    expect(r.out).toContain('note: 2 services written with owner "unassigned" and tier 2: set both in services/');
    expect(r.out).toContain(
      `note: incident inc-open ("Elevated API latency"): no component transitions recorded; impact "degraded_performance" inferred from the incident's impact "minor"`,
    );
  });

  it('never overwrites a file that exists', async () => {
    mkdirSync(join(dir, 'content', 'services'), { recursive: true });
    writeFileSync(join(dir, 'content', 'services', 'api.yaml'), 'name: Our API\nowner: team-api\ntier: 1\nstatusPage:\n  component: API\n');
    const r = await run(['import', 'statuspage', INCIDENTS, SUMMARY]);
    expect(r.out).toContain('note: services/api.yaml exists already: kept as it is');
    expect(readFileSync(join(dir, 'content', 'services', 'api.yaml'), 'utf8')).toContain('Our API');
  });

  it('usage errors: no source, an unknown source, no file, a file that is not Statuspage JSON', async () => {
    writeFileSync(join(dir, 'bad.json'), '{ "incidents": [ { "id": 1 } ] }');
    writeFileSync(join(dir, 'broken.json'), '{ nope');
    expect(await run(['import'])).toMatchObject({ code: 2, err: 'keel: import needs a source: one of statuspage, sloth, pyrra (got nothing)' });
    expect(await run(['import', 'pagerduty', 'x.json'])).toMatchObject({
      code: 2,
      err: 'keel: import needs a source: one of statuspage, sloth, pyrra (got "pagerduty")',
    });
    expect((await run(['import', 'statuspage'])).code).toBe(2);
    expect((await run(['import', 'statuspage', 'bad.json'])).err).toMatch(/^keel: bad\.json: not Statuspage v2 JSON: incidents\.0\.id: /);
    expect((await run(['import', 'statuspage', 'broken.json'])).err).toMatch(/^keel: broken\.json: not readable as JSON/);
  });
});
