import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lexer } from 'yaml';
import { commentCutText, mayHoldAnchor, parseYaml, parseYamlWithPositions, type ParsedYaml } from './yaml.ts';

const SERVICE = `# A service
name: Public API
owner: team-platform
tier: 1
statusPage:
  component: API
  group: Platform
dependsOn:
  - web
  - ledger
links: [{ title: Dashboard, url: "https://grafana.example.com" }]
empty:
`;

/** Both parsers: the fast one (js-yaml, positions on demand) and the positioned one. */
const parsers: [string, (text: string, lineOffset?: number) => ParsedYaml][] = [
  ['parseYaml', parseYaml],
  ['parseYamlWithPositions', parseYamlWithPositions],
];

describe.each(parsers)('%s', (_, parse) => {
  it('reads the data with the YAML 1.2 core schema: dates and times stay strings', () => {
    const { documents, problems } = parse('started: 2026-11-03T09:12:00Z\nday: 2026-11-03\nnaive: 2026-11-03 09:12\nyes: yes\non: on\nn: 012\nf: 1.50\nnothing: ~\nb: true\n');
    expect(problems).toEqual([]);
    expect(documents[0]!.data).toEqual({ started: '2026-11-03T09:12:00Z', day: '2026-11-03', naive: '2026-11-03 09:12', yes: 'yes', on: 'on', n: 12, f: 1.5, nothing: null, b: true });
  });

  it('locates values: scalars, nested mappings, list items, flow collections', () => {
    const [doc] = parse(SERVICE).documents;
    expect(doc!.locate(['name'])).toEqual({ line: 2, column: 7 });
    expect(doc!.locate(['tier'])).toEqual({ line: 4, column: 7 });
    expect(doc!.locate(['statusPage'])).toEqual({ line: 6, column: 3 });
    expect(doc!.locate(['statusPage', 'group'])).toEqual({ line: 7, column: 10 });
    expect(doc!.locate(['dependsOn', 1])).toEqual({ line: 10, column: 5 });
    expect(doc!.locate(['links', 0, 'url'])).toEqual({ line: 11, column: 34 });
  });

  it('locates keys when asked', () => {
    const [doc] = parse(SERVICE).documents;
    expect(doc!.locate(['statusPage', 'group'], 'key')).toEqual({ line: 7, column: 3 });
    expect(doc!.locate(['links', 0, 'url'], 'key')).toEqual({ line: 11, column: 29 });
  });

  it('points a missing key at the mapping that should hold it, and a key without value at the key', () => {
    const [doc] = parse(SERVICE).documents;
    expect(doc!.locate(['description'])).toEqual({ line: 2, column: 1 });
    expect(doc!.locate(['statusPage', 'description'])).toEqual({ line: 6, column: 3 });
    expect(doc!.locate(['dependsOn', 5])).toEqual({ line: 9, column: 3 });
    expect(doc!.locate(['tier', 'deeper'])).toEqual({ line: 4, column: 7 });
    expect(doc!.locate(['empty'])).toEqual({ line: 12, column: 1 });
    expect(doc!.locate([])).toEqual({ line: 2, column: 1 });
  });

  it('reads several documents, each with its own start and positions', () => {
    const { documents, problems } = parse('apiVersion: openslo/v1\nkind: SLO\n---\n# second\napiVersion: keel/v1\nkind: ErrorBudgetPolicy\n---\n- a list\n');
    expect(problems).toEqual([]);
    expect(documents.map((d) => [d.data, d.start])).toEqual([
      [{ apiVersion: 'openslo/v1', kind: 'SLO' }, { line: 1, column: 1 }],
      [{ apiVersion: 'keel/v1', kind: 'ErrorBudgetPolicy' }, { line: 5, column: 1 }],
      [['a list'], { line: 8, column: 1 }],
    ]);
    expect(documents[1]!.locate(['kind'])).toEqual({ line: 6, column: 7 });
    expect(documents[2]!.locate([0])).toEqual({ line: 8, column: 3 });
  });

  it('shifts lines for YAML embedded in a file (front matter starts on line 2)', () => {
    const { documents } = parse('title: Checkout errors\nstarted: 2026-11-03 09:12\nservices:\n  - web\n', 1);
    expect(documents[0]!.locate(['started'])).toEqual({ line: 3, column: 10 });
    expect(documents[0]!.locate(['services', 0])).toEqual({ line: 5, column: 5 });
    expect(documents[0]!.start).toEqual({ line: 2, column: 1 });
  });

  it('reports syntax errors with positions (shifted too), and keeps the good documents', () => {
    const broken = parse('name: Checkout\ndescription: Pay for your order: card or invoice\n');
    expect(broken.documents).toEqual([]);
    expect(broken.problems).toEqual([{ line: 2, column: 14, message: 'Nested mappings are not allowed in compact mappings', code: 'BLOCK_AS_IMPLICIT_KEY' }]);
    expect(parse('a: 1\na: 2\n', 4).problems).toEqual([{ line: 6, column: 1, message: 'Map keys must be unique', code: 'DUPLICATE_KEY' }]);
    const mixed = parse('a: 1\n---\nb: [1\n---\nc: 3\n');
    expect(mixed.problems.map((p) => [p.line, p.code])).toEqual([[3, 'UNCLOSED']]);
    expect(mixed.documents.map((d) => [d.data, d.start.line])).toEqual([
      [{ a: 1 }, 1],
      [{ c: 3 }, 5],
    ]);
  });

  it('tells an empty stream from a document of comments', () => {
    expect(parse('')).toEqual({ documents: [], problems: [] });
    // js-yaml sees one empty document, the yaml package none: either way, no data.
    const comments = parse('# nothing yet\n');
    expect(comments.problems).toEqual([]);
    expect(comments.documents.every((d) => d.data === null)).toBe(true);
  });

  it('resolves aliases, and reports an alias bomb or a missing anchor instead of crashing', () => {
    expect(parse('base: &b [x, y]\ncopy: *b\n').documents[0]!.data).toEqual({ base: ['x', 'y'], copy: ['x', 'y'] });
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    const bomb = parse(`${levels.join('\n')}\n`);
    expect(bomb.documents).toEqual([]);
    // At the alias that crosses the limit (the ninth *l1 of line 3), not at the document's start.
    expect(bomb.problems).toEqual([{ line: 3, column: 50, message: 'Excessive alias count indicates a resource exhaustion attack', code: 'ALIAS_COUNT' }]);
    expect(parse(`---\nx: 1\n---\n${levels.join('\n')}\n`).problems.map((p) => `${p.line}:${p.column}`)).toEqual(['6:50']);
    // In front matter, lines count from the file's.
    expect(parseYaml(`title: x\n${levels.join('\n')}\n`, 1).problems.map((p) => `${p.line}:${p.column}`)).toEqual(['5:50']);
    expect(parse('name: x\nowner: *team\n').problems).toEqual([
      { line: 2, column: 8, message: 'Unresolved alias (the anchor must be set before the alias): team', code: 'BAD_ALIAS' },
    ]);
  });
});

