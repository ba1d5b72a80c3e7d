/**
 * `keel new` on a copy of the sample content: each kind adds exactly one file that validates;
 * bad input writes nothing and exits 2; questions are asked only at a terminal, never under CI.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type Io } from '../src/cli/main.ts';
import type { Ask } from '../src/cli/new/ask.ts';
import { listFiles } from '../src/core/walk.ts';
import { validateContent } from '../src/rules/validate.ts';

const SAMPLE = join(import.meta.dirname, '..', 'content');
/** The sample content's "now" (its open incident is hours old). */
const NOW = '2026-11-22T12:00:00Z';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-new-'));
  cpSync(SAMPLE, join(dir, 'content'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], io: Partial<Io> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['new', ...argv], { out: (t) => out.push(t), err: (t) => err.push(t), env: { KEEL_NOW: NOW }, cwd: dir, ...io });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const files = () => listFiles(join(dir, 'content'));

/** Files added since `before`. */
const added = (before: string[]) => files().filter((f) => !before.includes(f));

async function problems() {
  const result = await validateContent(join(dir, 'content'), { cwd: dir, now: Date.parse(NOW) });
  return result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`);
}

describe('keel new writes one file that validates', () => {
  it.each([
    [
      'incident',
      ['Checkout errors after the deploy', '--services', 'payments,api-gateway', '--severity', 'SEV2'],
      'incidents/2026-11-22-checkout-errors-after-the-deploy.md',
    ],
    ['runbook', ['Payment provider timeouts', '--services', 'payments'], 'runbooks/payment-provider-timeouts.md'],
    [
      'concern',
      [
        'Alert routing drifts',
        '--raised-by',
        '@alice',
        '--why-sre',
        'Every team',
        '--why-important',
        'Pages reach nobody',
        '--what-is-involved',
        'A check in CI',
      ],
      'concerns/alert-routing-drifts.md',
    ],
    [
      'experiment',
      [
        'Kill a database replica',
        ...['--services', 'accounts-db', '--slo', 'api-availability', '--hypothesis', 'The API stays up', '--method', 'Stop a replica'],
        ...['--blast-radius', 'Staging only', '--back-out-plan', 'Start it again', '--driver', '@a', '--recorder', '@b', '--commander', '@c'],
      ],
      'experiments/kill-a-database-replica.md',
    ],
    ['service', ['Fraud checks', '--owner', 'team-risk', '--tier', '1', '--component', 'Fraud checks'], 'services/fraud-checks.yaml'],
    ['slo', ['Payments succeed', '--service', 'payments', '--good', 'sum(rate(ok[5m]))', '--total', 'sum(rate(all[5m]))'], 'slos/payments-succeed.yaml'],
    [
      'maintenance',
      ['Queue upgrade', '--from', '2026-12-10 06:00', '--to', '2026-12-10 07:00', '--components', 'REST API', '--description', 'Webhooks are delayed.'],
      'maintenance/2026-12-10-queue-upgrade.yaml',
    ],
  ])('%s', async (kind, args, path) => {
    const before = files();
    const r = await run([kind, ...args]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(added(before)).toEqual([path]);
    expect(r.out).toContain(`keel: wrote content/${path}`);
    expect(await problems()).toEqual([]);
  });
});

describe('keel new incident', () => {
  it('prefills times in the portal time zone with their offset and writes the retrospective template', async () => {
    await run(['incident', 'Slow logins', '--services', 'auth']);
    const text = readFileSync(join(dir, 'content', 'incidents', '2026-11-22-slow-logins.md'), 'utf8');
    // keel.yaml says Europe/Amsterdam: 12:00Z is 13:00 there, in November +01:00.
    expect(text).toContain('started: 2026-11-22T13:00:00+01:00\n');
    expect(text).toContain('review:\n  status: draft\n');
    for (const heading of [
      'Messages to stakeholders',
      'Monitoring context',
      'Communication timeline',
      'Contributing factors',
      'Technical analysis',
      'Follow-up actions',
      'Narrative',
      'What went well',
      'Where we got lucky',
    ]) {
      expect(text).toContain(`\n## ${heading}\n`);
    }
  });

  it('writes the template keel.yaml configures: its headings, each with its guidance, then the extra sections', async () => {
    const settings = join(dir, 'content', 'keel.yaml');
    writeFileSync(
      settings,
      `${readFileSync(settings, 'utf8')}retrospective:\n  requiredSections:\n    - Summary\n    - { heading: Action items, aliases: [Next steps] }\n    - Timeline\n`,
    );
    const { code, out } = await run(['incident', 'Queue backlog', '--services', 'payments', '--severity', 'SEV3']);
    expect(code, out).toBe(0);
    const text = readFileSync(join(dir, 'content', 'incidents', '2026-11-22-queue-backlog.md'), 'utf8');
    expect(text.match(/^## .*$/gm)).toEqual(['## Summary', '## Action items', '## Timeline', '## What went well', '## Where we got lucky']);
    expect(text).toContain('## Action items\n\n<!-- The actions agreed, each also listed under followUps:');
    // The sample's published retrospectives follow the default template; the new file validates.
    expect((await problems()).filter((p) => p.includes('queue-backlog'))).toEqual([]);
  });

  it('starts the customer statement with a first "investigating" update when given a public title', async () => {
    const r = await run(['incident', 'Login failures', '--services', 'auth', '--public-title', 'Some customers cannot log in']);
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, 'content', 'incidents', '2026-11-22-login-failures.md'), 'utf8');
    // The impact customers are told: prefilled from the severity (SEV3 by default: minor), or as given.
    expect(text).toContain(
      'public:\n  title: Some customers cannot log in\n  impact: minor\n  updates:\n    - at: 2026-11-22T13:00:00+01:00\n      status: investigating\n',
    );
    expect(await problems()).toEqual([]);
    await run(['incident', 'Checkout down', '--severity', 'SEV3', '--public-title', 'Checkout unavailable', '--public-impact', 'critical']);
    expect(readFileSync(join(dir, 'content', 'incidents', '2026-11-22-checkout-down.md'), 'utf8')).toContain('  impact: critical\n');
  });

  it('reads a wall-clock --started in the portal zone and dates the file by it', async () => {
    const r = await run(['incident', 'Night batch failed', '--started', '2026-11-21 23:30']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'content', 'incidents', '2026-11-21-night-batch-failed.md'), 'utf8')).toContain('started: 2026-11-21T23:30:00+01:00\n');
  });
});

