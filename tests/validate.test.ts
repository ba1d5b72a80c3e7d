/**
 * The validator over whole content folders: the broken fixture (every rule id Keel can emit,
 * each at its file:line:col), the valid fixture (no diagnostics), and the OpenSLO v1 spec's
 * own examples.
 */
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IGNORED_TOP_LEVEL } from '../src/content/kinds.ts';
import type { Diagnostic } from '../src/validate/diagnostic.ts';
import { formatDiagnosticText } from '../src/validate/diagnostic.ts';
import { validateContent, type ValidationResult } from '../src/validate/validate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = Date.parse('2026-11-22T12:00:00Z');
const fixture = (name: string) => join(ROOT, 'tests', 'fixtures', name);

const validate = (name: string, options: { strict?: boolean; mdxWorkerFrom?: number; keepSources?: boolean } = {}) => validateContent(fixture(name), { cwd: ROOT, now: NOW, ...options });

/** `file:line:col severity rule`, the file relative to the fixture folder. */
function short(d: Diagnostic, prefix: string): string {
  return `${d.file.slice(prefix.length)}:${d.line}:${d.column} ${d.severity} ${d.rule}`;
}

/** Every file of a folder (hidden ones included), relative, with forward slashes. */
function walk(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((d) => {
    const child = rel ? `${rel}/${d.name}` : d.name;
    return d.isDirectory() ? walk(dir, child) : [child];
  });
}

/** Files that became an entry: settings, every collection, measurement series. */
function entryFiles(result: ValidationResult): Set<string> {
  const { index } = result;
  const files = new Set<string>();
  if (index.settings) files.add(index.settings.file);
  for (const entries of Object.values(index.collections)) for (const e of entries) files.add(e.file);
  for (const m of index.measurements) files.add(m.file);
  return files;
}

/** Every rule id the validator can emit, read from the source (`rule: '…'` and rule arguments). */
const EVERY_RULE = [
  'concern/before-after', 'concern/decision', 'concern/epic',
  'content/missing', 'content/unknown-file', 'content/unreadable',
  'experiment/results',
  'frontmatter/empty', 'frontmatter/missing', 'frontmatter/unclosed',
  'id/duplicate',
  'incident/follow-up-owner', 'incident/impact-window', 'incident/key-times', 'incident/last-update', 'incident/time-order',
  'incident/update-cadence', 'incident/update-order', 'incident/update-status', 'incident/update-window',
  'maintenance/update-order', 'maintenance/window',
  'mdx/syntax',
  'measurement/columns', 'measurement/good-total', 'measurement/header', 'measurement/more', 'measurement/order', 'measurement/orphan',
  'openslo/calendar', 'openslo/indicator', 'openslo/objective-op', 'openslo/objective-target', 'openslo/ratio-metric',
  'openslo/reserved-annotation', 'openslo/sli-metric', 'openslo/time-slices', 'openslo/time-window',
  'policy/step-condition', 'policy/step-order',
  'ref/unknown',
  'runbook/review-date', 'runbook/sections', 'runbook/stale',
  'schema/api-version', 'schema/date', 'schema/duration', 'schema/enum', 'schema/format', 'schema/id', 'schema/kind',
  'schema/range', 'schema/required', 'schema/time-zone', 'schema/timestamp', 'schema/timestamp-offset', 'schema/type', 'schema/unknown-field',
  'settings/missing',
  'yaml/empty', 'yaml/multiple-documents', 'yaml/syntax',
];
/** Fallbacks no Keel schema can reach (every custom issue carries a rule; no multipleOf, maps or sets): unit-tested in src/validate/zod-issues.test.ts. */
const UNREACHABLE = ['schema/custom', 'schema/invalid'];
/** Rules that need a folder of their own. */
const OWN_FOLDER = ['content/missing', 'settings/missing'];

/** Rule ids as written in the validator's source: every quoted `family/name` that is not an apiVersion. */
function rulesInSource(): string[] {
  const dirs = ['src/content', 'src/validate', 'src/validate/checks', 'src/schemas', 'src/cli'];
  const rules = new Set<string>();
  for (const dir of dirs) {
    for (const name of readdirSync(join(ROOT, dir))) {
      if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
      for (const m of readFileSync(join(ROOT, dir, name), 'utf8').matchAll(/'([a-z]+\/[a-z0-9-]+)'/g)) {
        if (!/\/v\d+$/.test(m[1]!)) rules.add(m[1]!);
      }
    }
  }
  return [...rules].sort();
}

it('knows every rule id of the source', () => {
  expect(rulesInSource()).toEqual([...EVERY_RULE, ...UNREACHABLE].sort());
});

