/**
 * Per-file parsing: where a problem in a front matter, a multi-document SLO file or a CSV row
 * is reported, and what an entry remembers of its source.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IncidentSchema } from '../schemas/incident.ts';
import { ServiceSchema } from '../schemas/service.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import { DOCUMENT_KINDS } from '../kinds/index.ts';
import { inProcessCheck } from './mdx-checker.ts';
import { parseDocument, parseDocumentFile, parseMeasurements, parseSingleYaml, type DocumentKinds } from './parse.ts';

const SLO_KINDS = DOCUMENT_KINDS.get('slos') as DocumentKinds;
const parseSloFile = (source: Parameters<typeof parseDocumentFile>[0], report: Parameters<typeof parseDocumentFile>[2]) => parseDocumentFile(source, SLO_KINDS, report);

function collect() {
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => diagnostics.push(d);
  const lines = () => diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`);
  return { diagnostics, report, lines };
}
const source = (file: string, text: string) => ({ path: `/content/${file}`, file: `content/${file}`, text });

const INCIDENT = `---
title: Checkout errors
severity: SEV1
started: 2026-11-03 09:12
services: [web]
---

## What happened

Card payments failed.
`;

describe('parseDocument (front matter)', () => {
  it('reports front-matter problems at their line in the file', () => {
    const { report, lines } = collect();
    expect(parseDocument(source('incidents/a.md', INCIDENT), IncidentSchema, report)).toBeUndefined();
    expect(lines()).toEqual(['4:10 error schema/timestamp-offset started must have a UTC offset (got "2026-11-03 09:12")']);
  });

  it('keeps the same positions with Windows line endings', () => {
    const { report, lines } = collect();
    parseDocument(source('incidents/a.md', INCIDENT.replaceAll('\n', '\r\n')), IncidentSchema, report);
    expect(lines()).toEqual(['4:10 error schema/timestamp-offset started must have a UTC offset (got "2026-11-03 09:12")']);
  });

  it('remembers the body, the line it starts on and the format', () => {
    const { report, diagnostics } = collect();
    const text = INCIDENT.replace('2026-11-03 09:12', '2026-11-03T09:12:00Z');
    const entry = parseDocument(source('incidents/2026-11-03-checkout.mdx', text), IncidentSchema, report);
    expect(diagnostics).toEqual([]);
    expect(entry).toMatchObject({ id: '2026-11-03-checkout', file: 'content/incidents/2026-11-03-checkout.mdx', format: 'mdx', bodyLine: 7 });
    expect(entry!.body).toBe('\n## What happened\n\nCard payments failed.\n');
    expect(entry!.locate(['services', 0])).toEqual({ line: 5, column: 12 });
    expect(entry!.raw).toEqual({ title: 'Checkout errors', severity: 'SEV1', started: '2026-11-03T09:12:00Z', services: ['web'] });
  });

  it('shifts YAML syntax errors of the front matter to file lines', () => {
    const { report, lines } = collect();
    parseDocument(source('incidents/a.md', '---\ntitle: x\nseverity: SEV1\nseverity: SEV2\n---\n'), IncidentSchema, report);
    expect(lines()).toEqual(['4:1 error yaml/syntax YAML syntax error: Map keys must be unique']);
  });

  it('reports a missing, unclosed or empty front matter', () => {
    for (const [text, expected] of [
      ['# Title\n', '1:1 error frontmatter/missing front matter is missing'],
      ['', '1:1 error frontmatter/missing front matter is missing'],
      ['---\ntitle: x\n', '1:1 error frontmatter/unclosed front matter is not closed'],
      ['---', '1:1 error frontmatter/unclosed front matter is not closed'],
      ['---\n---\nbody\n', '1:1 error frontmatter/empty front matter is empty'],
      ['---\n# just a comment\n---\n', '1:1 error frontmatter/empty front matter is empty'],
    ]) {
      const { report, lines } = collect();
      expect(parseDocument(source('incidents/a.md', text!), IncidentSchema, report)).toBeUndefined();
      expect(lines(), JSON.stringify(text)).toEqual([expected]);
    }
  });

  it('takes the id from the file name unless given, and reports a file name that is no id', () => {
    const text = (id = '') => `---\n${id}title: x\nseverity: SEV1\nstarted: 2026-11-03T09:12:00Z\nservices: [web]\n---\n`;
    const { report, lines } = collect();
    expect(parseDocument(source('incidents/Checkout Outage.md', text('id: checkout-outage\n')), IncidentSchema, report)?.id).toBe('checkout-outage');
    expect(parseDocument(source('incidents/Checkout Outage.md', text()), IncidentSchema, report)).toBeUndefined();
    expect(lines()).toEqual(['2:1 error schema/id file name "Checkout Outage" is not a valid id']);
  });

  it('checks MDX syntax in .mdx bodies only, at file positions', async () => {
    const checkMdx = await inProcessCheck();
    const body = 'Queue depth <Chart kind="line"> grew.\n';
    const frontMatter = '---\ntitle: x\nseverity: SEV3\nstarted: 2026-11-03T09:12:00Z\nservices: [web]\n---\n\n';
    const mdx = collect();
    parseDocument(source('incidents/a.mdx', frontMatter + body), IncidentSchema, mdx.report, { checkMdx });
    expect(mdx.lines()).toEqual(['8:13 error mdx/syntax MDX syntax error: Expected a closing tag for `<Chart>` before the end of `paragraph`']);
    const md = collect();
    parseDocument(source('incidents/a.md', frontMatter + body), IncidentSchema, md.report, { checkMdx });
    expect(md.lines()).toEqual([]);
  });
});

describe('parseSingleYaml', () => {
  it('parses one entry and points at values', () => {
    const { report, diagnostics } = collect();
    const entry = parseSingleYaml(source('services/api.yaml', 'name: API\nowner: team\ntier: 1\nstatusPage: false\n'), ServiceSchema, report);
    expect(diagnostics).toEqual([]);
    expect(entry).toMatchObject({ id: 'api', data: { name: 'API', tier: 1, statusPage: false, dependsOn: [] } });
    expect(entry!.locate(['tier'])).toEqual({ line: 3, column: 7 });
  });

  it('reports an empty file, and a second document (but keeps the first)', () => {
    for (const text of ['', '# nothing\n', '---\n']) {
      const { report, lines } = collect();
      expect(parseSingleYaml(source('services/api.yaml', text), ServiceSchema, report)).toBeUndefined();
      expect(lines(), JSON.stringify(text)).toEqual(['1:1 error yaml/empty file is empty']);
    }
    const { report, lines } = collect();
    const entry = parseSingleYaml(source('services/api.yaml', 'name: API\nowner: team\ntier: 1\nstatusPage: false\n---\nname: Web\n'), ServiceSchema, report);
    expect(entry?.data).toMatchObject({ name: 'API' });
    expect(lines()).toEqual(['6:1 error yaml/multiple-documents this file holds more than one YAML document']);
  });

  it('reports every YAML syntax error and no schema problem then', () => {
    const { report, lines } = collect();
    expect(parseSingleYaml(source('services/api.yaml', 'name: API: v2\nowner: [team\n'), ServiceSchema, report)).toBeUndefined();
    expect(lines().every((l) => l.includes('yaml/syntax'))).toBe(true);
    expect(lines().length).toBeGreaterThan(0);
  });
});

describe('parseSloFile', () => {
  const slo = (name: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  service: api
  indicatorRef: api-good
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99
`;

  it('reads every document into its collection, each locating its own values', () => {
    const { report, diagnostics } = collect();
    const text = `${slo('first')}---\napiVersion: keel/v1\nkind: ErrorBudgetPolicy\nmetadata:\n  name: policy\nspec:\n  slos: [first]\n  steps:\n    - name: Spent\n      when: { remainingBudgetBelow: 0 }\n      actions: [Freeze]\n`;
    const entries = parseSloFile(source('slos/api.yaml', text), report);
    expect(diagnostics).toEqual([]);
    expect(entries.map((e) => [e.collection, e.entry.id])).toEqual([
      ['slos', 'first'],
      ['errorBudgetPolicies', 'policy'],
    ]);
    expect(entries[1]!.entry.locate(['spec', 'slos', 0])).toEqual({ line: 20, column: 10 });
  });

  it('reports problems of later documents at their own lines, and keeps the good ones', () => {
    const { report, lines } = collect();
    const entries = parseSloFile(source('slos/api.yaml', `${slo('first')}---\n${slo('second').replace('target: 0.99', 'target: 99')}`), report);
    expect(entries.map((e) => e.entry.id)).toEqual(['first']);
    expect(lines()).toEqual(['27:15 error schema/range spec.objectives[0].target must be less than 1 (got 99)']);
  });

  it('reports a file with nothing in it, even one of comments or empty documents', () => {
    for (const text of ['', '# later\n', '---\n---\n']) {
      const { report, lines } = collect();
      expect(parseSloFile(source('slos/x.yaml', text), report)).toEqual([]);
      expect(lines(), JSON.stringify(text)).toEqual(['1:1 error yaml/empty file is empty']);
    }
  });
});

describe('parseMeasurements', () => {
  it('reads a ratio series, skipping blank lines, with the line of every row', () => {
    const { report, diagnostics } = collect();
    const entry = parseMeasurements(source('measurements/api.csv', 'timestamp,good,total\r\n2026-11-20T00:00:00Z,9,10\r\n\r\n2026-11-20T02:00:00+01:00, 10 ,10\r\n2026-11-20T02:00:00Z,0,0\r\n'), report);
    expect(diagnostics).toEqual([]);
    expect(entry!.id).toBe('api');
    expect(entry!.series).toEqual({
      type: 'ratio',
      time: ['2026-11-20T00:00:00Z', '2026-11-20T01:00:00Z', '2026-11-20T02:00:00Z'].map(Date.parse),
      good: [9, 10, 0],
      total: [10, 10, 0],
    });
    expect(entry!.rowLines).toEqual([2, 4, 5]);
  });

  it('reads a threshold series', () => {
    const { report } = collect();
    expect(parseMeasurements(source('measurements/lat.csv', 'timestamp,value\n2026-11-20T00:00:00Z,0.25\n'), report)!.series).toEqual({
      type: 'threshold',
      time: [Date.parse('2026-11-20T00:00:00Z')],
      value: [0.25],
    });
  });

  it('points at the bad cell of each bad row and drops the series', () => {
    const { report, lines } = collect();
    const text = 'timestamp,good,total\n2026-11-20T00:00:00Z,abc,10\n2026-11-20T01:00:00Z,11,10\n2026-11-20T02:00:00,1,10\n2026-11-20T03:00:00Z,1\n2026-11-20T03:00:00Z,1,10\n2026-11-20T03:00:00Z,1,10\n';
    expect(parseMeasurements(source('measurements/api.csv', text), report)).toBeUndefined();
    expect(lines()).toEqual([
      '2:22 error schema/type good must be a number (got "abc")',
      '3:22 error measurement/good-total good must not exceed total',
      '4:1 error schema/timestamp-offset timestamp must have a UTC offset (got "2026-11-20T02:00:00")',
      '5:1 error measurement/columns row has 2 fields, expected 3 (timestamp,good,total)',
      '7:1 error measurement/order timestamps must ascend: 2026-11-20T03:00:00Z is not after the row above',
    ]);
  });

  it('lists at most ten bad rows, then says how many more', () => {
    const { report, lines } = collect();
    const rows = Array.from({ length: 13 }, (_, i) => `2026-11-20T${String(i).padStart(2, '0')}:00:00Z,5,4`);
    parseMeasurements(source('measurements/api.csv', ['timestamp,good,total', ...rows].join('\n')), report);
    expect(lines()).toHaveLength(11);
    expect(lines().at(-1)).toBe('1:1 error measurement/more 3 more bad rows not listed');
  });

  // The fast path (plain rows, no schema) must agree with the general path on every row. A space
  // before each row sends the whole file the general way (the cells are trimmed there) and changes
  // nothing else but the columns of the findings.
  it('reads plain rows fast with the same verdicts and values as the general path', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const timestamp = fc
      .tuple(fc.constantFrom('0099', '0999', '1000', '1999', '2024', '2026', '2100'), two(13), two(32), fc.constantFrom('T', 't', ' '), two(24), two(60), fc.constantFrom('00', '59', '60', '61'), fc.constantFrom('Z', 'z', '+01:00', '-23:59', '.5Z', ''))
      .map(([y, mo, d, t, h, mi, s, z]) => `${y}-${mo}-${d}${t}${h}:${mi}:${s}${z}`);
    const count = fc.oneof(fc.nat({ max: 1e6 }).map(String), fc.constantFrom('', '0', '007', '-1', '5.0', '1e3', ' 5', '12345678901234567', 'x'));
    const value = fc.oneof(fc.double({ noNaN: true }).map(String), fc.constantFrom('', '.5', '5.', '-0', '+1', '1e400', 'Infinity', 'abc', '0x10', ' 1'));
    const ratio = fc.array(fc.oneof(fc.tuple(timestamp, count, count).map((cells) => cells.join(',')), fc.constantFrom('', ' ', '2026-11-20T00:00:00Z,1,2,3')), { maxLength: 12 });
    const threshold = fc.array(fc.oneof(fc.tuple(timestamp, value).map((cells) => cells.join(',')), fc.constantFrom('', '2026-11-20T00:00:00Z')), { maxLength: 12 });
    const read = (header: string, rows: string[]) => {
      const { report, diagnostics } = collect();
      const entry = parseMeasurements(source('measurements/m.csv', [header, ...rows].join('\n')), report);
      return { entry: entry && { series: entry.series, rowLines: entry.rowLines }, findings: diagnostics.map((d) => `${d.line} ${d.rule} ${d.message}`) };
    };
    for (const [header, rows] of [
      ['timestamp,good,total', ratio],
      ['timestamp,value', threshold],
    ] as const) {
      fc.assert(
        fc.property(rows, (lines) => {
          expect(read(header, lines)).toEqual(read(header, lines.map((line) => ` ${line}`)));
        }),
        { numRuns: 400 },
      );
    }
  });

  it('needs one of the two headers', () => {
    const { report, lines } = collect();
    expect(parseMeasurements(source('measurements/api.csv', 'time,good,total\n'), report)).toBeUndefined();
    expect(parseMeasurements(source('measurements/api.csv', ''), report)).toBeUndefined();
    expect(lines()).toEqual([
      '1:1 error measurement/header header must be "timestamp,good,total" or "timestamp,value" (got "time,good,total")',
      '1:1 error measurement/header header must be "timestamp,good,total" or "timestamp,value" (got "")',
    ]);
  });
});
