import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../core/diagnostic.ts';
import { testRule } from '../../tests/support/rule-tester.ts';
import type { Rule } from '../rules/rule.ts';
import { blankBody, createLinter, lintDocument, lintMarkdown, LINTER, type LintTarget } from './lint.ts';
import { parseMarkdown, scanSections, treeSections, type MarkdownFormat } from './markdown.ts';
import { mentionsOf, surelyThingBefore } from './plugins.ts';
import { LINT, LINT_RULES, LINT_RULES_FILE, readLintRules } from './rules.ts';
import { TaggedSentence } from './subject.ts';

/** `line:column rule "phrase"` for each finding of a Markdown body. */
function findings(text: string, format: MarkdownFormat = 'md', people: string[] = []): string[] {
  return lintMarkdown(LINTER, text, format, mentionsOf(people)).map((f) => `${f.line}:${f.column} ${f.rule.meta.id} ${f.data.phrase ?? ''}`);
}

/** Every diagnostic lintDocument reports for an incident with this body and front matter. */
function lintIncident(text: string, data: unknown = {}, format: MarkdownFormat = 'md'): Diagnostic[] {
  const out: Diagnostic[] = [];
  const target: LintTarget = {
    kind: 'incident',
    file: 'f.md',
    body: { text, line: 10, format },
    data,
    placeOf: (path) => ({ file: 'f.md', line: 1, column: path.length }),
  };
  lintDocument(target, (d) => out.push(d));
  return out;
}

const ACCEPTANCE = 'The root cause was human error: the operator should have checked the dashboard.';

describe('the rules file', () => {
  it('declares every lint rule once, as data, with an id lint/<name>', () => {
    expect(LINT_RULES.map((r) => r.id)).toEqual([
      'lint/blame',
      'lint/caution',
      'lint/counterfactual',
      'lint/follow-up-verb',
      'lint/hindsight',
      'lint/human-error',
      'lint/mistake',
      'lint/moral-judgement',
      'lint/person-as-cause',
      'lint/root-cause',
      'lint/vague-follow-up',
    ]);
    for (const rule of LINT_RULES) expect(rule.configurable, rule.id).toBe(true);
  });

  it('is checked when read: a mistake in it is an error that names the file', () => {
    expect(() => readLintRules('publicStatementSeverity: error\nrules:\n  x:\n    kind: phrases\n', 'x.yaml')).toThrow(/x\.yaml/);
    expect(() => readLintRules(readFileSync(LINT_RULES_FILE, 'utf8'))).not.toThrow();
  });

  it('is the source of a linter: a new phrase in the data is a new finding', () => {
    const text = readFileSync(LINT_RULES_FILE, 'utf8').replace('      - root cause\n', '      - root cause\n      - single point of blame\n');
    const linter = createLinter(readLintRules(text));
    expect(lintMarkdown(linter, 'A single point of blame.\n', 'md').map((f) => f.rule.meta.id)).toContain('lint/root-cause');
  });
});

