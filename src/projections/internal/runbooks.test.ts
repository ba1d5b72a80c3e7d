import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateContent } from '../../rules/validate.ts';
import { runbookPages, runbookPagesOf, runbookReview, runbookUsage } from './runbooks.ts';

const KUBE = fileURLToPath(new URL('../../../tests/fixtures/kube-runbooks', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../../content', import.meta.url));
const NOW = Date.parse('2026-11-22T12:00:00Z');
const DAY = 86_400_000;

describe('runbookReview', () => {
  it('is due the interval after the review day, overdue a moment later (as runbook/stale)', () => {
    expect(runbookReview('2026-08-24', 90 * DAY, Date.parse('2026-11-22T00:00:00Z'))).toEqual({
      lastReviewed: '2026-08-24',
      due: '2026-11-22',
      overdue: false,
      daysOverdue: 0,
      text: 'review due 2026-11-22',
    });
    expect(runbookReview('2026-08-24', 90 * DAY, Date.parse('2026-11-23T00:00:01Z'))).toMatchObject({
      overdue: true,
      daysOverdue: 1,
      text: 'review overdue since 2026-11-22 (1 day)',
    });
  });
});

describe('runbookUsage', () => {
  const incidents = [
    { id: 'b', title: 'B', started: Date.parse('2026-10-14T07:55:00Z'), runbooks: ['tls'] },
    { id: 'a', title: 'A', started: Date.parse('2026-03-01T10:00:00Z'), runbooks: ['tls', 'db'] },
    { id: 'c', title: 'C', started: Date.parse('2026-11-01T10:00:00Z'), runbooks: ['db'] },
  ];
  it('counts the incidents that used the runbook, latest first, the day in the portal zone', () => {
    expect(runbookUsage('tls', incidents, 'Europe/Amsterdam')).toMatchObject({
      count: 2,
      incidents: [{ id: 'b' }, { id: 'a' }],
      text: 'used in 2 incidents, last on 14 Oct 2026',
    });
    expect(runbookUsage('tls', [{ ...incidents[0]!, started: Date.parse('2026-10-13T23:30:00Z') }], 'Europe/Amsterdam').text).toBe(
      'used in 1 incident, last on 14 Oct 2026',
    );
    expect(runbookUsage('none', incidents, 'UTC').text).toBe('not used in any incident yet');
  });
});

describe('the runbook pages of real-shaped runbooks (kube-prometheus)', async () => {
  const { index, diagnostics } = await validateContent(KUBE, { cwd: KUBE, now: NOW });
  const pages = runbookPagesOf(index, NOW);

  it('lists as stale exactly the runbooks runbook/stale warns about', () => {
    const warned = diagnostics.filter((d) => d.rule === 'runbook/stale').map((d) => d.file.replace(/^(.*\/)?runbooks\/|\.md$/g, ''));
    expect(pages.stale.map((r) => r.id)).toEqual(warned);
    expect(warned).toEqual(['kube-pod-not-ready']);
  });

  it('indexes by service', () => {
    expect(pages.byService.map((s) => [s.service, s.runbooks.map((r) => r.id)])).toEqual([
      ['kubernetes', ['application-crashes', 'otel-http-errors', 'kube-pod-crash-looping', 'kube-pod-not-ready']],
      ['nodes', ['node-filesystem-space-filling-up']],
    ]);
  });

  it('indexes by alert name, with both runbooks where two name the alert and an escaped unsafe name', () => {
    expect(pages.byAlert.map((a) => [a.alert, a.path, a.runbooks.map((r) => r.id)])).toEqual([
      ['..', '/runbooks/alerts/~2E~2E/', ['otel-http-errors']],
      ['50%/5m', '/runbooks/alerts/50~25~2F5m/', ['otel-http-errors']],
      ['KubePodCrashLooping', '/runbooks/alerts/KubePodCrashLooping/', ['application-crashes', 'kube-pod-crash-looping']],
      ['KubePodNotReady', '/runbooks/alerts/KubePodNotReady/', ['kube-pod-not-ready']],
      ['KubeQuota:Exceeded', '/runbooks/alerts/KubeQuota~3AExceeded/', ['application-crashes']],
      ['NodeFilesystemAlmostOutOfSpace', '/runbooks/alerts/NodeFilesystemAlmostOutOfSpace/', ['node-filesystem-space-filling-up']],
      ['NodeFilesystemSpaceFillingUp', '/runbooks/alerts/NodeFilesystemSpaceFillingUp/', ['node-filesystem-space-filling-up']],
      ['Zahlungen schlagen fehl (ü)', '/runbooks/alerts/Zahlungen~20schlagen~20fehl~20~28~C3~BC~29/', ['otel-http-errors']],
      ['http.server.request.errors', '/runbooks/alerts/http.server.request.errors/', ['otel-http-errors']],
    ]);
  });

  it('flags the overdue review and lists it as stale; says how often each runbook was used', () => {
    expect(pages.stale.map((r) => [r.id, r.review.text])).toEqual([['kube-pod-not-ready', 'review overdue since 2026-08-02 (112 days)']]);
    const crash = pages.runbooks.find((r) => r.id === 'kube-pod-crash-looping')!;
    expect(crash.review).toMatchObject({ due: '2027-01-18', overdue: false });
    expect(crash.usage.text).toBe('used in 2 incidents, last on 2 Nov 2026');
    expect(crash.severity).toEqual({ default: 'SEV3', guidance: 'SEV2 when the pod serves customer traffic and no replica is ready.' });
  });
});

describe('the sample content', async () => {
  const { index } = await validateContent(SAMPLE, { cwd: SAMPLE, now: NOW });
  const pages = runbookPagesOf(index, NOW);

  it('gives every runbook a summary and every alert a page', () => {
    expect(pages.runbooks.map((r) => r.id).sort()).toEqual(index.collections.runbooks.map((r) => r.id).sort());
    const named = new Set(index.collections.runbooks.flatMap((r) => r.data.alerts));
    expect(pages.byAlert.map((a) => a.alert)).toEqual([...named].sort());
    expect(pages.byAlert.every((a) => a.runbooks.length >= 1)).toBe(true);
  });

  it('counts the incidents that name each runbook', () => {
    for (const runbook of pages.runbooks) {
      const expected = index.collections.incidents.filter((i) => i.data.runbooks.includes(runbook.id)).length;
      expect(runbook.usage.count).toBe(expected);
    }
    expect(pages.runbooks.some((r) => r.usage.count > 0)).toBe(true);
  });
});

describe('links both ways', () => {
  const runbook = { id: 'db', data: { title: 'DB', services: ['api', 'gone'], alerts: [], owner: 'o', lastReviewed: '2026-11-01', tags: [] } };
  const pages = runbookPages([runbook], [{ id: 'i-1', title: 'Outage', started: NOW - DAY, runbooks: ['db'] }], {
    reviewIntervalMs: 30 * DAY,
    now: NOW,
    zone: 'UTC',
    serviceNames: new Map([['api', 'Public API']]),
    slos: [
      { id: '/slos/api-availability/', title: 'API availability', href: '/slos/api-availability/', service: 'api' },
      { id: '/slos/etl/', title: 'ETL', href: '/slos/etl/', service: 'etl' },
    ],
  });
  const [db] = pages.runbooks;

  it("links the runbook's page, its services by name (an unknown one by id), their SLOs and the incidents that used it", () => {
    expect(db!.href).toBe('/runbooks/db/');
    expect(db!.serviceLinks).toEqual([
      { id: 'api', title: 'Public API', href: '/services/api/' },
      { id: 'gone', title: 'gone', href: '/services/gone/' },
    ]);
    expect(db!.slos).toEqual([{ id: '/slos/api-availability/', title: 'API availability', href: '/slos/api-availability/' }]);
    expect(db!.usage.incidents.map((i) => i.href)).toEqual(['/incidents/i-1/']);
    expect(pages.byService.map((s) => [s.service, s.title, s.href])).toEqual([
      ['api', 'Public API', '/services/api/'],
      ['gone', 'gone', '/services/gone/'],
    ]);
    expect(pages.interval).toBe('30d');
  });
});

it('runbookPagesOf names the interval as keel.yaml writes it', async () => {
  const { index } = await validateContent(KUBE, { cwd: KUBE, now: NOW });
  expect(runbookPagesOf(index, NOW).interval).toBe(index.settings?.data.runbookReviewInterval);
});

it('runbookPages lists a runbook past its interval as stale', () => {
  const runbook = { id: 'x', data: { title: 'X', services: ['s'], alerts: [], owner: 'o', lastReviewed: '2026-01-01', tags: [] } };
  expect(runbookPages([runbook], [], { reviewIntervalMs: 90 * DAY, now: NOW, zone: 'UTC' }).stale.map((r) => r.id)).toEqual(['x']);
});