describe('parseYaml and parseYamlWithPositions agree', () => {
  it('on data and on every position', () => {
    const text = `${SERVICE}---\nkind: SLO\nspec:\n  objectives:\n    - target: 0.99\n`;
    const fast = parseYaml(text, 3);
    const slow = parseYamlWithPositions(text, 3);
    expect(fast.documents.map((d) => d.data)).toEqual(slow.documents.map((d) => d.data));
    const paths = [['name'], ['links', 0, 'title'], ['spec', 'objectives', 0, 'target'], ['nope'], []];
    for (let i = 0; i < 2; i++) {
      expect(fast.documents[i]!.start).toEqual(slow.documents[i]!.start);
      for (const path of paths) {
        expect(fast.documents[i]!.locate(path)).toEqual(slow.documents[i]!.locate(path));
        expect(fast.documents[i]!.locate(path, 'key')).toEqual(slow.documents[i]!.locate(path, 'key'));
      }
    }
  });
});

describe('commentCutText: list items of plain text cut by " #"', () => {
  it('finds the sample policy\'s action that YAML reads as "Post in", at its #', () => {
    const text = 'steps:\n  - name: Elevated burn\n    actions:\n      - Post in #reliability with the cause, or the hypothesis, within two hours.\n';
    expect(commentCutText(text)).toEqual([{ line: 4, column: 17, kept: 'Post in', cut: 'reliability with the cause, or the hypothesis, within two hours.' }]);
    // In front matter, lines are the file's (the front matter starts on line 2).
    expect(commentCutText('followUps:\n  - Ask in #incidents\n', 1).map((c) => [c.line, c.column])).toEqual([[3, 12]]);
  });

  it.each([
    ['a comment, written as one (space after the #)', 'slos:\n  - api-availability # the contract one\n'],
    ['quoted text', 'actions:\n  - "Post in #reliability"\n  - \'Post in #reliability\'\n'],
    ['a block scalar, where # is text', 'actions:\n  - |\n    Post in #reliability\n'],
    ['a mapping item (its value is not a list item of text)', 'steps:\n  - name: Elevated burn #2\n'],
    ['a number', 'values:\n  - 5 #x\n'],
    ['a # inside a word', 'actions:\n  - Page C#-team on call\n'],
    ['a comment line of its own', 'actions:\n  # - Post in #reliability\n  - Page the team\n'],
  ])('leaves %s alone', (_, text) => {
    expect(commentCutText(text)).toEqual([]);
  });

  it('reports every cut item of every document, in order, nested lists too', () => {
    expect(commentCutText('b:\n  - - Ask #sre\n').map((c) => c.kept)).toEqual(['Ask']);
    const text = 'a:\n  - Ping #ops now\n---\nb:\n  - - Ask #sre\n  - Tell #team\n';
    expect(commentCutText(text).map((c) => `${c.line}:${c.column} ${c.kept}`)).toEqual(['2:10 Ping', '5:11 Ask', '6:10 Tell']);
  });
});

