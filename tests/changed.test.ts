/**
 * `keel validate --changed <ref>` in real temporary git repositories: git init, commit, edit,
 * then the CLI (main) compares with HEAD, a branch name or a SHA. Git runs with its own
 * identity and no global or system configuration (environment only).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';

const KEEL_NOW = '2026-11-22T12:00:00Z';
const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Keel Test',
  GIT_AUTHOR_EMAIL: 'keel@example.com',
  GIT_COMMITTER_NAME: 'Keel Test',
  GIT_COMMITTER_EMAIL: 'keel@example.com',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  // Where find-cache-dir looks first: nothing outside the test's own folders.
  CACHE_DIR: '',
};

const SLO = (name: string) =>
  `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: ${name}\nspec:\n  service: api\n  indicator:\n    metadata:\n      name: ${name}-sli\n    spec:\n      ratioMetric:\n        good: { metricSource: { type: Prometheus, spec: { query: good } } }\n        total: { metricSource: { type: Prometheus, spec: { query: total } } }\n  timeWindow:\n    - duration: 28d\n      isRolling: true\n  budgetingMethod: Occurrences\n  objectives:\n    - target: 0.99\n`;
const INCIDENT = (lines: string) =>
  `---\ntitle: API errors\nseverity: SEV3\nstarted: 2026-11-05T10:00:00Z\ndetected: 2026-11-05T10:05:00Z\nmitigated: 2026-11-05T10:30:00Z\nresolved: 2026-11-05T11:00:00Z\n${lines}---\n`;
const SERVICE = (name: string, extra = '') => `name: ${name}\nowner: team-${name.toLowerCase()}\ntier: 2\nstatusPage: false\n${extra}`;

/** A valid folder, and one file with an error that every test leaves unchanged. */
const BASE: Record<string, string> = {
  'keel.yaml': 'organisation:\n  name: Example\n  url: https://example.com\ntimeZone: UTC\n',
  'services/api.yaml': 'name: API\nowner: team-api\ntier: 1\nstatusPage:\n  component: API\n',
  'services/web.yaml': SERVICE('Web'),
  'slos/api-availability.yaml': SLO('api-availability'),
  'incidents/2026-11-05-api.md': INCIDENT('services: [api]\nslos: [api-availability]\n'),
  'incidents/2026-11-06-old.md': INCIDENT('services: [nope]\n'),
};
const OLD_ERROR = 'incidents/2026-11-06-old.md:8:12 error unknown service "nope"  ref/unknown';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();
}

