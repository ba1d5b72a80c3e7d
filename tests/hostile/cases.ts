/**
 * The hostile-input corpus of issue 6: each case plants one hostile or broken input in a copy
 * of the valid fixture and names the findings it must give (`rule file:line:col`). Cases are
 * generated where that is natural (every prototype key in every key position, every unsafe
 * character in every quoted place).
 */
import { MAX_FILE_BYTES, MAX_FINDINGS_PER_FILE, MAX_ITEMS, MAX_NESTING } from '../../src/core/limits.ts';

export interface HostileCase {
  name: string;
  /** Files to write (text or bytes), by path in the content folder. */
  files?: Record<string, string | Uint8Array>;
  /** Symbolic links to create: path in the content folder → target. */
  links?: Record<string, string>;
  /** Named pipes to create. */
  fifos?: string[];
  /** Findings that must be reported: `rule file:line:col`. */
  expect: string[];
  /** Rules that must not be reported for this case's files. */
  absent?: string[];
}

const service = (extra = '', name = 'Hostile') => `name: ${name}\nowner: team\ntier: 2\nstatusPage: false\n${extra}`;
const incident = (front: string, body = 'Body.\n') =>
  `---\ntitle: Hostile\nseverity: SEV3\nstarted: 2026-11-20T08:00:00Z\nservices: [api]\n${front}---\n${body}`;
const slo = (kind: string, apiVersion = 'openslo/v1') => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: hostile\nspec: {}\n`;

const isId = (key: string) => /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(key);

/** Keys that name built-in properties of every plain object. */
export const PROTOTYPE_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

/** Characters that would break an output line or drive a terminal, as YAML double-quoted escapes. */
const UNSAFE = [
  ['newline + workflow command', '\\n::error file=x.yaml,line=1::forged'],
  ['carriage return', '\\r::warning::forged'],
  ['ANSI colour', '\\e[31mred\\e[0m'],
  ['bidi override', 'abc\\u202Edcba'],
  ['line separator', 'a\\u2028::error::b'],
  ['next line (C1)', 'a\\x85::error::b'],
  ['percent escapes', '%0A::error::x'],
  ['legacy command', '\\n##[error]forged'],
] as const;

function prototypeCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const key of PROTOTYPE_KEYS) {
    const quoted = JSON.stringify(key);
    cases.push(
      { name: `kind: ${key}`, files: { 'slos/hostile.yaml': slo(key) }, expect: ['schema/kind slos/hostile.yaml:2:7'] },
      { name: `apiVersion: ${key}`, files: { 'slos/hostile.yaml': slo('SLO', key) }, expect: ['schema/api-version slos/hostile.yaml:1:13'] },
      {
        name: `${key} as a top-level field of a service`,
        files: { 'services/hostile.yaml': service(`${quoted}: 1\n`) },
        expect: ['schema/unknown-field services/hostile.yaml:5:1'],
      },
      {
        name: `${key} as a nested field`,
        files: { 'services/hostile.yaml': service('').replace('statusPage: false\n', `statusPage:\n  component: API\n  ${quoted}: x\n`) },
        expect: ['schema/unknown-field services/hostile.yaml:6:3'],
      },
      {
        name: `${key} as an enum value`,
        files: { 'incidents/2026-11-21-hostile.md': incident('').replace('SEV3', key) },
        expect: ['schema/enum incidents/2026-11-21-hostile.md:3:11'],
      },
      {
        name: `${key} as a service reference`,
        files: { 'incidents/2026-11-21-hostile.md': incident('').replace('[api]', `[${quoted}]`) },
        expect: ['ref/unknown incidents/2026-11-21-hostile.md:5:12'],
      },
      // "constructor" is a valid id: a reference to a service that does not exist.
      {
        name: `${key} as a dependency`,
        files: { 'services/hostile.yaml': service(`dependsOn: [${quoted}]\n`) },
        expect: [`${isId(key) ? 'ref/unknown' : 'schema/id'} services/hostile.yaml:5:13`],
      },
      // A "__proto__" key would vanish in Zod's record: the loader reports it first.
      {
        name: `${key} as a rule name in keel.yaml`,
        files: { 'keel.yaml': `organisation:\n  name: X\n  url: https://x.example\ntimeZone: UTC\nrules:\n  ${quoted}: off\n` },
        expect: [key === '__proto__' ? 'schema/unknown-field keel.yaml:6:3' : 'settings/rule-config keel.yaml:6:3'],
      },
      {
        name: `${key} as a severity in keel.yaml`,
        files: { 'keel.yaml': `organisation:\n  name: X\n  url: https://x.example\ntimeZone: UTC\nseverities:\n  ${quoted}:\n    timeToAction: 5m\n` },
        expect: ['schema/unknown-field keel.yaml:6:3'],
      },
      {
        name: `${key} as an SLO name`,
        files: { 'slos/hostile.yaml': slo('SLO').replace('name: hostile', `name: ${quoted}`) },
        expect: [isId(key) ? 'schema/required slos/hostile.yaml:5:7' : 'schema/id slos/hostile.yaml:4:9'],
      },
    );
  }
  return cases;
}

function forgingCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const [what, text] of UNSAFE) {
    cases.push(
      { name: `${what} in an id`, files: { 'services/hostile.yaml': `id: "${text}"\n${service()}` }, expect: ['schema/id services/hostile.yaml:1:5'] },
      {
        name: `${what} in a timestamp`,
        files: { 'incidents/2026-11-21-hostile.md': incident(`resolved: "2026-11-20T09:00:00Z${text}"\n`) },
        expect: ['schema/timestamp incidents/2026-11-21-hostile.md:6:11'],
      },
      {
        name: `${what} in an enum value`,
        files: { 'services/hostile.yaml': service().replace('tier: 2', `tier: "${text}"`) },
        expect: ['schema/enum services/hostile.yaml:3:7'],
      },
      {
        name: `${what} in an unknown field`,
        files: { 'services/hostile.yaml': service(`"${text}": 1\n`) },
        expect: ['schema/unknown-field services/hostile.yaml:5:1'],
      },
    );
  }
  const names = ['bad\n::error file=x::forged.yaml', '::error file=x::top', '##[error]legacy', 'a\r::warning::b.yaml', 'esc\u001b[2J.yaml'];
  for (const name of names) {
    const top = !name.endsWith('.yaml');
    const path = top ? name : `services/${name}`;
    cases.push({
      name: `file name ${JSON.stringify(name)}`,
      files: { [path]: service() },
      expect: [`${top ? 'content/unknown-file' : 'schema/id'} ${path}:1:1`],
    });
  }
  return cases;
}

function linkCases(): HostileCase[] {
  return [
    { name: 'a service linked to /etc/passwd', links: { 'services/passwd.yaml': '/etc/passwd' }, expect: ['content/link services/passwd.yaml:1:1'] },
    {
      name: 'measurements linked to /proc/self/environ',
      links: { 'measurements/api-availability.csv': '/proc/self/environ' },
      expect: ['content/link measurements/api-availability.csv:1:1'],
    },
    { name: 'keel.yaml linked outside', links: { 'keel.yaml': '/etc/hostname' }, expect: ['content/link keel.yaml:1:1'] },
    { name: 'a link to /dev/zero', links: { 'services/zero.yaml': '/dev/zero' }, expect: ['content/link services/zero.yaml:1:1'] },
    { name: 'a link to /dev/urandom', links: { 'runbooks/random.md': '/dev/urandom' }, expect: ['content/link runbooks/random.md:1:1'] },
    { name: 'a folder linked to /etc', links: { 'runbooks/etc': '/etc' }, expect: ['content/link runbooks/etc:1:1'] },
    {
      name: 'a relative link that climbs out',
      links: { 'services/up.yaml': '../../../../../../../../etc/passwd' },
      expect: ['content/link services/up.yaml:1:1'],
    },
    { name: 'a folder link loop', links: { 'services/loop': '..' }, expect: ['content/link services/loop:1:1'] },
    { name: 'a named pipe', fifos: ['services/pipe.yaml'], expect: ['content/special-file services/pipe.yaml:1:1'] },
    {
      name: 'a link inside the folder is read once, as the file it names',
      files: { 'services/real.yaml': service('', 'Real') },
      links: { 'services/alias.yaml': 'real.yaml' },
      expect: [],
      absent: ['content/link', 'content/unreadable'],
    },
  ];
}