describe('the blameless-language lint of a body', () => {
  it('finds at least three findings in the sentence of the issue, each at its word', () => {
    expect(findings(`## Narrative\n\n${ACCEPTANCE}\n`)).toEqual([
      '3:5 lint/root-cause root cause',
      '3:20 lint/human-error human error',
      '3:46 lint/counterfactual should have',
    ]);
  });

  it('finds each kind of phrase whatever its case, apostrophes and hyphens', () => {
    expect(findings('Root-cause: we didn’t follow the runbook.\n\nShe forgot to page; it was CARELESS and the fault of the process.\n')).toEqual([
      '1:1 lint/root-cause Root-cause',
      '1:16 lint/counterfactual didn’t follow',
      '3:5 lint/counterfactual forgot to',
      '3:28 lint/blame CARELESS',
      '3:45 lint/blame fault of',
    ]);
  });

  it('reports an overlapping phrase once ("to blame" is not also "blame"; "should have known" is not also "should have")', () => {
    expect(findings('The team is to blame.\n')).toEqual(['1:13 lint/blame to blame']);
    expect(findings('The operator should have known better.\n')).toEqual(['1:14 lint/hindsight should have known better']);
  });

  it('reads who the subject is: people (names, handles, pronouns, roles, groups), not systems, metrics or customers', () => {
    const text = [
      'Traffic failed to reach the cluster.',
      'The on-call engineer failed to notice the alert.',
      'Each repository should have clear rules.',
      'We should have caught this in review.',
      'It could have been a lot worse.',
      'Customers failed to log in.',
      'The team didn’t follow the runbook.',
      'The firewall rule was deleted by mistake.',
      'The parser mistakenly accepted duplicate keys.',
      'No one is to blame for this.',
      'The change was merged by Maya Okafor without review.',
      '',
    ].join('\n');
    expect(findings(text)).toEqual([
      '2:22 lint/counterfactual failed to',
      '4:4 lint/counterfactual should have',
      '7:10 lint/counterfactual didn’t follow',
      '8:31 lint/mistake by mistake',
      '11:16 lint/person-as-cause merged',
    ]);
  });

  it('leaves headings, block quotes and quotations alone', () => {
    expect(findings('## Root cause\n\n> We should have rolled back.\n\nThe page said "the operator failed to respond" all day.\n')).toEqual([]);
  });

  it('does not read words in quotes, code, inline code, HTML comments or links’ targets', () => {
    const text = [
      'We write "contributing factors", never "root cause".',
      '',
      'The query `root cause` and <!-- root cause --> are not prose; [a link](https://x.example/root-cause) is not either.',
      '',
      '```text',
      'The root cause was human error.',
      '```',
      '',
      '    indented code: should have',
      '',
    ].join('\n');
    expect(findings(text)).toEqual([]);
  });

  it('never crashes on tables, HTML, MDX expressions and JSX, and reads the prose inside JSX', () => {
    const md = '| a | b |\n| - | - |\n| human error | x |\n\n<div>\n<p>blame</p>\n</div>\n\n<details><summary>x</summary>\n\nText.\n</details>\n';
    expect(findings(md)).toEqual(['3:3 lint/human-error human error']);
    const mdx = [
      "import { Chart } from './chart.js';",
      'export const meta = { cause: "root cause" };',
      '',
      '{/* root cause */}',
      '',
      '<Callout kind="root cause">',
      '',
      'The operator should have paged.',
      '',
      '</Callout>',
      '',
      'A value {props.blame} and <Inline title="blame">text</Inline>.',
      '',
    ].join('\n');
    expect(findings(mdx, 'mdx')).toEqual(['8:14 lint/counterfactual should have']);
  });

  it('survives MDX that does not parse: it reads the text around the code', () => {
    expect(findings('Text {unclosed\n\nThe root cause was `x`.\n', 'mdx')).toEqual(['3:5 lint/root-cause root cause']);
  });

  it('turns findings off with a disable comment on the line before: named ids (comma or space), or all', () => {
    const text = [
      '<!-- keel-disable-next-line lint/root-cause -->',
      'The root cause was careless.',
      '<!-- keel-disable-next-line lint/root-cause, lint/blame -->',
      'The root cause was careless.',
      '<!-- keel-disable-next-line -->',
      'The root cause was careless.',
      'The root cause was careless.',
      '',
    ].join('\n');
    expect(findings(text)).toEqual(['2:20 lint/blame careless', '7:5 lint/root-cause root cause', '7:20 lint/blame careless']);
    const mdx = '{/* keel-disable-next-line lint/blame lint/root-cause */}\nThe root cause was careless.\n\nThe root cause.\n';
    expect(findings(mdx, 'mdx')).toEqual(['4:5 lint/root-cause root cause']);
  });

  it('reads a body too large to parse as text, code and comments left out, disable comments kept', () => {
    const filler = 'Plain words here. '.repeat(16_000);
    const text = `${filler}\n\n\`\`\`\nroot cause\n\`\`\`\n\n<!-- keel-disable-next-line -->\nThe root cause.\n\nHuman error and \`human error\`.\n`;
    expect(parseMarkdown(text, 'md')).toBeUndefined();
    expect(findings(text)).toEqual(['10:1 lint/human-error Human error']);
    expect(blankBody('a `root cause` b', 'md').text).toBe('a              b');
  });
});