describe('the broken fixture', () => {
  const prefix = 'tests/fixtures/broken/';
  let result: ValidationResult;
  beforeAll(async () => {
    result = await validate('broken');
  });

  it('reports every problem of every file, in order, each at its file:line:col', () => {
    expect(result.diagnostics.every((d) => d.file.startsWith(prefix))).toBe(true);
    expect(result.diagnostics.map((d) => short(d, prefix))).toEqual([
      'concerns/pager-fatigue.md:4:11 error schema/date',
      'concerns/pager-fatigue.md:5:9 error schema/enum',
      'concerns/pager-fatigue.md:7:3 error schema/required',
      'concerns/shared-pager.md:5:9 error concern/before-after',
      'concerns/shared-pager.md:5:9 error concern/decision',
      'concerns/shared-pager.md:5:9 error concern/epic',
      'concerns/shared-pager.md:12:12 error concern/decision',
      'concerns/single-region.md:7:26 error ref/unknown',
      'experiments/2026-q4-api-pod-kill.md:4:9 error experiment/results',
      'experiments/2026-q4-cache-flush.md:8:8 error ref/unknown',
      'experiments/2026-q4-cache-flush.md:18:15 error schema/duration',
      'experiments/2026-q4-cache-flush.md:19:20 error schema/duration',
      'incidents/2026-11-03-checkout-outage.md:4:10 error schema/timestamp-offset',
      'incidents/2026-11-04-schema.md:3:11 error schema/enum',
      'incidents/2026-11-04-schema.md:4:10 error schema/timestamp',
      'incidents/2026-11-04-schema.md:5:11 error schema/type',
      'incidents/2026-11-04-schema.md:7:1 error schema/unknown-field',
      'incidents/2026-11-04-schema.md:10:12 error schema/enum',
      'incidents/2026-11-04-schema.md:16:10 error schema/date',
      'incidents/2026-11-04-schema.md:18:10 error schema/range',
      'incidents/2026-11-04-schema.md:19:12 error schema/range',
      'incidents/2026-11-05-timeline.md:5:11 error incident/time-order',
      'incidents/2026-11-05-timeline.md:7:11 error incident/key-times',
      'incidents/2026-11-05-timeline.md:10:5 error incident/impact-window',
      'incidents/2026-11-05-timeline.md:12:11 error incident/impact-window',
      'incidents/2026-11-05-timeline.md:16:9 error incident/impact-window',
      'incidents/2026-11-05-timeline.md:17:5 error incident/impact-window',
      'incidents/2026-11-05-timeline.md:26:11 error incident/update-order',
      'incidents/2026-11-05-timeline.md:29:11 warning incident/update-cadence',
      'incidents/2026-11-05-timeline.md:30:15 error incident/update-status',
      'incidents/2026-11-05-timeline.md:32:11 warning incident/update-cadence',
      'incidents/2026-11-05-timeline.md:32:11 error incident/update-window',
      'incidents/2026-11-05-timeline.md:33:15 error incident/last-update',
      'incidents/2026-11-06-active.md:5:17 error ref/unknown',
      'incidents/2026-11-06-active.md:6:8 error ref/unknown',
      'incidents/2026-11-06-active.md:7:12 error ref/unknown',
      'incidents/2026-11-06-active.md:9:16 error ref/unknown',
      'incidents/2026-11-06-active.md:19:15 error incident/last-update',
      'incidents/2026-11-06-active.md:22:5 error incident/follow-up-owner',
      'incidents/2026-11-07-published.md:14:11 warning incident/update-cadence',
      'incidents/2026-11-07-published.md:15:15 error incident/last-update',
      'incidents/2026-11-07-published.md:18:5 error incident/follow-up-owner',
      'incidents/2026-11-08-no-mitigation.md:2:5 error id/duplicate',
      'incidents/2026-11-08-no-mitigation.md:6:11 error incident/key-times',
      'incidents/2026-11-09-no-front-matter.md:1:1 error frontmatter/missing',
      'incidents/2026-11-10-unclosed.md:1:1 error frontmatter/unclosed',
      'incidents/2026-11-11-empty.md:1:1 error frontmatter/empty',
      'incidents/2026-11-12-yaml.md:5:1 error yaml/syntax',
      'incidents/2026-11-13-mdx.mdx:12:11 error mdx/syntax',
      'incidents/2026-11-14-offsets.md:13:11 error incident/update-order',
      'incidents/2026-11-14-offsets.md:13:11 error incident/update-window',
      'incidents/2026-11-14-offsets.md:16:11 warning incident/update-cadence',
      'maintenance/2026-12-01-database-upgrade.yaml:3:19 error ref/unknown',
      'maintenance/2026-12-01-database-upgrade.yaml:6:7 error maintenance/window',
      'maintenance/2026-12-01-database-upgrade.yaml:11:9 error maintenance/update-order',
      'maintenance/2026-12-02-network.yaml:9:13 error schema/enum',
      'measurements/api-availability.csv:4:1 error measurement/order',
      'measurements/api-availability.csv:6:22 error measurement/good-total',
      'measurements/api-availability.csv:7:1 error measurement/columns',
      'measurements/api-availability.csv:8:1 error schema/timestamp-offset',
      'measurements/api-availability.csv:9:22 error schema/type',
      'measurements/api-availability.csv:10:22 error schema/type',
      'measurements/api-availabilty.csv:1:1 error measurement/orphan',
      'measurements/api-latency.csv:1:1 error measurement/header',
      'measurements/archive/api-latency-2025.csv:1:1 error content/unknown-file',
      'measurements/referenced-threshold-without-op.csv:1:1 error measurement/more',
      'measurements/referenced-threshold-without-op.csv:2:22 error schema/type',
      'measurements/referenced-threshold-without-op.csv:3:22 error schema/type',
      'measurements/referenced-threshold-without-op.csv:4:22 error schema/type',
      'measurements/referenced-threshold-without-op.csv:5:22 error schema/type',
      'measurements/referenced-threshold-without-op.csv:6:22 error schema/type',
      'measurements/referenced-threshold-without-op.csv:7:22 error schema/type',
      'measurements/referenced-threshold-without-op.csv:8:22 error schema/type',
      'measurements/referenced-threshold-without-op.csv:9:22 error schema/type',
      'measurements/referenced-threshold-without-op.csv:10:22 error schema/type',
      'measurements/referenced-threshold-without-op.csv:11:22 error schema/type',
      'measurements/web-availability.csv:1:1 error measurement/header',
      'notes.txt:1:1 error content/unknown-file',
      'postmortems/2026-01-01-old.md:1:1 error content/unknown-file',
      'runbooks/api-errors.md:6:15 warning runbook/stale',
      'runbooks/queue-backlog.md:3:12 error ref/unknown',
      'runbooks/queue-backlog.md:7:12 error schema/enum',
      'runbooks/queue-backlog.md:9:1 warning runbook/sections',
      'runbooks/web-down.md:5:15 error runbook/review-date',
      'runbooks/web-down.md:7:1 warning runbook/sections',
      'services/Payment_Gateway.yaml:1:1 error schema/id',
      'services/api.yaml:1:1 error id/duplicate',
      'services/billing.yaml:2:1 error schema/unknown-field',
      'services/billing.yaml:3:7 error schema/enum',
      'services/billing.yaml:4:13 error schema/type',
      'services/billing.yaml:7:10 error schema/format',
      'services/checkout.yaml:6:16 error yaml/syntax',
      'services/empty.yaml:1:1 error yaml/empty',
      'services/ledger.yaml:1:1 error content/unreadable',
      'services/notifications.yaml:6:5 error ref/unknown',
      'services/notifications.yaml:7:5 error ref/unknown',
      'services/runbook.md:1:1 error content/unknown-file',
      'services/two-docs.yaml:6:1 error yaml/multiple-documents',
      'slos/checkout-availability.yaml:7:17 error ref/unknown',
      'slos/checkout-availability.yaml:14:15 error schema/range',
      'slos/comments-only.yaml:1:1 error yaml/empty',
      'slos/empty.yaml:1:1 error yaml/empty',
      'slos/kinds.yaml:2:13 error schema/api-version',
      'slos/kinds.yaml:9:7 error schema/kind',
      'slos/kinds.yaml:14:1 error schema/api-version',
      'slos/kinds.yaml:18:1 error schema/type',
      'slos/objectives.yaml:23:11 error openslo/objective-op',
      'slos/objectives.yaml:24:14 error openslo/objective-op',
      'slos/objectives.yaml:44:7 error openslo/objective-op',
      'slos/objectives.yaml:59:7 error openslo/objective-op',
      'slos/objectives.yaml:74:7 error openslo/objective-target',
      'slos/objectives.yaml:74:7 error openslo/time-slices',
      'slos/objectives.yaml:74:7 error openslo/time-slices',
      'slos/objectives.yaml:78:7 error openslo/time-slices',
      'slos/objectives.yaml:78:7 error openslo/time-slices',
      'slos/objectives.yaml:80:22 error schema/range',
      'slos/objectives.yaml:87:5 error openslo/reserved-annotation',
      'slos/objectives.yaml:89:3 error openslo/indicator',
      'slos/objectives.yaml:95:9 error openslo/ratio-metric',
      'slos/objectives.yaml:95:9 error openslo/ratio-metric',
      'slos/objectives.yaml:102:7 error openslo/time-window',
      'slos/objectives.yaml:106:7 error openslo/time-slices',
      'slos/policies.yaml:6:28 error ref/unknown',
      'slos/policies.yaml:14:31 warning policy/step-order',
      'slos/policies.yaml:25:13 error policy/step-condition',
      'slos/references.yaml:7:12 error ref/unknown',
      'slos/references.yaml:16:30 error ref/unknown',
      'slos/references.yaml:20:30 error ref/unknown',
      'slos/references.yaml:29:23 error ref/unknown',
      'slos/references.yaml:38:21 error ref/unknown',
      'slos/references.yaml:40:18 error ref/unknown',
      'slos/references.yaml:47:3 error openslo/indicator',
      'slos/windows.yaml:10:17 error schema/duration',
      'slos/windows.yaml:13:9 error openslo/time-window',
      'slos/windows.yaml:13:20 error openslo/calendar',
      'slos/windows.yaml:14:19 error schema/time-zone',
      'slos/windows.yaml:29:7 error openslo/time-window',
      'slos/windows.yaml:30:20 error schema/enum',
      'slos/windows.yaml:41:3 error openslo/sli-metric',
    ]);
    expect(result.summary).toEqual({ files: 53, errors: 131, warnings: 8 });
    expect(result.ok).toBe(false);
  });

  it('covers every rule id the validator can emit', () => {
    const fired = new Set(result.diagnostics.map((d) => d.rule));
    const missing = EVERY_RULE.filter((rule) => !fired.has(rule) && !OWN_FOLDER.includes(rule));
    expect(missing).toEqual([]);
    expect([...fired].filter((rule) => !EVERY_RULE.includes(rule))).toEqual([]);
    expect(UNREACHABLE.filter((rule) => fired.has(rule))).toEqual([]);
  });

  it('reports the three planted errors of the issue, each at its file:line:col', () => {
    const text = result.diagnostics.map(formatDiagnosticText).join('\n');
    expect(text).toContain(
      'tests/fixtures/broken/services/checkout.yaml:6:16 error YAML syntax error: Nested mappings are not allowed in compact mappings  yaml/syntax\n' +
        '  hint: quote values that contain ": " or start with a special character (@ ` | > * & ! % #)',
    );
    expect(text).toContain(
      'tests/fixtures/broken/slos/checkout-availability.yaml:14:15 error spec.objectives[0].target must be less than 1 (got 1.5)  schema/range\n' +
        '  hint: target is a ratio in [0, 1): write 0.995 for 99.5 %, or use targetPercent',
    );
    expect(text).toContain(
      'tests/fixtures/broken/incidents/2026-11-03-checkout-outage.md:4:10 error started must have a UTC offset (got "2026-11-03 09:12")  schema/timestamp-offset\n' +
        '  hint: every time needs an offset so it means one instant: write "2026-11-03T09:12:00Z" for UTC or add your offset, e.g. "2026-11-03T09:12:00+01:00"',
    );
  });

  // [file:line:col rule, message, hint]: one or more per rule id, as users read them.
  const MESSAGES: [string, string, string | undefined][] = [
    ["concerns/pager-fatigue.md:4:11 schema/date", "raisedOn must be a date YYYY-MM-DD (got \"2026-10-32\")", "write dates as 2026-03-04"],
    ["concerns/pager-fatigue.md:5:9 schema/enum", "status must be one of raised, accepted, rejected, epic, in-progress, addressed (got \"open\")", undefined],
    ["concerns/pager-fatigue.md:7:3 schema/required", "criteria.whatIsInvolved is required", "add whatIsInvolved — what addressing it would take"],
    ["concerns/shared-pager.md:12:12 concern/decision", "status \"addressed\" contradicts decision.outcome \"rejected\"", "\"addressed\" follows an accepted decision; a rejected concern has status: rejected"],
    ["concerns/shared-pager.md:5:9 concern/epic", "a concern with status \"addressed\" needs links.epic", "link the epic that tracks the work, so the council can follow it"],
    ["concerns/shared-pager.md:5:9 concern/before-after", "an addressed concern needs beforeAfter.after", "say, in measurable terms, how things are now compared with beforeAfter.before"],
    ["concerns/single-region.md:7:26 ref/unknown", "unknown SLO \"web-availabilty\"", "did you mean \"web-availability\"?"],
    ["experiments/2026-q4-api-pod-kill.md:4:9 experiment/results", "an executed experiment needs executedAt and results", "record when it ran and timeToKnow, timeToDetection, blackBoxAlertsFired, hypothesisHeld"],
    ["experiments/2026-q4-cache-flush.md:18:15 schema/duration", "results.timeToKnow must be a duration like 5m, 1h, 28d (got \"2 minutes\")", "use one of the units m h d w M Q Y after a whole number, e.g. 30m or 4h"],
    ["incidents/2026-11-03-checkout-outage.md:4:10 schema/timestamp-offset", "started must have a UTC offset (got \"2026-11-03 09:12\")", "every time needs an offset so it means one instant: write \"2026-11-03T09:12:00Z\" for UTC or add your offset, e.g. \"2026-11-03T09:12:00+01:00\""],
    ["incidents/2026-11-04-schema.md:4:10 schema/timestamp", "started must be an RFC 3339 timestamp (got \"yesterday\")", "write times as 2026-03-04T10:15:00Z or 2026-03-04T11:15:00+01:00"],
    ["incidents/2026-11-04-schema.md:5:11 schema/type", "services must be a list (got \"api\")", "write a list: one \"- item\" per line, or [a, b]"],
    ["incidents/2026-11-04-schema.md:7:1 schema/unknown-field", "unknown field \"summary\"", "known fields here: id, title, severity, started, detected, acknowledged, mitigated, resolved, services, slos, runbooks, detection, impact, public, participants, contributingFactors, followUps, review, tags"],
    ["incidents/2026-11-04-schema.md:18:10 schema/range", "public.title must not be empty", undefined],
    ["incidents/2026-11-05-timeline.md:5:11 incident/time-order", "detected (2026-11-05T09:50:00Z) is before started (2026-11-05T10:00:00Z)", "key times go started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved; check the date and the offset"],
    ["incidents/2026-11-05-timeline.md:7:11 incident/key-times", "a resolved incident needs mitigated", "mitigated is when customer impact stopped; it may equal resolved"],
    ["incidents/2026-11-05-timeline.md:10:5 incident/impact-window", "impact has no end but the incident is resolved", "add to: when this component recovered"],
    ["incidents/2026-11-05-timeline.md:26:11 incident/update-order", "public update 2 (2026-11-05T10:05:00Z) is earlier than the one before it", "list public updates oldest first"],
    ["incidents/2026-11-05-timeline.md:29:11 incident/update-cadence", "public update 3 came 85 min after the one before it; the cadence is 30m", "customers expect an update at least every publicUpdateCadence (keel.yaml), even if nothing changed"],
    ["incidents/2026-11-05-timeline.md:30:15 incident/update-status", "only the last public update may be \"resolved\"", undefined],
    ["incidents/2026-11-05-timeline.md:32:11 incident/update-window", "public update 4 (2026-11-05T12:30:00Z) is outside the incident (2026-11-05T10:00:00Z to 2026-11-05T12:00:00Z)", "updates are posted between started and resolved"],
    ["incidents/2026-11-05-timeline.md:33:15 incident/last-update", "the incident is resolved but its last public update is \"monitoring\"", "add a final public update with status: resolved telling customers it is over"],
    ["incidents/2026-11-06-active.md:22:5 incident/follow-up-owner", "open follow-up \"SRCH-12\" of a published retrospective has no owner or due", "every open action needs someone accountable and a date; add owner: and due:"],
    ["incidents/2026-11-08-no-mitigation.md:2:5 id/duplicate", "duplicate incident id \"2026-11-07-published\" (first defined at tests/fixtures/broken/incidents/2026-11-07-published.md:2)", "ids are unique per kind; rename one of them"],
    ["incidents/2026-11-09-no-front-matter.md:1:1 frontmatter/missing", "front matter is missing", "start the file with a line \"---\", the YAML fields, then another \"---\""],
    ["incidents/2026-11-10-unclosed.md:1:1 frontmatter/unclosed", "front matter is not closed", "end the front matter with a line \"---\""],
    ["incidents/2026-11-11-empty.md:1:1 frontmatter/empty", "front matter is empty", "fill in the fields between the two \"---\" lines"],
    ["incidents/2026-11-12-yaml.md:5:1 yaml/syntax", "YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]", "check the indentation: nested keys line up under their parent, with spaces, not tabs"],
    ["incidents/2026-11-13-mdx.mdx:12:11 mdx/syntax", "MDX syntax error: Expected a closing tag for `<Queue>` before the end of `paragraph`", "MDX is stricter than Markdown: close every tag, escape { and < in text as \\{ and \\<"],
    ["maintenance/2026-12-01-database-upgrade.yaml:6:7 maintenance/window", "the window ends (2026-12-01T21:00:00Z) before it starts (2026-12-01T22:00:00Z)", undefined],
    ["maintenance/2026-12-01-database-upgrade.yaml:11:9 maintenance/update-order", "update 2 (2026-11-19T10:00:00Z) is earlier than the one before it", "list updates oldest first"],
    ["measurements/api-availability.csv:4:1 measurement/order", "timestamps must ascend: 2026-11-20T02:00:00+01:00 is not after the row above", "sort the rows by time and remove duplicates"],
    ["measurements/api-availability.csv:6:22 measurement/good-total", "good must not exceed total", "good counts a subset of total: 0 ≤ good ≤ total"],
    ["measurements/api-availability.csv:7:1 measurement/columns", "row has 4 fields, expected 3 (timestamp,good,total)", undefined],
    ["measurements/api-availabilty.csv:1:1 measurement/orphan", "measurements belong to no SLO: no SLO is named \"api-availabilty\"", "did you mean api-availability.csv?"],
    ["measurements/api-latency.csv:1:1 measurement/header", "SLO \"api-latency\" has a thresholdMetric SLI but these are ratio measurements", "use the header timestamp,value"],
    ["measurements/archive/api-latency-2025.csv:1:1 content/unknown-file", "file is not part of any content kind and would not be published", "measurements/ holds <slo-name>.csv files"],
    ["measurements/referenced-threshold-without-op.csv:1:1 measurement/more", "2 more bad rows not listed", undefined],
    ["runbooks/api-errors.md:6:15 runbook/stale", "runbook last reviewed 2026-03-01, more than 90d ago", "walk through it against the current system, fix what changed, and update lastReviewed"],
    ["runbooks/queue-backlog.md:9:1 runbook/sections", "runbook is missing sections Impact, Diagnosis, Mitigation", "add \"## Impact\" (every runbook has ## Meaning, ## Impact, ## Diagnosis, ## Mitigation)"],
    ["runbooks/web-down.md:5:15 runbook/review-date", "lastReviewed 2026-12-24 is in the future", undefined],
    ["services/Payment_Gateway.yaml:1:1 schema/id", "file name \"Payment_Gateway\" is not a valid id", "rename the file using lower-case letters, digits and hyphens, or set id: in the file"],
    ["services/billing.yaml:7:10 schema/format", "links[0].url must be a valid http(s) URL (got \"not a url\")", undefined],
    ["services/empty.yaml:1:1 yaml/empty", "file is empty", "an empty file is probably a mistake: fill it in or delete it"],
    ["services/ledger.yaml:1:1 content/unreadable", "cannot read file: ENOENT: no such file or directory", "check that the file exists (not a broken symbolic link) and is readable"],
    ["services/two-docs.yaml:6:1 yaml/multiple-documents", "this file holds more than one YAML document", "keep one entry per file; only files in slos/ hold several documents"],
    ["slos/kinds.yaml:2:13 schema/api-version", "apiVersion must be one of openslo/v1, keel/v1 (got \"openslo/v2\")", "OpenSLO documents use apiVersion: openslo/v1; error-budget policies use keel/v1"],
    ["slos/kinds.yaml:9:7 schema/kind", "kind must be one of SLO, SLI, Service, DataSource, AlertPolicy, AlertCondition, AlertNotificationTarget for openslo/v1 (got \"Slo\")", "did you mean \"SLO\"?"],
    ["slos/objectives.yaml:23:11 openslo/objective-op", "op is not allowed with a ratioMetric SLI", "a ratio SLI is judged by target alone; op and value belong to thresholdMetric SLIs"],
    ["slos/objectives.yaml:74:7 openslo/objective-target", "an objective needs exactly one of target or targetPercent", "target is a ratio in [0, 1) such as 0.995; targetPercent is a percentage in [0, 100) such as 99.5"],
    ["slos/objectives.yaml:74:7 openslo/time-slices", "budgetingMethod Timeslices needs timeSliceTarget", "timeSliceTarget is the share of good events that makes a slice good, e.g. 0.95"],
    ["slos/objectives.yaml:87:5 openslo/reserved-annotation", "annotation \"openslo.com/owner\" uses the reserved prefix openslo.com/", "keys under openslo.com/ are reserved for the OpenSLO specification; use your own prefix, e.g. example.com/owner"],
    ["slos/objectives.yaml:89:3 openslo/indicator", "an SLO takes indicator or indicatorRef, not both", "define the SLI inline under indicator, or name an SLI object with indicatorRef"],
    ["slos/objectives.yaml:95:9 openslo/ratio-metric", "ratioMetric needs exactly one of good, bad or raw (got good, bad)", "count good events (good) or bad events (bad) against total, or give a precomputed ratio (raw with rawType)"],
    ["slos/objectives.yaml:102:7 openslo/time-window", "a calendar-aligned time window (isRolling: false) needs calendar with startTime and timeZone", "add calendar: { startTime: \"2026-01-01 00:00:00\", timeZone: UTC } or set isRolling: true"],
    ["slos/policies.yaml:14:31 policy/step-order", "step \"Budget nearly gone\" holds at more remaining budget (0.5) than the step before it (0.25)", "order steps from mildest to most severe: remainingBudgetBelow should fall from step to step"],
    ["slos/policies.yaml:25:13 policy/step-condition", "a step needs remainingBudgetBelow, burnRate or both", "e.g. remainingBudgetBelow: 0.25, or burnRate: { above: 6, window: 1h }"],
    ["slos/windows.yaml:13:20 openslo/calendar", "spec.timeWindow[0].calendar.startTime must be a date and time \"YYYY-MM-DD HH:MM:SS\" (got \"2026-01-01T00:00:00Z\")", "OpenSLO writes calendar start times like 2026-01-01 00:00:00, without an offset: timeZone says where"],
    ["slos/windows.yaml:14:19 schema/time-zone", "spec.timeWindow[0].calendar.timeZone must be an IANA time zone", "e.g. America/New_York or UTC"],
    ["slos/windows.yaml:41:3 openslo/sli-metric", "an SLI needs exactly one of thresholdMetric or ratioMetric", "use ratioMetric for good/total events, thresholdMetric for a value compared with op and value"],
  ];
  it.each(MESSAGES)('%s', (key, message, hint) => {
    const found = result.diagnostics.filter((d) => `${d.file.slice(prefix.length)}:${d.line}:${d.column} ${d.rule}` === key);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.message).toBe(message);
    expect(found[0]!.hint).toBe(hint);
  });

  it('never drops a file silently: each one became an entry or is named in a diagnostic', () => {
    const root = fixture('broken');
    const entries = entryFiles(result);
    const reported = new Set(result.diagnostics.map((d) => d.file));
    const files = walk(root).map((f) => relative(ROOT, join(root, f)).split('\\').join('/'));
    const silent = files.filter((f) => !entries.has(f) && !reported.has(f) && !IGNORED_TOP_LEVEL.includes(f.slice(prefix.length)));
    expect(silent).toEqual([]);
    // The author documentation at the top is the one file that is neither, by design.
    expect(files.filter((f) => !entries.has(f) && !reported.has(f))).toEqual([`${prefix}README.md`]);
    expect(result.summary.files).toBe(files.length - 1);
  });

  it('does not report references to entries that exist but are invalid: their own problems are reported', () => {
    const cascade = `${prefix}incidents/2026-11-15-cascade.md`;
    expect(result.diagnostics.filter((d) => d.file === cascade)).toEqual([]);
    expect(result.index.collections.incidents.find((i) => i.file === cascade)?.data.services).toEqual(['checkout', 'api']);
    expect(result.index.rejected?.services).toEqual(new Set(['Payment_Gateway', 'billing', 'checkout', 'empty']));
    expect(result.index.rejected?.slos).toEqual(new Set(['checkout-availability', 'ratio-with-op', 'threshold-without-value', 'two-targets', 'both-indicators', 'no-indicator', 'rolling-with-calendar', 'window-without-rolling']));
    expect(result.diagnostics.filter((d) => d.file === `${prefix}measurements/checkout-availability.csv`)).toEqual([]);
  });

  it('still checks the references of an entry that failed its schema, so one run reports both', () => {
    const runbook = result.diagnostics.filter((d) => d.file === `${prefix}runbooks/queue-backlog.md`).map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`);
    expect(runbook).toContain('3:12 ref/unknown unknown service "queue"');
    expect(runbook).toContain('7:12 schema/enum severity.default must be one of SEV0, SEV1, SEV2, SEV3, SEV4 (got "SEV5")');
    expect(result.index.invalid?.runbooks?.map((e) => e.id)).toContain('queue-backlog');
    expect(result.index.collections.runbooks.map((e) => e.id)).not.toContain('queue-backlog');
  });

  it('treats warnings as errors with strict', async () => {
    const strict = await validate('broken', { strict: true });
    expect(strict.summary).toEqual({ files: 53, errors: 139, warnings: 0 });
    expect(strict.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual(
      result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`),
    );
  });

  it('reports the same when MDX is checked on a worker thread (large folders)', async () => {
    const viaWorker = await validate('broken', { mdxWorkerFrom: 1 });
    expect(viaWorker.diagnostics).toEqual(result.diagnostics);
    expect(viaWorker.diagnostics.some((d) => d.rule === 'mdx/syntax')).toBe(true);
  });

  it('reports the same without the sources a build needs (as the CLI loads)', async () => {
    const lean = await validate('broken', { keepSources: false });
    expect(lean.diagnostics).toEqual(result.diagnostics);
    expect(lean.index.collections.incidents.every((i) => i.raw === undefined && i.body === '')).toBe(true);
    expect(result.index.collections.incidents.some((i) => i.body !== '')).toBe(true);
  });

  it('uses the pinned clock: the same runbook is fresh a week after its review', async () => {
    const stale = result.diagnostics.filter((d) => d.rule === 'runbook/stale');
    expect(stale.map((d) => d.file)).toEqual([`${prefix}runbooks/api-errors.md`]);
    const earlier = await validateContent(fixture('broken'), { cwd: ROOT, now: Date.parse('2026-03-08T00:00:00Z') });
    expect(earlier.diagnostics.filter((d) => d.rule === 'runbook/stale')).toEqual([]);
    // …and the review dated 2026-12-24 is in the future then too.
    expect(earlier.diagnostics.filter((d) => d.rule === 'runbook/review-date').map((d) => d.file)).toEqual([`${prefix}runbooks/web-down.md`]);
  });
});