function limitCases(): HostileCase[] {
  const deep = (n: number) => service(`links: ${'['.repeat(n)}${']'.repeat(n)}\n`);
  return [
    {
      name: '10,000-deep flow sequence',
      files: { 'services/hostile.yaml': deep(10_000) },
      expect: [`limit/nesting services/hostile.yaml:5:${7 + MAX_NESTING}`],
    },
    {
      name: '10,000-deep flow mapping',
      files: { 'services/hostile.yaml': service(`links: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`) },
      expect: ['limit/nesting services/hostile.yaml:5:257'],
    },
    {
      name: '10,000-deep compact sequence',
      files: { 'services/hostile.yaml': service(`links:\n${'- '.repeat(10_000)}x\n`) },
      expect: ['limit/nesting services/hostile.yaml:6:127'],
    },
    // At the quote that is never closed, not where the parser gave up.
    {
      name: 'deep nesting after a syntax error',
      files: { 'services/hostile.yaml': `a: "unclosed\nb: ${'['.repeat(10_000)}\n` },
      expect: ['yaml/syntax services/hostile.yaml:1:4'],
    },
    {
      name: `nesting of ${MAX_NESTING - 1} levels is read`,
      files: { 'services/hostile.yaml': deep(MAX_NESTING - 2) },
      expect: ['schema/type services/hostile.yaml:5:9'],
      absent: ['limit/nesting'],
    },
    {
      name: `nesting of ${MAX_NESTING} levels is not`,
      files: { 'services/hostile.yaml': deep(MAX_NESTING) },
      expect: [`limit/nesting services/hostile.yaml:5:${7 + MAX_NESTING}`],
    },
    {
      name: 'a 500,000-item list',
      files: { 'services/hostile.yaml': service(`dependsOn:\n${'- X\n'.repeat(500_000)}`) },
      expect: ['limit/items services/hostile.yaml:1:1'],
    },
    {
      name: '100,000 unknown fields',
      files: { 'services/hostile.yaml': service(Array.from({ length: 100_000 }, (_, i) => `f${i}: 1\n`).join('')) },
      expect: ['limit/items services/hostile.yaml:1:1'],
    },
    {
      name: `${MAX_ITEMS} items are read`,
      files: { 'services/hostile.yaml': service(`dependsOn:\n${'- X\n'.repeat(MAX_ITEMS)}`) },
      expect: ['limit/findings services/hostile.yaml:56:3'],
      absent: ['limit/items'],
    },
    {
      name: `${MAX_ITEMS + 1} items are not`,
      files: { 'services/hostile.yaml': service(`dependsOn:\n${'- X\n'.repeat(MAX_ITEMS + 1)}`) },
      expect: ['limit/items services/hostile.yaml:1:1'],
    },
    {
      name: `${MAX_FINDINGS_PER_FILE} findings are all listed`,
      files: { 'services/hostile.yaml': service(`dependsOn:\n${'- X\n'.repeat(MAX_FINDINGS_PER_FILE / 2)}`) },
      expect: ['schema/id services/hostile.yaml:6:3'],
      absent: ['limit/findings'],
    },
    {
      name: `${MAX_FINDINGS_PER_FILE + 2} findings: the last two counted`,
      files: { 'services/hostile.yaml': service(`dependsOn:\n${'- X\n'.repeat(MAX_FINDINGS_PER_FILE / 2 + 1)}`) },
      expect: ['limit/findings services/hostile.yaml:56:3'],
    },
    {
      name: 'a file one byte over the limit',
      files: { 'services/hostile.yaml': service(`# ${'x'.repeat(MAX_FILE_BYTES)}\n`).slice(0, MAX_FILE_BYTES + 1) },
      expect: ['limit/file-size services/hostile.yaml:1:1'],
    },
    {
      name: 'a file at the limit is read',
      files: { 'services/hostile.yaml': `${service('tags: x\n')}#${'x'.repeat(MAX_FILE_BYTES - service('tags: x\n').length - 2)}\n` },
      expect: ['schema/unknown-field services/hostile.yaml:5:1'],
      absent: ['limit/file-size'],
    },
    {
      // Refused for what they hold, before any parse: the same verdict on every machine, in moments.
      name: '64 MDX bodies of 60 KB, each with 15,000 link openers',
      files: Object.fromEntries(
        Array.from({ length: 64 }, (_, i) => [
          `incidents/2026-11-${String(10 + (i % 20)).padStart(2, '0')}-hostile-${i}.mdx`,
          incident('', `${'[a]('.repeat(15_000)}\n`),
        ]),
      ),
      expect: ['limit/mdx incidents/2026-11-10-hostile-0.mdx:7:1', 'limit/mdx incidents/2026-11-13-hostile-63.mdx:7:1'],
      absent: ['limit/time'],
    },
    {
      name: 'a 1,000-deep MDX list',
      files: {
        'incidents/2026-11-21-hostile.mdx': incident('', `Intro.\n\n${Array.from({ length: 1_000 }, (_, i) => `${'  '.repeat(i)}- item\n`).join('')}`),
      },
      // At its deepest line: the 1,000th item (line 7 + 2 + 999).
      expect: ['limit/mdx incidents/2026-11-21-hostile.mdx:1008:1'],
      absent: ['limit/time'],
    },
    {
      name: 'an alias bomb',
      files: {
        'services/hostile.yaml': `${service()}a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from(
          { length: 12 },
          (_, i) =>
            `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
              .fill(`*${String.fromCharCode(97 + i)}`)
              .join(', ')}]`,
        ).join('\n')}\n`,
      },
      // At the alias that crosses the limit: the ninth *b of line 7 (c: &c [*b, …]).
      expect: ['yaml/syntax services/hostile.yaml:7:40'],
    },
    {
      name: 'an alias bomb behind a verbatim tag',
      files: { 'services/hostile.yaml': `a: !<tag:yaml.org,2002:map>&s {x: 1}\nb: [*s, *s]\n${service()}` },
      expect: ['yaml/syntax services/hostile.yaml:1:28'],
    },
  ];
}