describe('the subject read without the tagger', () => {
  // A phrase whose subject is surely a thing is decided from the words before it; anything less
  // sure goes to compromise. Spared by the quick check: the tagger must agree.
  const people = mentionsOf(['@maya.okafor', 'team-platform']);
  const quick = (sentence: string, phrase: string) => surelyThingBefore(sentence, sentence.indexOf(phrase), LINT.subjects, people, 'person');
  const tagged = (sentence: string, phrase: string) => {
    const t = new TaggedSentence(sentence, LINT.subjects, people);
    return t.subjectOf(t.termAt(sentence.indexOf(phrase))).kind;
  };
  const PEOPLE_KINDS = ['named', 'person', 'role'];

  it('reads clauses joined by "and": a person before the conjunction is still found, a thing spares the tagger', () => {
    const things = [
      ['Alert thresholds were static and did not follow the daily peak.', 'did not follow'],
      ['The replicas restarted and failed to rejoin the cluster.', 'failed to'],
      ['Health checks were green and did not notice the stale cache.', 'did not notice'],
      ['The queue filled up after the deploy and then failed to drain.', 'failed to'],
      ['the traffic failed to reach the cluster.', 'failed to'],
      ['Health checks failed to notice the stale cache.', 'failed to'],
    ] as const;
    for (const [sentence, phrase] of things) {
      expect(quick(sentence, phrase), sentence).toBe(true);
      expect(PEOPLE_KINDS, sentence).not.toContain(tagged(sentence, phrase));
    }
    const persons = [
      ['The on-call engineer restarted the pods and failed to check the logs.', 'failed to'],
      ['We restarted the pods and did not verify the fix.', 'did not verify'],
      ['After the deploy we restarted the pods and forgot to check the logs.', 'forgot to'],
      ['@maya.okafor restarted the pods and did not follow the runbook.', 'did not follow'],
      ['Maya restarted the pods and did not follow the runbook.', 'did not follow'],
      ['The pods were restarted by maya and did not follow the runbook.', 'did not follow'],
      ['Maya alone was paged and did not check the logs.', 'did not check'],
      ['Alerts that the reviewers saw were red and did not stop the deploy.', 'did not stop'],
      ['team-platform failed to rotate the key.', 'failed to'],
      ['The maya script failed to rotate the key.', 'failed to'],
    ] as const;
    for (const [sentence, phrase] of persons) expect(quick(sentence, phrase), sentence).toBe(false);
    expect(
      findings(
        [
          'Alert thresholds were static and did not follow the daily peak.',
          '',
          'The on-call engineer restarted the pods and failed to check the logs.',
          '',
          'We restarted the pods and did not verify the fix.',
          '',
          '@maya.okafor restarted the pods and did not follow the runbook.',
          '',
        ].join('\n'),
        'md',
        ['@maya.okafor'],
      ),
    ).toEqual(['3:45 lint/counterfactual failed to', '5:27 lint/counterfactual did not verify', '7:37 lint/counterfactual did not follow']);
  });

  it('agrees with the tagger wherever it answers (every combination of subjects, clauses and phrases)', () => {
    const subjects = [
      'The replicas',
      'Alert thresholds',
      'Health checks',
      'We',
      'The engineer',
      'Maya',
      'maya',
      'Traffic',
      'The team',
      'Customers',
      'It',
      'They',
      'Sam',
    ];
    const middles = ['', ' were static and', ' restarted the pods and', ' had drifted and then', ' also', ' were paged and', ' quickly', ' alone'];
    const phrases = ['failed to', 'did not follow', 'forgot to', 'should have'];
    let spared = 0;
    for (const subject of subjects) {
      for (const middle of middles) {
        for (const phrase of phrases) {
          const sentence = `${subject}${middle} ${phrase} check the logs.`;
          if (!quick(sentence, phrase)) continue;
          spared++;
          expect(PEOPLE_KINDS, sentence).not.toContain(tagged(sentence, phrase));
        }
      }
    }
    // The check answers for many of them: the agreement is not vacuous.
    expect(spared).toBeGreaterThan(50);
  });
});