describe('the valid fixture', () => {
  it('passes with zero diagnostics', async () => {
    const result = await validate('valid');
    expect(result.diagnostics).toEqual([]);
    expect(result.summary).toEqual({ files: 13, errors: 0, warnings: 0 });
    expect(result.ok).toBe(true);
  });

  it('turns every file into entries, with the defaults of keel.yaml applied', async () => {
    const result = await validate('valid');
    const root = fixture('valid');
    const files = walk(root).map((f) => relative(ROOT, join(root, f)).split('\\').join('/'));
    const entries = entryFiles(result);
    expect(files.filter((f) => !entries.has(f))).toEqual(['tests/fixtures/valid/README.md']);
    const { index } = result;
    expect(index.settings?.data.severities.SEV1).toEqual({ timeToAction: '15m', retrospectiveDueDays: 5, description: 'Major functionality unavailable for many customers.' });
    expect(index.settings?.data.severities.SEV0.timeToAction).toBe('5m');
    expect(index.collections.services.map((s) => s.id)).toEqual(['api', 'ledger', 'web']);
    expect(index.collections.slos.map((s) => s.id)).toEqual(['api-availability', 'api-latency']);
    expect(index.collections.incidents.map((i) => [i.id, i.format, i.bodyLine])).toEqual([
      ['2026-11-02-api-errors', 'md', 45],
      ['2026-11-20-web-slow', 'mdx', 17],
    ]);
    expect(index.measurements.map((m) => [m.id, m.series.type, m.series.time.length, m.rowLines[2] ?? 1])).toEqual([
      ['api-availability', 'ratio', 3, 4],
      ['api-latency', 'threshold', 2, 1],
    ]);
  });
});