describe('findings land on their line', () => {
  it('a key indented deeper than its siblings: at that key, not at the line before, with the indentation hint', () => {
    const problems = (text: string) => parseYaml(text).problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}`);
    expect(problems('name: API\nowner: team\n  tier: 1\n')).toEqual(['3:3 BAD_INDENT this key is indented deeper than the keys before it']);
    expect(problems('statusPage:\n  component: API\n   group: x\n')).toEqual(['3:4 BAD_INDENT this key is indented deeper than the keys before it']);
    // A value holding ": " is still that value's error, where it is.
    expect(problems('description: Pay for your order: card\n')).toEqual(['1:14 BLOCK_AS_IMPLICIT_KEY Nested mappings are not allowed in compact mappings']);
  });

  it('a complex key (a sequence) is found by the name js-yaml gives it', () => {
    const doc = parseYaml('title: x\n? [a, b]\n: value\n').documents[0]!;
    expect(doc.data).toEqual({ title: 'x', 'a,b': 'value' });
    expect(doc.locate(['a,b'], 'key')).toEqual({ line: 2, column: 3 });
    expect(doc.locate(['a,b'])).toEqual({ line: 3, column: 3 });
  });
});

describe('the anchor test that picks the slow, alias-capping path', () => {
  it('spares prose with an ampersand and catches anchors', () => {
    expect(mayHoldAnchor('body: "quoted" text, & ampersand\ntitle: Q&A and R&D\n')).toBe(false);
    expect(mayHoldAnchor('a: &x [1]\nb: *x\n')).toBe(true);
    expect(mayHoldAnchor('- !!str &x value\n')).toBe(true);
    expect(mayHoldAnchor('{a: 1, b:&x 2}')).toBe(true);
    expect(mayHoldAnchor('&root\nkey: value\n')).toBe(true);
  });

  // An anchor without a name is a syntax error to js-yaml, which then takes the slow path anyway.
  it('never misses a named anchor the YAML lexer sees (property)', () => {
    const piece = fc.constantFrom('&', '&a', '*a', ' ', '\n', ':', ': ', '- ', '[', ']', '{', '}', ',', 'a', 'Q', '!!str ', '!t', '"', "'", '#', '? ', '\t');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const anchored = [...new Lexer().lex(text)].some((token) => token.startsWith('&') && token.length > 1);
        return !anchored || mayHoldAnchor(text);
      }),
      { numRuns: 3000 },
    );
  });
});