describe('a person named as the subject or agent of a causal verb', () => {
  const people = ['@maya.okafor', 'lin.zhou@example.com', 'team-platform', 'Alice Smith'];

  it('finds a participant (handle, name part, e-mail name, team) or a name of the prose as the subject or the agent', () => {
    const text = [
      '@maya.okafor broke the deploy.',
      "Maya's last change caused the spike.",
      'Lin Zhou deleted the index.',
      'team-platform took down the gateway.',
      'Alice quickly introduced a typo.',
      'The config was pushed by John at 14:02.',
      '',
    ].join('\n');
    expect(findings(text, 'md', people)).toEqual([
      '1:14 lint/person-as-cause broke',
      '2:20 lint/person-as-cause caused',
      '3:10 lint/person-as-cause deleted',
      '4:15 lint/person-as-cause took down',
      '5:15 lint/person-as-cause introduced',
      '6:16 lint/person-as-cause pushed',
    ]);
  });

  it('does not read a name as the cause of another clause, nor a system as a person', () => {
    const text = [
      '@maya.okafor acknowledged the page and rolled back the deploy.',
      'Maya restarted the pods, which caused a short spike.',
      'Okafor looked at the dashboard for a while and then the alert triggered.',
      'The deploy broke the login page.',
      '',
    ].join('\n');
    expect(findings(text, 'md', people)).toEqual([]);
  });

  it('names forms of three letters or more only', () => {
    expect(mentionsOf(['@al.b']).map((m) => m.words.join(' '))).toEqual(['al b', 'al.b']);
  });
});