describe('folders of their own', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keel-validate-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a missing content folder (content/missing)', async () => {
    const result = await validateContent(join(dir, 'nowhere'), { cwd: dir, now: NOW });
    expect(result.diagnostics).toEqual([
      { file: 'nowhere', line: 1, column: 1, severity: 'error', message: 'content folder not found', rule: 'content/missing', hint: 'pass --content DIR or set KEEL_CONTENT to the folder holding keel.yaml' },
    ]);
    expect(result.ok).toBe(false);
  });

  it('reports a missing keel.yaml (settings/missing) and still checks the rest', async () => {
    const content = join(dir, 'no-settings');
    mkdirSync(join(content, 'services'), { recursive: true });
    writeFileSync(join(content, 'services', 'api.yaml'), 'name: API\nowner: team\ntier: 1\nstatusPage: false\n');
    writeFileSync(join(content, 'services', 'web.yaml'), 'name: Web\nowner: team\ntier: 1\nstatusPage: false\ndependsOn: [apii]\n');
    const result = await validateContent(content, { cwd: dir, now: NOW });
    expect(result.diagnostics.map(formatDiagnosticText)).toEqual([
      'no-settings/keel.yaml:1:1 error keel.yaml is missing  settings/missing\n  hint: create keel.yaml with at least organisation (name, url) and timeZone',
      'no-settings/services/web.yaml:5:13 error unknown service "apii"  ref/unknown\n  hint: did you mean "api"?',
    ]);
    expect(result.summary).toEqual({ files: 2, errors: 2, warnings: 0 });
  });
});

