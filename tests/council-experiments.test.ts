/**
 * The council's and the experiments' pages on real-shaped material, beyond the sample's four
 * concerns and three experiments: the sample content plus a backlog of thirty concerns (no
 * measuring SLO, a change date past the data, one before the data, an SLO without measurements),
 * experiments that are planned, ran before the data began, ran on an SLO without measurements, or
 * are recorded as held although the data show a breach, and two game days whose names give one
 * slug. The page data are checked here; one small build proves the pages render from them.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalPortal, type InternalPortal } from '../src/projections/internal/portal.ts';
import { validateContent } from '../src/rules/validate.ts';
import { buildSite, root, SAMPLE_NOW } from './e2e/site.ts';

const NOW = Date.parse(SAMPLE_NOW);
const RATINGS = ['low', 'medium', 'high'] as const;

const concern = (id: string, fields: string) => `---
title: Concern ${id}
raisedBy: "@ana"
${fields}
criteria:
  whySre: Crosses teams.
  whyImportant: Customers notice.
  whatIsInvolved: A week of work.
---
`;

const experiment = (title: string, fields: string) => `---
title: ${title}
services: [api-gateway]
hypothesis: Nothing breaks.
method: Pull the plug.
blastRadius: One zone.
backOutPlan: Plug it back in.
roles: { driver: "@a", recorder: "@b", commander: "@c" }
${fields}
---
`;

const RESULTS = 'results: { timeToKnow: 2m, timeToDetection: 4m, blackBoxAlertsFired: true, hypothesisHeld: true }';

/** Thirty backlog concerns in every status, oldest raised 2026-09-01, each assessed once decided. */
function backlog(): Record<string, string> {
  const files: Record<string, string> = {};
  const statuses = ['raised', 'raised', 'accepted', 'rejected', 'epic', 'in-progress', 'addressed'] as const;
  for (let i = 0; i < 30; i += 1) {
    const status = statuses[i % statuses.length]!;
    const raisedOn = `2026-09-${String(30 - i).padStart(2, '0')}`;
    const assessed = status !== 'raised' || i % 2 === 0;
    const fields = [
      `raisedOn: ${raisedOn}`,
      `status: ${status}`,
      assessed ? `assessment: { value: ${RATINGS[i % 3]}, effort: ${RATINGS[(i + 1) % 3]}, complexity: low, risk: low }` : '',
      status === 'raised' ? '' : `decision: { outcome: ${status === 'rejected' ? 'rejected' : 'accepted'}, date: 2026-10-01, rationale: Agreed. }`,
      ['epic', 'in-progress', 'addressed'].includes(status) ? 'links: { epic: https://tracker.example/E-1 }' : '',
      status === 'addressed' ? 'beforeAfter: { before: Slow., after: Fast. }' : '',
    ];
    files[`concerns/backlog-${String(i).padStart(2, '0')}.md`] = concern(`backlog-${i}`, fields.filter(Boolean).join('\n'));
  }
  return files;
}

