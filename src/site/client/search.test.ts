import { describe, expect, it } from 'vitest';
import { exactAlert, exactFirst, searchPages, type Pagefind, type PagefindPage } from './search.ts';

describe('exactAlert', () => {
  const alerts = ['KubePodCrashLooping', 'kubepodcrashlooping', 'KubeQuota:Exceeded'];
  it('is the alert named exactly as typed, else ignoring case, else none', () => {
    expect(exactAlert(alerts, ' KubePodCrashLooping ')).toBe('KubePodCrashLooping');
    expect(exactAlert(alerts, 'kubepodcrashlooping')).toBe('kubepodcrashlooping');
    expect(exactAlert(alerts, 'KUBEQUOTA:EXCEEDED')).toBe('KubeQuota:Exceeded');
    expect(exactAlert(alerts, 'KubePod')).toBeUndefined();
    expect(exactAlert(alerts, '  ')).toBeUndefined();
  });
});

describe('exactFirst', () => {
  it("puts the exact alert's pages first, in the word ranking's order, then the others once each", () => {
    const found = [{ id: 'incident' }, { id: 'runbook-b' }, { id: 'service' }, { id: 'runbook-a' }];
    expect(exactFirst([{ id: 'runbook-a' }, { id: 'runbook-b' }], found).map((r) => r.id)).toEqual(['runbook-b', 'runbook-a', 'incident', 'service']);
    // A page the words did not find (a filter-only match) still comes first.
    expect(exactFirst([{ id: 'runbook-c' }], found).map((r) => r.id)).toEqual(['runbook-c', 'incident', 'runbook-b', 'service', 'runbook-a']);
    expect(exactFirst([], found)).toEqual(found);
  });
});

describe('searchPages', () => {
  /** A Pagefind of three pages whose word ranking puts an incident before the alert's runbook. */
  const pages: Record<string, PagefindPage> = {
    incident: { url: '/incidents/i/', excerpt: 'KubePodNotReady ×5', meta: { title: 'I' }, filters: { kind: ['incident'], service: ['k8s'] } },
    runbook: { url: '/runbooks/r/', excerpt: 'r', meta: { title: 'R' }, filters: { kind: ['runbook'], service: ['k8s'], alert: ['KubePodNotReady'] } },
    other: { url: '/runbooks/o/', excerpt: 'o', meta: { title: 'O' }, filters: { kind: ['runbook'], service: ['db'], alert: ['PostgresDown'] } },
  };
  const calls: unknown[] = [];
  const matches = (page: PagefindPage, filters: Record<string, string> = {}) => Object.entries(filters).every(([k, v]) => page.filters[k]?.includes(v));
  const pagefind: Pagefind = {
    options: () => Promise.resolve(),
    init: () => Promise.resolve(),
    filters: () => Promise.resolve({ alert: { KubePodNotReady: 1, PostgresDown: 1 } }),
    search: (term, options) => {
      calls.push([term, options?.filters]);
      const ids = term === null ? ['runbook', 'other'] : ['incident', 'runbook'];
      return Promise.resolve({
        results: ids.filter((id) => matches(pages[id]!, options?.filters)).map((id) => ({ id, data: () => Promise.resolve(pages[id]!) })),
      });
    },
  };

  it('lists the runbook of the alert typed first, marked, with the filters applied to both searches', async () => {
    calls.length = 0;
    const hits = await searchPages(pagefind, 'kubepodnotready', { service: 'k8s' });
    expect(hits.map((h) => [h.url, h.alert])).toEqual([
      ['/runbooks/r/', 'KubePodNotReady'],
      ['/incidents/i/', undefined],
    ]);
    expect(calls).toEqual([
      [null, { service: 'k8s', alert: 'KubePodNotReady' }],
      ['kubepodnotready', { service: 'k8s' }],
    ]);
  });

  it("keeps Pagefind's order when the query names no alert", async () => {
    calls.length = 0;
    expect((await searchPages(pagefind, 'pods', {})).map((h) => [h.url, h.alert])).toEqual([
      ['/incidents/i/', undefined],
      ['/runbooks/r/', undefined],
    ]);
    expect(calls).toEqual([['pods', {}]]);
  });
});