describe('files as editors save them', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keel-files-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a byte-order mark and Windows line endings, and skips hidden files and folders', async () => {
    const content = join(dir, 'content');
    for (const folder of ['services', 'incidents', '.git', 'runbooks/.obsidian']) mkdirSync(join(content, folder), { recursive: true });
    writeFileSync(join(content, 'keel.yaml'), '\uFEFForganisation:\r\n  name: X\r\n  url: https://x.example\r\ntimeZone: UTC\r\n');
    writeFileSync(join(content, 'services', 'api.yaml'), '\uFEFFname: API\r\nowner: team\r\ntier: 1\r\nstatusPage: false\r\n');
    writeFileSync(join(content, 'incidents', '2026-11-03-x.md'), '\uFEFF---\r\ntitle: x\r\nseverity: SEV3\r\nstarted: 2026-11-03 09:12\r\nservices: [api]\r\n---\r\nBody\r\n');
    writeFileSync(join(content, '.DS_Store'), 'binary');
    writeFileSync(join(content, '.git', 'HEAD'), 'ref: refs/heads/main');
    writeFileSync(join(content, 'runbooks', '.obsidian', 'workspace.json'), '{}');
    writeFileSync(join(content, 'services', '.api.yaml.swp'), 'swap');
    const result = await validateContent(content, { cwd: dir, now: NOW });
    expect(result.diagnostics.map(formatDiagnosticText)).toEqual([
      'content/incidents/2026-11-03-x.md:4:10 error started must have a UTC offset (got "2026-11-03 09:12")  schema/timestamp-offset\n' +
        '  hint: every time needs an offset so it means one instant: write "2026-11-03T09:12:00Z" for UTC or add your offset, e.g. "2026-11-03T09:12:00+01:00"',
    ]);
    expect(result.summary.files).toBe(3);
    expect(result.index.collections.services.map((s) => s.data.name)).toEqual(['API']);
  });
});