const FILES: Record<string, string> = {
  ...backlog(),
  'concerns/no-slo.md': concern(
    'no-slo',
    'raisedOn: 2026-10-02\nstatus: accepted\nassessment: { value: high, effort: low, complexity: low, risk: high }\ndecision: { outcome: accepted, date: 2026-10-05, rationale: Yes. }',
  ),
  'concerns/after-the-data.md': concern(
    'after-the-data',
    'raisedOn: 2026-10-02\nstatus: accepted\nassessment: { value: high, effort: low, complexity: low, risk: high }\ndecision: { outcome: accepted, date: 2026-10-05, rationale: Yes. }\nslos: [payment-authorisation]\nbeforeAfter: { before: Manual., changedOn: 2027-02-01 }',
  ),
  'concerns/before-the-data.md': concern(
    'before-the-data',
    'raisedOn: 2026-08-02\nstatus: accepted\nassessment: { value: low, effort: low, complexity: low, risk: low }\ndecision: { outcome: accepted, date: 2026-08-30, rationale: Yes. }\nslos: [login-success]',
  ),
  'concerns/unmeasured-slo.md': concern(
    'unmeasured-slo',
    'raisedOn: 2026-10-02\nstatus: accepted\nassessment: { value: medium, effort: high, complexity: low, risk: low }\ndecision: { outcome: accepted, date: 2026-10-20, rationale: Yes. }\nslos: [web-app-availability]',
  ),
  'experiments/planned.md': experiment('Planned drain', 'gameDay: Q1 game day\nstatus: planned\nsteadyState: { slo: api-availability }'),
  'experiments/before-data.md': experiment(
    'Before the data',
    `gameDay: q1-game-day\nstatus: executed\nsteadyState: { slo: api-availability }\nexecutedAt: 2026-08-01T10:00:00Z\n${RESULTS}`,
  ),
  'experiments/unmeasured.md': experiment(
    'On an unmeasured SLO',
    `gameDay: q1-game-day\nstatus: executed\nsteadyState: { slo: web-app-availability }\nexecutedAt: 2026-10-28T10:00:00Z\n${RESULTS}`,
  ),
  'experiments/claims-held.md': experiment(
    'Claims to have held',
    `gameDay: q1-game-day\nstatus: executed\nsteadyState: { slo: login-success }\nexecutedAt: 2026-10-28T10:05:00Z\nendedAt: 2026-10-28T10:50:00Z\n${RESULTS}`,
  ),
};

let tmp: string;
let content: string;
let portal: InternalPortal;