function write(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

/** A repository whose first commit (on main) holds `files` in `sub` (the content folder). */
function repo(files: Record<string, string> = BASE, sub = ''): { top: string; content: string } {
  const top = mkdtempSync(join(tmpdir(), 'keel-changed-'));
  temps.push(top);
  const content = join(top, sub);
  write(content, files);
  git(top, 'init', '-q', '-b', 'main');
  git(top, 'add', '-A');
  git(top, 'commit', '-q', '-m', 'content');
  return { top, content };
}

interface Run {
  code: number;
  out: string;
  err: string;
}

async function validate(cwd: string, ...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['validate', '--content', '.', ...args], { out: (t) => out.push(t), err: (t) => err.push(t), env: { ...GIT_ENV, KEEL_NOW }, cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The errors of a text report, one line each (warnings of other rules may come and go). */
const errors = (out: string) => out.split('\n').filter((line) => / error /.test(line));
const first = (out: string) => out.split('\n')[0];
const last = (out: string) => out.split('\n').at(-1);

describe('keel validate --changed', () => {
  it('reports a changed file with an error, and not an unchanged one (HEAD, unstaged edit)', async () => {
    const { content } = repo();
    expect(errors((await validate(content)).out)).toEqual([OLD_ERROR]);
    write(content, { 'services/web.yaml': SERVICE('Web').replace('tier: 2', 'tier: 9') });
    const r = await validate(content, '--changed', 'HEAD');
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(errors(r.out)).toEqual(['services/web.yaml:3:7 error tier must be one of 1, 2, 3 (got 9)  schema/enum']);
    expect(first(r.out)).toMatch(/^checking 2 of 6 files: 1 changed since HEAD \(merge base [0-9a-f]{12}\), 0 related to them, and keel\.yaml$/);
    expect(last(r.out)).toMatch(/^2 of 6 files checked: 1 error, \d+ warnings?$/);
  });

  it('checks a file that names a changed one: an SLO renamed (staged) breaks an incident, against a branch name', async () => {
    const { top, content } = repo();
    git(top, 'checkout', '-q', '-b', 'rename');
    write(content, { 'slos/api-availability.yaml': SLO('api-uptime') });
    git(top, 'add', '-A');
    const r = await validate(content, '--changed', 'main');
    expect(errors(r.out)).toEqual(['incidents/2026-11-05-api.md:9:8 error unknown SLO "api-availability"  ref/unknown']);
    expect(r.code).toBe(1);
    // The SLO, the incident naming its old name, the service it names, and keel.yaml.
    expect(first(r.out)).toMatch(/^checking 4 of 6 files: 1 changed since main/);
  });

  it('checks the files that named a deleted one (committed on a branch, compared with a SHA); a rename is a deletion and an addition', async () => {
    const { top, content } = repo();
    const base = git(top, 'rev-parse', 'HEAD');
    git(top, 'checkout', '-q', '-b', 'drop-api');
    renameSync(join(content, 'services/api.yaml'), join(content, 'services/api-gateway.yaml'));
    git(top, 'add', '-A');
    git(top, 'commit', '-q', '-m', 'rename');
    const r = await validate(content, '--changed', base);
    expect(errors(r.out)).toEqual([
      'incidents/2026-11-05-api.md:8:12 error unknown service "api"  ref/unknown',
      'slos/api-availability.yaml:6:12 error unknown service "api"  ref/unknown',
    ]);
    expect(first(r.out)).toMatch(
      /^checking 4 of 6 files: 1 changed since [0-9a-f]{40} \(merge base [0-9a-f]{12}\), 1 deleted, 2 related to them, and keel\.yaml$/,
    );
  });

  it('checks an untracked new file (not one that is ignored)', async () => {
    const { content } = repo({ ...BASE, '.gitignore': 'incidents/*-draft.md\n' });
    write(content, {
      'incidents/2026-11-07-new.md': INCIDENT('services: [web, apii]\n'),
      'incidents/2026-11-08-draft.md': INCIDENT('services: [ignored]\n'),
    });
    const r = await validate(content, '--changed', 'HEAD');
    expect(errors(r.out)).toEqual(['incidents/2026-11-07-new.md:8:17 error unknown service "apii"  ref/unknown']);
    expect(first(r.out)).toMatch(/^checking 3 of 8 files: 1 changed since HEAD .*, 1 related to them, and keel\.yaml$/);
  });

  it('works on a content folder in a subfolder of the repository, with spaces and non-ASCII names, run from elsewhere', async () => {
    const sub = 'docs/réliabilité et SLOs';
    const { top, content } = repo(BASE, sub);
    write(content, { 'services/web.yaml': SERVICE('Web', 'dependsOn: [api, gateway]\n') });
    const out: string[] = [];
    const code = await main(['validate', '--content', sub, '--changed', 'HEAD'], {
      out: (t) => out.push(t),
      err: (t) => out.push(t),
      env: { ...GIT_ENV, KEEL_NOW },
      cwd: top,
    });
    expect(code).toBe(1);
    expect(errors(out.join('\n'))).toEqual([`${sub}/services/web.yaml:5:18 error unknown service "gateway"  ref/unknown`]);
    expect(first(out.join('\n'))).toMatch(/^checking 3 of 6 files: 1 changed/);
  });

  it('checks the file a duplicate id lands on, and the first service of a cycle a change closes', async () => {
    const { content } = repo({
      ...BASE,
      'services/a.yaml': SERVICE('A', 'dependsOn: [b]\n'),
      'services/b.yaml': SERVICE('B', 'dependsOn: [c]\n'),
      'services/c.yaml': SERVICE('C'),
      'services/d.yaml': SERVICE('D', 'dependsOn: [a]\n'),
    });
    // c → d closes a → b → c → d → a; the cycle is reported at a, two steps from c.
    write(content, { 'services/c.yaml': SERVICE('C', 'dependsOn: [d]\n'), 'services/api-2.yaml': `id: api\n${SERVICE('API 2')}` });
    const r = await validate(content, '--changed', 'HEAD');
    expect(errors(r.out)).toEqual([
      'services/a.yaml:5:13 error services depend on each other in a cycle: a → b → c → d → a  service/dependency-cycle',
      'services/api.yaml:1:1 error duplicate service id "api" (first defined at services/api-2.yaml:1)  id/duplicate',
    ]);
  });

  it('checks an SLO, its measurements, its policies and the files naming it together when one of them changed', async () => {
    const { content } = repo({
      ...BASE,
      'measurements/api-availability.csv': 'timestamp,good,total\n2026-11-20T01:00:00Z,99,100\n',
      'slos/policy.yaml':
        'apiVersion: keel/v1\nkind: ErrorBudgetPolicy\nmetadata: { name: api-policy }\nspec:\n  slos: [api-availability]\n  steps:\n    - name: Budget at risk\n      when: { remainingBudgetBelow: 0.5 }\n      actions: [Prioritise reliability work]\n',
    });
    write(content, { 'measurements/api-availability.csv': 'timestamp,good,total\n2026-11-20T01:00:00Z,99,100\n2026-11-20T02:00:00Z,98,100\n' });
    const r = await validate(content, '--changed', 'HEAD', '--format', 'json');
    expect((JSON.parse(r.out) as { changed: { files: string[] } }).changed.files).toEqual([
      'incidents/2026-11-05-api.md',
      'keel.yaml',
      'measurements/api-availability.csv',
      'slos/api-availability.yaml',
      'slos/policy.yaml',
    ]);
  });

  it('compares with the ref itself when it shares no history with HEAD, and says so', async () => {
    const { top, content } = repo();
    git(top, 'checkout', '-q', '--orphan', 'elsewhere');
    git(top, 'commit', '-q', '-m', 'a new root');
    write(content, { 'services/web.yaml': SERVICE('Web', 'dependsOn: [gateway]\n') });
    const r = await validate(content, '--changed', 'main');
    expect(first(r.out)).toMatch(
      /^checking 2 of 6 files: 1 changed since main \([0-9a-f]{12}; no merge base with HEAD, compared with it directly\), 0 related to them, and keel\.yaml$/,
    );
    expect(errors(r.out)).toEqual(['services/web.yaml:5:13 error unknown service "gateway"  ref/unknown']);
  });

  it('checks everything when keel.yaml changed, and says so', async () => {
    const { content } = repo();
    write(content, { 'keel.yaml': `${BASE['keel.yaml']}runbookReviewInterval: 30d\n` });
    const r = await validate(content, '--changed', 'HEAD');
    expect(first(r.out)).toMatch(/^keel\.yaml changed since HEAD \(merge base [0-9a-f]{12}\): its settings reach every rule, so every file is checked$/);
    expect(errors(r.out)).toEqual([OLD_ERROR]);
    expect(last(r.out)).toMatch(/^6 files checked: 1 error/);
  });

  it('gives a checked file the findings a full run gives it, with or without the cache; JSON says what was compared', async () => {
    const { top, content } = repo({ ...BASE, 'package.json': '{ "name": "content", "private": true }\n', '.gitignore': 'node_modules/\n' });
    write(content, { 'incidents/2026-11-05-api.md': INCIDENT('services: [api, apii]\nslos: [api-availability]\n') });
    const full = await validate(content);
    const cold = await validate(content, '--changed', 'HEAD', '--format', 'json');
    const warm = await validate(content, '--changed', 'HEAD', '--format', 'json');
    const parsed = [cold, warm].map((r) => JSON.parse(r.out) as { summary: unknown; changed: Record<string, unknown>; diagnostics: { file: string }[] });
    const checked = ['incidents/2026-11-05-api.md', 'services/api.yaml', 'slos/api-availability.yaml', 'keel.yaml'];
    const fromFull = (JSON.parse((await validate(content, '--format', 'json')).out) as { diagnostics: { file: string }[] }).diagnostics.filter((d) =>
      checked.includes(d.file),
    );
    expect(full.code).toBe(1);
    expect(parsed[0]!.diagnostics).toEqual(fromFull);
    expect(parsed[1]!.diagnostics).toEqual(fromFull);
    expect(parsed[0]!.changed).toMatchObject({
      ref: 'HEAD',
      commit: git(top, 'rev-parse', 'HEAD'),
      mergeBase: true,
      everything: false,
      changed: 1,
      checked: 4,
      total: 6,
    });
    // The first run parsed every file; the second read the 4 unchanged ones (keel.yaml is always read) from node_modules/.cache/keel.
    expect(parsed[0]!.changed.cached).toBe(0);
    expect(parsed[1]!.changed.cached).toBe(4);
  });

  it('a ref that names no commit: exit 2 with one line', async () => {
    const { content } = repo();
    const r = await validate(content, '--changed', 'no-such-branch');
    expect(r).toEqual({
      code: 2,
      out: '',
      err: 'keel: --changed: "no-such-branch" names no commit in this repository (a shallow CI clone has only what was fetched: fetch it, or check out with fetch-depth: 0)',
    });
    expect((await validate(content, '--changed', '--upload-pack=x')).code).toBe(2);
  });

  it('a folder that is not in a git repository: exit 2 with one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-nogit-'));
    temps.push(dir);
    write(dir, BASE);
    const r = await validate(dir, '--changed', 'HEAD');
    expect(r).toEqual({ code: 2, out: '', err: 'keel: --changed compares with git, and the content folder "." is not in a git repository' });
  });

  it('no git on PATH: exit 2 with one line', async () => {
    const { content } = repo();
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['validate', '--content', '.', '--changed', 'HEAD'], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: { ...GIT_ENV, KEEL_NOW, PATH: '/nonexistent' },
      cwd: content,
    });
    expect({ code, out, err }).toEqual({ code: 2, out: [], err: ['keel: --changed needs git, and no git program was found on PATH'] });
  });
});
