/**
 * `keel policy check`, the deploy gate, as a pipeline runs it (main(argv, io) with a captured io):
 * on the sample content at its pinned "now" (settings-page-latency burns fast: feature releases
 * of settings-service are frozen), and on small folders for "since the data begins", freezes
 * naming other services, content errors and usage errors.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { BASE_FILES } from './support/rule-tester.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = { KEEL_NOW: '2026-11-22T12:00:00Z' };

async function run(argv: string[], env: NodeJS.ProcessEnv = NOW, cwd = ROOT) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env, cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('keel policy check on the sample content', () => {
  it('exits 1 for settings-service: the Fast burn step freezes its feature releases; prints the SLO, the step, since when and the other actions', async () => {
    const r = await run(['policy', 'check', '--service', 'settings-service', '--content', 'content']);
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      [
        'settings-service: feature releases frozen',
        '  SLO settings-page-latency — 99% of loads within 1 s: policy application-budget-policy, step "Fast burn", since 2026-11-21T16:00:00Z',
        '  - Only fixes and reverts ship; keel policy check stops the deploy jobs.',
        '  - Declare an incident if none is open for the SLO.',
        '  - The team lead reports the plan to the SRE council within one working day.',
        '1 freeze in force for settings-service at 2026-11-22T12:00:00Z: do not deploy',
      ].join('\n'),
    );
    // Without --service, any freeze stops the gate.
    expect((await run(['policy', 'check', '--content', 'content'])).code).toBe(1);
  });

  it('exits 0 for a service no freeze covers', async () => {
    const r = await run(['policy', 'check', '--service', 'payments', '--content', 'content']);
    expect([r.code, r.out]).toEqual([0, 'no freeze in force for payments at 2026-11-22T12:00:00Z']);
  });

  it('--format json: the freezes as data', async () => {
    const r = await run(['policy', 'check', '--service', 'settings-service', '--format', 'json', '--content', 'content']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({
      now: '2026-11-22T12:00:00Z',
      service: 'settings-service',
      frozen: true,
      freezes: [
        {
          slo: 'settings-page-latency',
          objective: '99% of loads within 1 s',
          sloService: 'settings-service',
          policy: 'application-budget-policy',
          step: 'Fast burn',
          since: '2026-11-21T16:00:00Z',
          sinceStartOfHistory: false,
          freeze: 'features',
          services: ['settings-service'],
          actions: [
            'Only fixes and reverts ship; keel policy check stops the deploy jobs.',
            'Declare an incident if none is open for the SLO.',
            'The team lead reports the plan to the SRE council within one working day.',
          ],
        },
      ],
    });
  });

  it('--format github: an error annotation at the policy step, the actions below it', async () => {
    const r = await run(['policy', 'check', '--service', 'settings-service', '--format', 'github', '--content', 'content']);
    expect(r.code).toBe(1);
    expect(r.out.split('\n')).toEqual([
      '::error file=content/slos/policies.yaml,line=35,col=7,title=keel policy check::settings-service: feature releases frozen (SLO settings-page-latency — 99%25 of loads within 1 s: policy application-budget-policy, step "Fast burn", since 2026-11-21T16:00:00Z)%0Ahint: Only fixes and reverts ship; keel policy check stops the deploy jobs.%0ADeclare an incident if none is open for the SLO.%0AThe team lead reports the plan to the SRE council within one working day.',
      '1 freeze in force for settings-service at 2026-11-22T12:00:00Z: do not deploy',
    ]);
  });

  it('a service that does not exist is a usage error (exit 2) with "did you mean"', async () => {
    const r = await run(['policy', 'check', '--service', 'settings-servce', '--content', 'content']);
    expect([r.code, r.out, r.err]).toEqual([2, '', 'keel: no service is named "settings-servce"; did you mean "settings-service"?']);
  });

  it.each([
    [['policy'], 'keel: policy needs an action: keel policy check'],
    [['policy', 'chek'], 'keel: unknown policy action "chek"; actions: check; did you mean "check"?'],
    [['policy', 'check', '--format', 'markdown'], 'keel: --format must be one of text, json, github (got "markdown")'],
  ])('usage error: %j', async (argv, message) => {
    const r = await run([...argv, '--content', 'content']);
    expect([r.code, r.err]).toEqual([2, message]);
  });
});

describe('keel policy check on small folders', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** A 99 % SLO of the service "api" over 1 day, hourly rows of 1000 requests with `bad` bad ones each, and a policy with `steps`. */
  function folder(bad: number, steps: string, extra: Record<string, string> = {}): string {
    const dir = mkdtempSync(join(tmpdir(), 'keel-policy-check-'));
    dirs.push(dir);
    const rows = ['timestamp,good,total'];
    for (let h = 1; h <= 24; h++) rows.push(`${new Date(Date.UTC(2026, 10, 21, h)).toISOString().replace('.000Z', 'Z')},${1000 - bad},1000`);
    const files: Record<string, string> = {
      ...BASE_FILES,
      'services/ledger.yaml': 'name: Ledger\nowner: team-ledger\ntier: 1\nstatusPage: false\n',
      'slos/api.yaml': `apiVersion: openslo/v1
kind: SLO
metadata:
  name: api-availability
spec:
  service: api
  indicator:
    metadata: { name: api-requests }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: Prometheus, spec: { query: good } } }
        total: { metricSource: { type: Prometheus, spec: { query: total } } }
  timeWindow:
    - { duration: 1d, isRolling: true }
  budgetingMethod: Occurrences
  objectives:
    - displayName: 99% of requests
      target: 0.99
---
apiVersion: keel/v1
kind: ErrorBudgetPolicy
metadata:
  name: api-policy
spec:
  slos: [api-availability]
  steps:
${steps}`,
      'measurements/api-availability.csv': `${rows.join('\n')}\n`,
      ...extra,
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return dir;
  }
  const exhausted = `    - name: Budget exhausted
      when: { remainingBudgetBelow: 0 }
      actions:
        - { freeze: all, services: [ledger] }
        - pager: developers
        - Only fixes ship.
`;
  const NOW_AFTER = { KEEL_NOW: '2026-11-22T00:30:00Z' };

  it('says "since the data begins" when the step held from the first row; a freeze covers the services it names, not the SLO\'s', async () => {
    // 2 % bad against a 1 % budget: exhausted from the first hour on.
    const dir = folder(20, exhausted);
    const any = await run(['policy', 'check', '--content', dir], NOW_AFTER);
    expect([any.code, any.out]).toEqual([
      1,
      [
        'ledger: all changes frozen',
        '  SLO api-availability — 99% of requests: policy api-policy, step "Budget exhausted", since the data begins (2026-11-21T01:00:00Z)',
        '  - The pager goes back to the developers.',
        '  - Only fixes ship.',
        '1 freeze in force for any service at 2026-11-22T00:30:00Z: do not deploy',
      ].join('\n'),
    ]);
    expect((await run(['policy', 'check', '--service', 'ledger', '--content', dir], NOW_AFTER)).code).toBe(1);
    expect(await run(['policy', 'check', '--service', 'api', '--content', dir], NOW_AFTER)).toEqual({
      code: 0,
      out: 'no freeze in force for api at 2026-11-22T00:30:00Z',
      err: '',
    });
    const json = JSON.parse((await run(['policy', 'check', '--format', 'json', '--content', dir], NOW_AFTER)).out) as {
      freezes: { sinceStartOfHistory: boolean }[];
    };
    expect(json.freezes.map((f) => f.sinceStartOfHistory)).toEqual([true]);
  });

  it('exits 0 while the budget lasts, and for free-text actions however they read', async () => {
    const dir = folder(1, `${exhausted}    - name: Budget at risk\n      when: { remainingBudgetBelow: 0.9 }\n      actions: [Freeze all releases]\n`);
    const r = await run(['policy', 'check', '--content', dir], NOW_AFTER);
    expect([r.code, r.out]).toEqual([0, 'no freeze in force for any service at 2026-11-22T00:30:00Z']);
  });

  it('exits 1 on content errors, after the validation report: no freeze can be ruled out', async () => {
    const dir = folder(1, exhausted.replace('freeze: all', 'freeze: everything'));
    const r = await run(['policy', 'check', '--content', dir], NOW_AFTER);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('freeze must be one of releases, features, all (got "everything")');
    expect(r.err).toContain('keel policy check: the content has errors, so no freeze can be ruled out');
  });
});