beforeAll(async () => {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  tmp = mkdtempSync(join(root, 'tmp', 'council-experiments-'));
  content = join(tmp, 'content');
  cpSync(join(root, 'content'), content, { recursive: true });
  rmSync(join(content, 'measurements', 'web-app-availability.csv'));
  for (const [path, text] of Object.entries(FILES)) writeFileSync(join(content, path), text);
  const { index, diagnostics } = await validateContent(content, { cwd: content, now: NOW });
  expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([]);
  portal = internalPortal(index, NOW);
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the council on a real-sized backlog', () => {
  it('puts every concern in its status column, the counts adding up, oldest first', () => {
    const { board, pages } = portal.council;
    expect(board.reduce((n, c) => n + c.count, 0)).toBe(pages.length);
    expect(pages).toHaveLength(30 + 4 + 4);
    for (const column of board) {
      expect(column.count).toBe(column.concerns.length);
      const days = column.concerns.map((c) => c.raisedOn);
      expect(days).toEqual([...days].sort());
    }
    expect(board.find((c) => c.status === 'raised')!.concerns.map((c) => c.id)).toContain('alert-routing-after-reorgs');
  });

  it('lists the undecided on the agenda, oldest first, and places every assessed raised or accepted concern on the matrix', () => {
    const { agenda, matrix, pages } = portal.council;
    const raised = pages.filter((p) => p.status === 'raised');
    expect(agenda.map((a) => a.id)).toEqual([...raised].sort((a, b) => a.raisedOn.localeCompare(b.raisedOn) || a.id.localeCompare(b.id)).map((a) => a.id));
    const open = pages.filter((p) => p.status === 'raised' || p.status === 'accepted');
    expect(matrix.points.length + matrix.notAssessed.length).toBe(open.length);
    expect(matrix.points.every((p) => p.value >= 1 && p.value <= 3 && p.effort >= 1 && p.effort <= 3)).toBe(true);
  });

  const page = (id: string) => portal.council.pages.find((p) => p.id === id)!;

  it('says why there are no figures when no SLO measures a concern', () => {
    expect(page('no-slo').measured).toEqual([]);
    expect(page('no-slo').unmeasured).toBe('No SLO measures this concern (slos: is empty), so there is nothing to compare.');
  });

  it('names both periods as "not enough data" when the change date lies past the data', () => {
    const [m] = page('after-the-data').measured;
    expect(page('after-the-data').changedOn).toEqual({ date: '2027-02-01', source: 'beforeAfter.changedOn' });
    expect(m!.difference).toBeNull();
    expect([m!.beforeName, m!.afterName]).toEqual(['2027-01-04 to 2027-01-31', '2027-02-01 to 2027-02-28']);
    expect(m!.text).toBe('not enough data: the measurements do not cover the 28 days before (2027-01-04 to 2027-01-31) and after (2027-02-01 to 2027-02-28)');
  });

  it('says "not enough data" for the period before the measurements begin, and for an SLO without measurements', () => {
    const [before] = page('before-the-data').measured;
    expect(before!.before.covered).toBe(false);
    expect(before!.text).toMatch(/^not enough data: the measurements do not cover the \d+ days before \(/);
    const [unmeasured] = page('unmeasured-slo').measured;
    expect(unmeasured!.slo).toBe('web-app-availability');
    expect([unmeasured!.before.attainment, unmeasured!.after.attainment, unmeasured!.difference]).toEqual([null, null, null]);
  });
});

describe('experiments beyond the sample', () => {
  const page = (id: string) => portal.experiments.pages.find((p) => p.id === id)!;

  it('keeps two game days whose names give one slug apart', () => {
    // The day that ran first keeps the plain slug; the planned one comes last.
    expect(portal.experiments.gameDays.map((d) => [d.gameDay, d.key])).toEqual([
      ['q1-game-day', 'q1-game-day'],
      ['2026-q4-chaos-day', '2026-q4-chaos-day'],
      ['Q1 game day', 'q1-game-day-2'],
    ]);
  });

  it('a planned experiment is not run and its chart says why it is empty', () => {
    expect(page('planned').verdict).toBe('not-run');
    expect(page('planned').chart.empty).toBe('Not run (planned): the steady state is read over the run once it has happened.');
  });

  it('a run before the data began, or on an SLO without measurements, has no data (never "held")', () => {
    expect(page('before-data').verdict).toBe('no-data');
    expect(page('before-data').chart.empty).toBe('No measurements from 3 hours before to 3 hours after the run.');
    expect(page('unmeasured').verdict).toBe('no-data');
    expect(page('unmeasured').chart.empty).toBe('No measurements for web-app-availability (measurements/web-app-availability.csv).');
  });

  it('says from the data that the steady state breached, although the record says the hypothesis held', () => {
    const claims = page('claims-held');
    expect([claims.verdict, claims.claimedHeld]).toEqual(['breached', true]);
    expect(claims.contradiction).toMatch(/^recorded as held, but the steady state breached: login-success [\d.]+ % during the run \(target 99\.5 %\)$/);
    expect(claims.chart.bands).toEqual([{ label: 'the run', from: Date.parse('2026-10-28T10:05:00Z'), to: Date.parse('2026-10-28T10:50:00Z') }]);
    expect(claims.chart.time.length).toBeGreaterThan(0);
  });

  it('renders every concern, experiment and game day page, the agenda and the indexes', async () => {
    const built = await buildSite('internal', content, tmp, SAMPLE_NOW);
    expect(built.code, built.output).toBe(0);
    const html = (path: string) => readFileSync(join(tmp, 'internal', path, 'index.html'), 'utf8');
    for (const p of portal.council.pages) expect(html(p.href)).toContain(`<h1>${p.title}</h1>`);
    for (const p of portal.experiments.pages) expect(html(p.href)).toContain(`<h1>${p.title}</h1>`);
    for (const d of portal.experiments.gameDays) expect(html(d.href)).toContain(d.gameDay);
    expect(html('/council/after-the-data/')).toContain('not enough data');
    expect(html('/council/no-slo/')).toContain('No SLO measures this concern');
    expect(html('/experiments/claims-held/')).toContain('The record says the hypothesis held, but the data says otherwise');
    expect(html('/experiments/')).toContain('recorded as held although the steady-state SLO breached');
    expect(html('/council/agenda/').match(/<li data-concern=/g)).toHaveLength(portal.council.agenda.length);
  }, 240_000);
});