function defectCases(): HostileCase[] {
  const tags = ['!!python/object/apply:os.system', '!!js/function', '!Ref', '!!binary', '!!set', '!!timestamp'];
  const offsets = ['+25:00', '-00:60', '+99:99', '+24:00'];
  const csv = (rows: string) => `timestamp,good,total\n${rows}`;
  return [
    ...tags.map((tag) => ({
      name: `tag ${tag}`,
      files: { 'services/hostile.yaml': service().replace('owner: team', `owner: ${tag} team`) },
      expect: ['yaml/unknown-tag services/hostile.yaml:2:8'],
    })),
    ...offsets.map((offset) => ({
      name: `offset ${offset}`,
      files: { 'incidents/2026-11-21-hostile.md': incident(`resolved: 2026-11-20T09:00:00${offset}\n`) },
      expect: ['schema/timestamp incidents/2026-11-21-hostile.md:6:11'],
    })),
    {
      name: 'a seconds field of 60 on a day without a leap second',
      files: { 'incidents/2026-11-21-hostile.md': incident('resolved: 2026-11-20T23:59:60Z\n') },
      expect: ['schema/timestamp incidents/2026-11-21-hostile.md:6:11'],
    },
    {
      name: 'the leap second of 2016 is a time',
      files: { 'maintenance/hostile.yaml': 'title: Leap\nscheduledFor: 2016-12-31T23:59:60Z\nscheduledUntil: 2017-01-01T00:30:00Z\ncomponents: [API]\n' },
      expect: [],
      absent: ['schema/timestamp'],
    },
    {
      name: 'a time two days before started (with an impossible offset) is still checked',
      files: { 'incidents/2026-11-21-hostile.md': incident('resolved: 2026-11-18T09:00:00+23:59\n') },
      expect: ['incident/time-order incidents/2026-11-21-hostile.md:6:11'],
    },
    {
      name: 'an offset as a time zone',
      files: { 'keel.yaml': 'organisation:\n  name: X\n  url: https://x.example\ntimeZone: "+05:00"\n' },
      expect: ['schema/time-zone keel.yaml:4:11'],
    },
    {
      name: 'a NUL byte in YAML',
      files: { 'services/hostile.yaml': service().replace('owner: team', 'owner: te\u0000am') },
      expect: ['content/encoding services/hostile.yaml:2:10'],
    },
    {
      name: 'a NUL byte in Markdown',
      files: { 'runbooks/hostile.md': '---\ntitle: t\n---\nab\u0000c\n' },
      expect: ['content/encoding runbooks/hostile.md:4:3'],
    },
    {
      name: 'bytes that are not UTF-8 in YAML',
      files: {
        'services/hostile.yaml': Buffer.concat([Buffer.from('name: H\nowner: t'), Buffer.from([0xff, 0xfe]), Buffer.from('\ntier: 2\nstatusPage: false\n')]),
      },
      expect: ['content/encoding services/hostile.yaml:2:9'],
    },
    {
      name: 'an overlong UTF-8 sequence',
      files: {
        'services/hostile.yaml': Buffer.concat([Buffer.from('name: H'), Buffer.from([0xc0, 0xaf]), Buffer.from('\nowner: t\ntier: 2\nstatusPage: false\n')]),
      },
      expect: ['content/encoding services/hostile.yaml:1:8'],
    },
    {
      name: 'a UTF-16 file',
      files: { 'services/hostile.yaml': Buffer.from(`\ufeff${service()}`, 'utf16le') },
      expect: ['content/encoding services/hostile.yaml:1:1'],
    },
    {
      name: 'bytes that are not UTF-8 in a CSV',
      files: {
        'measurements/api-availability.csv': Buffer.concat([
          Buffer.from(csv('2026-11-20T00:00:00Z,998,1000\n2026-11-20T01:00:00Z,99')),
          Buffer.from([0x80]),
          Buffer.from(',1000\n'),
        ]),
      },
      expect: ['content/encoding measurements/api-availability.csv:3:24'],
    },
    {
      name: 'a file.MDX gets the MDX check',
      files: { 'incidents/2026-11-21-hostile.MDX': incident('', 'An <unclosed tag.\n') },
      expect: ['mdx/syntax incidents/2026-11-21-hostile.MDX:7:17'],
    },
    { name: 'a file.YAML is a service', files: { 'services/upper.YAML': service('tags: x\n') }, expect: ['schema/unknown-field services/upper.YAML:5:1'] },
    {
      name: 'a service that depends on itself',
      files: { 'services/hostile.yaml': service('dependsOn: [hostile]\n') },
      expect: ['service/dependency-cycle services/hostile.yaml:5:13'],
    },
    {
      name: 'a dependency cycle',
      files: { 'services/hostile.yaml': service('dependsOn: [other]\n'), 'services/other.yaml': service('dependsOn: [hostile]\n', 'Other') },
      expect: ['service/dependency-cycle services/hostile.yaml:5:13'],
    },
    ...['0x10', '2e4', 'Infinity', '1e3', '+5', '.5'].map((count) => ({
      name: `CSV count ${count}`,
      files: { 'measurements/api-availability.csv': csv(`2026-11-20T00:00:00Z,${count},1000\n`) },
      expect: ['measurement/number measurements/api-availability.csv:2:22'],
    })),
    ...['NaN', 'Infinity', '-Infinity', '0x1A'].map((value) => ({
      name: `CSV value ${value}`,
      files: { 'measurements/api-latency.csv': `timestamp,value\n2026-11-20T00:00:00Z,${value}\n` },
      expect: [value === 'NaN' ? 'schema/type measurements/api-latency.csv:2:22' : 'measurement/number measurements/api-latency.csv:2:22'],
    })),
    {
      name: 'a CSV row out of order after an impossible time',
      files: { 'measurements/api-availability.csv': csv('2026-11-20T00:00:00Z,1,2\n2026-11-20T00:00:60Z,1,2\n2026-11-19T00:00:00Z,1,2\n') },
      expect: ['schema/timestamp measurements/api-availability.csv:3:1', 'measurement/order measurements/api-availability.csv:4:1'],
    },
    {
      name: '.nan where a number belongs',
      files: { 'services/hostile.yaml': service().replace('tier: 2', 'tier: .nan') },
      expect: ['schema/enum services/hostile.yaml:3:7'],
    },
    ...['.inf', '-.inf', '.nan', '.NaN'].map((value) => ({
      name: `${value} as a policy threshold`,
      files: {
        'slos/hostile.yaml': `apiVersion: keel/v1\nkind: ErrorBudgetPolicy\nmetadata:\n  name: hostile\nspec:\n  slos: [api-availability]\n  steps:\n    - name: Freeze\n      when: { remainingBudgetBelow: ${value} }\n      actions: [freeze]\n`,
      },
      expect: ['schema/type slos/hostile.yaml:9:37'],
    })),
  ];
}