describe('the OpenSLO v1 examples (tests/fixtures/openslo)', () => {
  const prefix = 'tests/fixtures/openslo/';
  let result: ValidationResult;
  beforeAll(async () => {
    result = await validate('openslo');
  });
  const of = (file: string) => result.diagnostics.filter((d) => d.file === `${prefix}${file}`).map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`);

  it('accepts the valid examples: DataSource, AlertCondition, Service', () => {
    for (const file of ['slos/readme-datasource.yaml', 'slos/readme-alert-condition.yaml', 'slos/readme-service.yaml', 'slos/keel-datasources.yaml']) {
      expect(of(file), file).toEqual([]);
    }
    const { collections } = result.index;
    expect(collections.dataSources.map((d) => d.id)).toEqual(['datadog-datasource', 'string']);
    expect(collections.alertConditions.map((d) => [d.id, d.data.spec.condition])).toEqual([
      ['cpu-usage-breach', { kind: 'burnrate', op: 'lte', threshold: 2, lookbackWindow: '1h', alertAfter: '5m' }],
    ]);
    expect(collections.openSloServices.map((d) => d.id)).toEqual(['foo']);
  });

  it('rejects an op on a ratio objective, as the spec says (op is only for thresholdMetric)', () => {
    for (const [file, line] of [['slos/examples-ratio-timeslices.yaml', 33], ['slos/examples-low-traffic.yaml', 34]] as const) {
      expect(of(file), file).toEqual([`${line}:11 openslo/objective-op op is not allowed with a ratioMetric SLI`]);
    }
  });

  it('rejects the README SLO example, which lacks the required budgetingMethod (and a time window, which Keel requires)', () => {
    expect(of('slos/readme-slo-inline-sli.yaml')).toEqual([
      '8:3 schema/required spec.timeWindow is required',
      '8:3 schema/required spec.budgetingMethod is required',
    ]);
  });

  it('rejects names that are not RFC 1123 labels (the spec requires support only for those)', () => {
    expect(of('slos/readme-alert-policy-ref.yaml')).toEqual([
      '5:9 schema/id metadata.name is not a valid id (got "AlertPolicy")',
      '14:18 schema/id spec.notificationTargets[0].targetRef is not a valid id (got "OnCallDevopsMailNotification")',
    ]);
    expect(of('slos/readme-alert-policy-inline.yaml')).toEqual([
      '5:9 schema/id metadata.name is not a valid id (got "AlertPolicy")',
      '26:18 schema/id spec.notificationTargets[0].targetRef is not a valid id (got "OnCallDevopsMailNotification")',
    ]);
    expect(of('slos/readme-notification-targets.yaml')).toEqual([
      '6:9 schema/id metadata.name is not a valid id (got "OnCallDevopsMailNotification")',
      '14:9 schema/id metadata.name is not a valid id (got "OnCallDevopsSlackNotification")',
    ]);
  });

  it('rejects keys left empty (null) where a mapping or a list belongs', () => {
    expect(of('slos/examples-occurrences.yaml')).toEqual([
      '19:11 schema/type spec.indicator.spec.thresholdMetric.metricSource.spec must be a mapping (got null)',
      '30:3 schema/type spec.alertPolicies must be a list (got null)',
    ]);
    expect(of('slos/examples-timeslices.yaml')).toEqual(['44:3 schema/type spec.alertPolicies must be a list (got null)']);
  });

  it('has nothing else to say', () => {
    expect(result.summary).toEqual({ files: 16, errors: 13, warnings: 0 });
  });
});