describe('bad input writes nothing and exits 2', () => {
  it.each([
    [['incident', '!!! ???'], 'the title "!!! ???" makes no id'],
    [['incidnt', 'Title'], 'unknown kind "incidnt" (did you mean "incident"?)'],
    [['incident', 'Title', '--severity', 'sev1'], '--severity: "sev1" is not one of SEV0, SEV1, SEV2, SEV3, SEV4 (did you mean "SEV1"?)'],
    [['incident', 'Title', '--services', 'paymnts'], '"paymnts" is not one of'],
    [['incident', 'Title', '--started', 'yesterday'], '--started must be a time'],
    [['incident', 'Title', '--owner', 'x'], '--owner is not a field of incident'],
    [['concern', 'Title'], 'keel new concern needs --raised-by, --why-sre, --why-important, --what-is-involved (there is no terminal to ask in)'],
    [['incident'], 'keel new incident needs a title'],
    [['runbook', 'Bad id', '--services', 'payments', '--id', 'Bad_Id'], '--id "Bad_Id" is not an id'],
    [[], 'new needs a kind'],
  ])('%j', async (argv, message) => {
    const before = files();
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(files()).toEqual(before);
  });

  it('an existing file', async () => {
    expect((await run(['runbook', 'Twice', '--services', 'payments'])).code).toBe(0);
    const before = files();
    const text = readFileSync(join(dir, 'content', 'runbooks', 'twice.md'), 'utf8');
    const r = await run(['runbook', 'Twice', '--services', 'auth']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('keel: content/runbooks/twice.md exists already: choose another title or --id; nothing written');
    expect(files()).toEqual(before);
    expect(readFileSync(join(dir, 'content', 'runbooks', 'twice.md'), 'utf8')).toBe(text);
  });

  it.each([['../../escape'], ['/tmp/escape'], ['a\u0000b'], ['x'.repeat(300)], ['Runbook']])('a hostile --id %j', async (id) => {
    const before = files();
    const r = await run(['runbook', 'Title', '--services', 'payments', '--id', id]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^keel: --id ".*" is not an id/);
    expect(files()).toEqual(before);
    expect(readdirSync(dir)).toEqual(['content']);
  });

  it('a symbolic link planted where the file or its folder goes: refused, the target untouched', async () => {
    mkdirSync(join(dir, 'outside'));
    writeFileSync(join(dir, 'outside', 'target.md'), 'kept');
    symlinkSync(join(dir, 'outside', 'target.md'), join(dir, 'content', 'runbooks', 'planted.md'));
    const r = await run(['runbook', 'Planted', '--services', 'payments']);
    expect(r).toMatchObject({ code: 2, err: 'keel: refusing to write runbooks/planted.md: runbooks/planted.md is a symbolic link; nothing written' });
    expect(readFileSync(join(dir, 'outside', 'target.md'), 'utf8')).toBe('kept');

    rmSync(join(dir, 'content', 'experiments'), { recursive: true, force: true });
    symlinkSync(join(dir, 'outside'), join(dir, 'content', 'experiments'));
    const folder = await run(['experiment', 'Planted', '--yes']);
    expect(folder.code).toBe(2);
    expect(readdirSync(join(dir, 'outside'))).toEqual(['target.md']);
  });
});

describe('questions', () => {
  /** Answers by flag; records what was asked. */
  function scripted(answers: Record<string, string | string[]>) {
    const asked: { flag: string; choices: readonly string[] }[] = [];
    const ask: Ask = (field, choices, initial) => {
      asked.push({ flag: field.flag, choices });
      return Promise.resolve(answers[field.flag] ?? initial);
    };
    return { ask, asked };
  }

  it('asks at a terminal for what flags did not give, offering what exists', async () => {
    const { ask, asked } = scripted({ title: 'Webhook retries pile up', services: ['notifications'], severity: 'SEV2', runbooks: ['email-queue-backlog'] });
    const r = await run(['incident', '--severity', 'SEV1'], { interactive: true, ask });
    expect(r.code).toBe(0);
    expect(asked.map((a) => a.flag)).toEqual(['title', 'started', 'detected', 'services', 'slos', 'runbooks', 'commander', 'public-title']);
    // With a public title, the impact customers are told is asked too, one of Statuspage's four.
    const withPublic = scripted({ title: 'Login errors', 'public-title': 'Some logins fail' });
    await run(['incident'], { interactive: true, ask: withPublic.ask });
    expect(withPublic.asked.at(-1)).toEqual({ flag: 'public-impact', choices: ['none', 'minor', 'major', 'critical'] });
    expect(asked.find((a) => a.flag === 'services')!.choices).toContain('payments');
    // SLOs offered are those of the services chosen.
    expect(asked.find((a) => a.flag === 'slos')!.choices).toEqual(['email-delivery-latency']);
    const text = readFileSync(join(dir, 'content', 'incidents', '2026-11-22-webhook-retries-pile-up.md'), 'utf8');
    expect(text).toContain('severity: SEV1\n');
    expect(text).toContain('runbooks:\n  - email-queue-backlog\n');
  });

  it('asks nothing under CI, nor with --yes', async () => {
    for (const [env, argv] of [
      [{ KEEL_NOW: NOW, CI: 'true' }, ['incident', 'Under CI']],
      [{ KEEL_NOW: NOW }, ['incident', 'With yes', '--yes']],
    ] as const) {
      const { ask, asked } = scripted({});
      const r = await run([...argv], { interactive: true, ask, env });
      expect(r.code).toBe(0);
      expect(asked).toEqual([]);
    }
  });
});