describe('the front matter of an incident', () => {
  it('lints the customer statement as warnings at most, only for blaming people: status-page language passes', () => {
    const data = {
      public: {
        title: 'Errors',
        summary: 'It was human error.',
        actions: ['Be blameless.'],
        updates: [{ body: 'The root cause was a misconfigured load balancer.' }, { body: 'Workflow runs failed to start.' }],
      },
    };
    expect(lintIncident('', data).map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`)).toEqual([
      '1:2 warning lint/human-error "human error" names a person where a condition belongs',
    ]);
  });

  it('points at the phrase inside a front-matter value: plain, quoted or folded over lines', () => {
    const frontMatter = [
      'public:',
      '  summary: "Our on-call engineer failed to respond."',
      'contributingFactors:',
      '  - category: people',
      '    description: >-',
      '      The deploy went out at night and',
      '      John forgot to run the canary step.',
      'followUps:',
      '  - title: Make the canary step automatic, since John forgot to run it',
      '',
    ].join('\n');
    const at: Record<string, { line: number; column: number }> = {
      'public.summary': { line: 3, column: 12 },
      'contributingFactors.0.description': { line: 6, column: 18 },
      'followUps.0.title': { line: 10, column: 12 },
    };
    const data = {
      public: { summary: 'Our on-call engineer failed to respond.' },
      contributingFactors: [{ category: 'people', description: 'The deploy went out at night and John forgot to run the canary step.' }],
      followUps: [{ title: 'Make the canary step automatic, since John forgot to run it' }],
    };
    const out: Diagnostic[] = [];
    lintDocument(
      {
        kind: 'incident',
        file: 'f.md',
        body: { text: '', line: 12, format: 'md' },
        data,
        placeOf: (path) => ({ file: 'f.md', ...at[path.join('.')]! }),
        frontMatter: { text: frontMatter, line: 2 },
      },
      (d) => out.push(d),
    );
    expect(out.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual([
      '3:34 warning lint/counterfactual',
      '8:12 warning lint/counterfactual',
      '10:55 warning lint/counterfactual',
    ]);
  });

  it('lints the body as warnings, at the word, lines of the file', () => {
    expect(lintIncident(`Intro.\n\n${ACCEPTANCE}\n`).map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual([
      '12:5 warning lint/root-cause',
      '12:20 warning lint/human-error',
      '12:46 warning lint/counterfactual',
    ]);
  });

  it('reads follow-up titles: trying harder (any status), and a verb first (open ones only)', () => {
    const followUps = [
      { title: 'Be more careful with config pushes' },
      { title: 'Monitoring for the queue', status: 'in-progress' },
      { title: 'Warehouse freshness SLO', status: 'done' },
      { title: 'More training on the deploy tool', status: 'done' },
      { title: 'Load-test the settings page' },
      { title: 'Rate-limit the export endpoint' },
    ];
    expect(lintIncident('', { followUps }).map((d) => `${d.column} ${d.rule} ${d.message}`)).toEqual([
      '3 lint/vague-follow-up follow-up "Be more careful with config pushes" asks people to try harder ("Be more careful")',
      '3 lint/follow-up-verb follow-up "Monitoring for the queue" does not start with a verb ("monitoring")',
      '3 lint/vague-follow-up follow-up "More training on the deploy tool" asks people to try harder ("More training")',
    ]);
  });

  it('does not crash on front matter of the wrong shape', () => {
    for (const data of [undefined, null, 'text', [], { public: 'x', followUps: 'y', participants: [] }, { followUps: [null, 3, { title: 7 }] }]) {
      expect(() => lintIncident(ACCEPTANCE, data)).not.toThrow();
    }
  });
});

describe('the filter before the parse', () => {
  // The lint parses a body only when a filter over its raw text may find something: the filter
  // must find at least what the rules find, whatever the text.
  const words = ['the', 'root', 'cause', 'human', 'error', 'should', 'have', 'blame', 'careless', '@maya.okafor', 'Maya', 'broke', 'caused', 'and', 'it'];
  const glue = [' ', ' ', ' ', ', ', '. ', '\n', ' **', '** ', ' _', '_ ', "'", '-', ' `', '` ', '\n\n', '.\n- ', '\n- ', '.\n1. ', '.\n  * '];
  const text = fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(...glue)), { maxLength: 30 }).map((parts) => parts.map(([w, g]) => w + g).join(''));

  it('never hides a finding of the rules (property)', () => {
    fc.assert(
      fc.property(text, (body) => {
        const data = { participants: { commander: '@maya.okafor' } };
        const unfiltered = lintMarkdown(LINTER, body, 'md', mentionsOf(['@maya.okafor']));
        const filtered = lintIncident(body, data).filter((d) => d.line >= 10);
        // Every finding of the whole body, at its place (the body starts at line 10). The filtered
        // run may find more: the English parser reads "careless." before a dropped list item
        // ("\n* the") as one word, alone it ends a sentence.
        const at = (rule: string, line: number, column: number) => `${rule} ${line}:${column}`;
        const kept = new Set(filtered.map((d) => at(d.rule, d.line, d.column)));
        for (const f of unfiltered) expect(kept).toContain(at(f.rule.meta.id, f.line + 9, f.column));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the section scan', () => {
  // The scan answers for most bodies without a parse: where it answers, it agrees with remark.
  const lines = [
    '## Narrative',
    '## Summary',
    '# Title',
    '### Sub',
    'Text.',
    '',
    '```',
    '~~~',
    '<!-- c -->',
    '<!--',
    '-->',
    '<div>',
    '</div>',
    '- item',
    '---',
    '  ## indented',
    '{/* c */}',
    '<X>',
    '</X>',
    'import x from "y"',
  ];
  const body = fc.array(fc.constantFrom(...lines), { maxLength: 25 }).map((l) => `${l.join('\n')}\n`);

  it('agrees with remark wherever it answers (property, Markdown and MDX)', () => {
    fc.assert(
      fc.property(body, fc.constantFrom<MarkdownFormat>('md', 'mdx'), (text, format) => {
        const scanned = scanSections(text, format);
        const tree = parseMarkdown(text, format);
        if (scanned && tree) expect(scanned).toEqual(treeSections(tree));
      }),
      { numRuns: 500 },
    );
  });
});

/** A lint rule, as the rule tester takes it: its findings come from the validator's lint. */
const asRule = (id: string): Rule => ({ meta: LINT.rules.find((r) => r.meta.id === id)!.meta, scope: 'index', check: () => undefined });

const INCIDENT = 'incidents/2026-11-10-api.md';
const incident = (body: string, front = '') => ({
  [INCIDENT]: `---\ntitle: API errors\nseverity: SEV3\nstarted: 2026-11-10T10:00:00Z\nservices: [api]\n${front}---\n${body}`,
});
const RUNBOOK = 'runbooks/api-errors.md';
const runbook = (body: string) => ({
  [RUNBOOK]: `---\ntitle: API errors\nservices: [api]\nowner: team-api\nlastReviewed: 2026-11-01\n---\n## Meaning\n\nm\n\n## Impact\n\ni\n\n## Diagnosis\n\nd\n\n## Mitigation\n\n${body}\n`,
});

testRule(asRule('lint/root-cause'), {
  valid: [{ name: 'contributing factors', files: incident('The contributing factors were two.\n') }],
  invalid: [
    {
      name: 'in a retrospective and a runbook, not in a customer statement',
      files: {
        ...incident(
          'The root cause was a timeout.\n',
          'public:\n  title: Errors\n  summary: The root cause is fixed.\n  updates:\n    - { at: 2026-11-10T10:05:00Z, status: investigating, body: Looking. }\n',
        ),
        ...runbook('Find the root cause first.'),
      },
      otherErrors: true,
      errors: [`${INCIDENT}:12:5 warning "root cause" suggests a single cause`, `${RUNBOOK}:21:10 warning "root cause" suggests a single cause`],
    },
    {
      name: 'keel.yaml sets the severity of every finding',
      files: {
        ...incident('The root cause.\n'),
        'keel.yaml': 'organisation: { name: E, url: https://e.example }\ntimeZone: UTC\nrules:\n  lint/root-cause: error\n',
      },
      errors: [`${INCIDENT}:7:5 error "root cause" suggests a single cause`],
    },
  ],
});

testRule(asRule('lint/counterfactual'), {
  valid: [
    {
      name: 'turned off in keel.yaml',
      files: {
        ...incident('We should have paged.\n'),
        'keel.yaml': 'organisation: { name: E, url: https://e.example }\ntimeZone: UTC\nrules:\n  lint/counterfactual: off\n',
      },
    },
  ],
  invalid: [
    {
      name: 'in a retrospective',
      files: incident('We should have paged.\n'),
      errors: [`${INCIDENT}:7:4 warning "should have" describes what did not happen (we)`],
    },
    {
      name: 'in a customer statement, a warning at the phrase',
      files: incident(
        'Body.\n',
        'public:\n  title: Errors\n  summary: Our on-call engineer failed to respond.\n  updates:\n    - { at: 2026-11-10T10:05:00Z, status: investigating, body: Looking. }\n',
      ),
      otherErrors: true,
      errors: [`${INCIDENT}:8:33 warning "failed to" describes what did not happen (Our on-call engineer)`],
    },
  ],
});

testRule(asRule('lint/person-as-cause'), {
  valid: [{ name: 'a system as the cause', files: incident('The deploy broke checkout.\n', 'participants:\n  commander: "@maya"\n') }],
  invalid: [
    {
      name: 'a participant named as the cause',
      files: incident('@maya broke the deploy.\n', 'participants:\n  commander: "@maya"\n'),
      errors: [`${INCIDENT}:9:7 warning @maya is named as the cause ("broke")`],
    },
    {
      name: 'a name of the prose as the agent',
      files: incident('The change was merged by John without review.\n'),
      errors: [`${INCIDENT}:7:16 warning John is named as the cause ("merged")`],
    },
  ],
});