/** Positions (Deliver 5): at the token that is never closed; lines counted as editors count them. */
function positionCases(): HostileCase[] {
  return [
    {
      name: 'an unclosed double quote',
      files: { 'services/hostile.yaml': 'name: "Hostile\nowner: team\ntier: 2\nstatusPage: false\n' },
      expect: ['yaml/syntax services/hostile.yaml:1:7'],
    },
    {
      name: 'an unclosed single quote',
      files: { 'services/hostile.yaml': "name: 'Hostile\nowner: team\n" },
      expect: ['yaml/syntax services/hostile.yaml:1:7'],
    },
    {
      name: 'an unclosed flow sequence',
      files: { 'services/hostile.yaml': service('dependsOn: [api\n', 'Hostile') + 'links: []\n' },
      expect: ['yaml/syntax services/hostile.yaml:5:12'],
    },
    {
      name: 'an unclosed flow mapping',
      files: { 'services/hostile.yaml': 'name: Hostile\nowner: team\ntier: 2\nstatusPage: { component: X\nlinks: []\n' },
      expect: ['yaml/syntax services/hostile.yaml:4:13'],
    },
    {
      name: 'CR-only line endings',
      files: { 'services/hostile.yaml': 'name: Hostile\rowner: team\rtier: 9\rstatusPage: false\r' },
      expect: ['schema/enum services/hostile.yaml:3:7'],
    },
    {
      name: 'mixed line endings',
      files: { 'services/hostile.yaml': 'name: Hostile\r\nowner: team\rtier: 2\nstatusPage: nope\r\n' },
      expect: ['schema/type services/hostile.yaml:4:13'],
    },
    {
      name: 'an unclosed MDX expression',
      files: { 'incidents/2026-11-21-hostile.mdx': incident('', 'Intro.\n\nThe value {was\n\nmore text\n') },
      expect: ['mdx/syntax incidents/2026-11-21-hostile.mdx:9:11'],
    },
  ];
}

export const CASES: readonly HostileCase[] = [...linkCases(), ...forgingCases(), ...prototypeCases(), ...limitCases(), ...defectCases(), ...positionCases()];
