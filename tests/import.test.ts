/**
 * `keel import statuspage`: Statuspage v2 JSON (built from the documented shapes, with the
 * awkward cases of real histories) becomes content that validates.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
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
    // Statuspage's declared incident impact is what customers are told, as it was.
    expect((incident.public as { impact?: string }).impact).toBe('major');
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

describe('keel import statuspage on hostile input: one clear error, nothing written outside --out (or at all)', () => {
  /** Every file and folder under `root`, relative, sorted (links as they are, not followed). */
  const tree = (root: string): string[] => (readdirSync(root, { recursive: true }) as string[]).map((p) => p.split('\\').join('/')).sort();

  /** One incident, valid but for what `patch` changes. */
  const incident = (patch: Record<string, unknown> = {}) => ({
    id: 'inc-1',
    name: 'API errors',
    status: 'resolved',
    impact: 'minor',
    created_at: '2026-03-01T09:00:00.000-07:00',
    resolved_at: '2026-03-01T10:00:00.000-07:00',
    incident_updates: [{ id: 'u1', status: 'resolved', body: 'Fixed.', created_at: '2026-03-01T10:00:00.000-07:00' }],
    components: [],
    ...patch,
  });

  async function importJson(json: unknown): Promise<{ code: number; out: string; err: string }> {
    writeFileSync(join(dir, 'in.json'), typeof json === 'string' ? json : JSON.stringify(json));
    return run(['import', 'statuspage', 'in.json', '--out', 'out/content']);
  }

  it.each([
    ['created_at', { created_at: '../../PWN/' }],
    ['started_at', { started_at: '../../../PWN/x' }],
    ['an update time', { incident_updates: [{ status: 'resolved', body: 'x', created_at: '/etc/passwd' }] }],
    ['a NUL in a time', { created_at: '2026-03-01T09:00:00\u0000../../x' }],
  ])('a time that tries to escape (%s): exit 2, nothing written', async (_, patch) => {
    const r = await importJson({ incidents: [incident(patch)] });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^keel: in\.json: not Statuspage v2 JSON: incidents\.0\.\S+: must be an ISO 8601 time with an offset/);
    expect(tree(dir)).toEqual(['in.json']);
  });

  it('a maintenance whose scheduled_for tries to escape: exit 2, nothing written', async () => {
    const r = await importJson({
      scheduled_maintenances: [incident({ status: 'scheduled', scheduled_for: '../../PWM/', scheduled_until: '2026-03-02T00:00:00Z' })],
    });
    expect(r.code).toBe(2);
    expect(r.err).toContain('scheduled_maintenances.0.scheduled_for: must be an ISO 8601 time');
    expect(tree(dir)).toEqual(['in.json']);
  });

  it('names with .., slashes, NUL, absolute paths and 10,000 characters become safe ids inside --out', async () => {
    const names = ['../../../etc/passwd', '/absolute/path', 'a\u0000b', 'x'.repeat(10_000), '..', 'API', 'api'];
    const r = await importJson({
      components: names.map((name, i) => ({ id: `c${i}`, name })),
      incidents: names.map((name, i) => incident({ id: `i${i}`, name })),
    });
    expect(r.code).toBeLessThanOrEqual(1);
    const written = tree(join(dir, 'out/content'));
    for (const path of written) expect(path).toMatch(/^(services|incidents)(\/[a-z0-9-]{1,63}\.(yaml|md))?$/);
    // "API" and "api" differ only in case: two services, not one file on a case-insensitive disk.
    expect(written.filter((p) => p.startsWith('services/'))).toEqual([
      'services/a-b.yaml',
      'services/absolute-path.yaml',
      'services/api-2.yaml',
      'services/api.yaml',
      'services/etc-passwd.yaml',
      'services/item.yaml',
      `services/${'x'.repeat(63)}.yaml`,
    ]);
    expect(tree(dir).filter((p) => !p.startsWith('out'))).toEqual(['in.json']);
  });

  it('impact "constructor", "toString" or "__proto__" and __proto__ keys: plain values, no crash', async () => {
    const hostile = `{"__proto__": {"polluted": true}, "incidents": [${['constructor', 'toString', '__proto__']
      .map((impact, i) => JSON.stringify(incident({ id: `i${i}`, name: `Impact ${impact}`, impact })))
      .join(
        ',',
      )}, {"__proto__": {"x": 1}, "id": "p", "name": "Proto keys", "status": "resolved", "created_at": "2026-03-01T09:00:00Z", "incident_updates": [{"status": "resolved", "body": "x", "created_at": "2026-03-01T10:00:00Z", "__proto__": {}}]}]}`;
    const r = await importJson(hostile);
    expect(r.err).toBe('');
    expect(r.code).toBeLessThanOrEqual(1);
    for (const file of readdirSync(join(dir, 'out/content/incidents'))) {
      expect(frontMatter(join(dir, 'out/content/incidents', file)).severity).toMatch(/^SEV[0-4]$/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a name that forges a CI line is printed escaped', async () => {
    const r = await importJson({
      incidents: [
        incident({
          name: 'x\n::error file=a.md::forged',
          status: 'weird',
          incident_updates: [{ status: 'odd\n::error::forged', created_at: '2026-03-01T10:00:00Z' }],
        }),
      ],
    });
    expect(r.out).toContain('"x\\n::error file=a.md::forged"');
    for (const line of `${r.out}\n${r.err}`.split('\n')) expect(line).not.toMatch(/^\s*::error/);
  });

  it.each([
    ['HTML', '<!doctype html><html><body>Service Unavailable</body></html>', /^keel: in\.json: not readable as JSON/],
    ['a truncated file', JSON.stringify({ incidents: [incident()] }).slice(0, 120), /^keel: in\.json: not readable as JSON/],
    ['nesting 10,000 deep', `{"incidents": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`, /^keel: in\.json: not Statuspage v2 JSON: incidents\.0: /],
    ['a number', '42', /^keel: in\.json: not Statuspage v2 JSON: the document: /],
  ])('%s: one clear error, exit 2, nothing written', async (_, text, message) => {
    const r = await importJson(text);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(tree(dir)).toEqual(['in.json']);
  });

  it('50 MB of input: refused before it is parsed', async () => {
    writeFileSync(join(dir, 'in.json'), Buffer.alloc(50 * 1024 * 1024, 0x20));
    const r = await run(['import', 'statuspage', 'in.json', '--out', 'out']);
    expect(r).toMatchObject({ code: 2, err: 'keel: in.json: 50 MiB, more than the 32 MiB an import reads; split the export' });
    expect(tree(dir)).toEqual(['in.json']);
  });

  it('a device (/dev/zero) is refused, not read until memory runs out', async () => {
    const r = await run(['import', 'statuspage', '/dev/zero', '--out', 'out']);
    expect(r).toMatchObject({ code: 2, err: 'keel: /dev/zero: not a regular file (a device); pass the exported JSON file' });
  });

  it('a symbolic link planted in --out (a folder or a file): exit 2, nothing written, the target untouched', async () => {
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    mkdirSync(join(dir, 'out', 'content'), { recursive: true });
    symlinkSync(outside, join(dir, 'out', 'content', 'incidents'));
    const r = await importJson({ incidents: [incident()] });
    expect(r.code).toBe(2);
    expect(r.err).toBe('keel: refusing to write incidents/2026-03-01-api-errors.md: incidents is a symbolic link; nothing written');
    expect(readdirSync(outside)).toEqual([]);

    rmSync(join(dir, 'out', 'content', 'incidents'));
    mkdirSync(join(dir, 'out', 'content', 'incidents'), { recursive: true });
    writeFileSync(join(outside, 'target.md'), 'kept');
    symlinkSync(join(outside, 'target.md'), join(dir, 'out', 'content', 'incidents', '2026-03-01-api-errors.md'));
    const again = await importJson({ components: [{ id: 'c', name: 'API' }], incidents: [incident()] });
    expect(again.code).toBe(2);
    expect(again.err).toBe(
      'keel: refusing to write incidents/2026-03-01-api-errors.md: incidents/2026-03-01-api-errors.md is a symbolic link; nothing written',
    );
    expect(readFileSync(join(outside, 'target.md'), 'utf8')).toBe('kept');
    // Nothing written: not even the service, which came before the refused file.
    expect(tree(join(dir, 'out/content'))).toEqual(['incidents', 'incidents/2026-03-01-api-errors.md']);
  });
});
