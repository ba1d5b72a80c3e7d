/**
 * `keel report SUBJECT`: reports computed from the content at the run's "now". Loads the
 * content with the validator (content errors: the validation report on stderr, exit 1; warnings
 * do not stop it), then prints the subject's report as text, markdown or JSON. Subjects are a
 * table: `slos` (the weekly SLO review, src/domain/slo), `followups`, `retrospectives` and `stale`
 * (deadlines, src/domain/incidents — the same computations the time-based rules use). A report
 * informs: it exits 0 however much is overdue (`keel validate` enforces, `--strict` or keel.yaml
 * `rules:` make the warnings errors).
 */
import { didYouMean } from '../../core/suggest.ts';
import { UsageError } from '../../core/usage-error.ts';
import type { ContentIndex } from '../../content/entry.ts';
import { type AgendaOptions, followUpAgenda, incidentRecord, retrospectiveAgenda, staleAgenda } from '../../domain/incidents/agenda.ts';
import { followUpsJson, retrospectivesJson, staleJson } from '../../domain/incidents/json.ts';
import { deadlinesOf } from '../../model/deadlines.ts';
import { CONTENT_OPTION, type Command } from '../command.ts';
import { validIndex } from '../valid-index.ts';

const FORMATS = ['text', 'markdown', 'json'] as const;
type Format = (typeof FORMATS)[number];
/** "Due soon" without --due-within: within a week. */
const DEFAULT_DUE_WITHIN = 7;

interface SubjectArgs {
  index: ContentIndex;
  now: number;
  format: Format;
  values: Record<string, string | boolean | undefined>;
}

interface Subject {
  name: string;
  /** Options that only this subject takes (a usage error with another). */
  options: readonly string[];
  render(args: SubjectArgs): string | Promise<string>;
}

const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** The text and markdown writers, loaded only for a report that prints them (Markdown serialisation costs startup time every other command, `keel validate` first, would pay). */
const humanFormats = () => import('../../domain/incidents/format.ts');

/** --due-within DAYS: a whole number of days, 0 (due today) or more. */
function dueWithin(value: string | boolean | undefined): number {
  if (value === undefined) return DEFAULT_DUE_WITHIN;
  if (typeof value !== 'string' || !/^\d{1,4}$/.test(value)) throw new UsageError(`--due-within must be a whole number of days (got "${String(value)}")`);
  return Number(value);
}

function agendaOptions({ index, now, values }: SubjectArgs): AgendaOptions & { records: ReturnType<typeof incidentRecord>[] } {
  return {
    now,
    deadlines: deadlinesOf(index.settings?.data),
    dueWithinDays: dueWithin(values['due-within']),
    records: index.collections.incidents.map((e) => incidentRecord(e.id, e.data)),
  };
}

const SUBJECTS: readonly Subject[] = [
  {
    name: 'slos',
    options: ['slo'],
    async render({ index, now: clock, format, values }) {
      const only = values.slo as string | undefined;
      const ids = index.collections.slos.map((s) => s.id);
      if (only !== undefined && !ids.includes(only)) {
        const near = didYouMean(only, ids);
        throw new UsageError(`no SLO is named "${only}"${near ? `; did you mean "${near}"?` : ''}`);
      }
      // The SLO engine (and Luxon with it) is loaded for this report only, not for every keel command.
      const { evaluateIndex, renderMarkdown, renderText, reportEntries, rfc3339 } = await import('../report-slos.ts');
      const evaluations = evaluateIndex(index, clock, only);
      if (format === 'json') return json({ now: rfc3339(clock), slos: evaluations.flatMap(reportEntries) });
      const model = { now: clock, zone: index.settings?.data.timeZone ?? 'UTC', evaluations };
      return format === 'markdown' ? renderMarkdown(model) : renderText(model);
    },
  },
  {
    name: 'followups',
    options: ['due-within'],
    async render(args) {
      const { records, ...options } = agendaOptions(args);
      const agenda = followUpAgenda(records, options);
      return args.format === 'json' ? json(followUpsJson(agenda)) : (await humanFormats()).formatFollowUps(agenda, args.format);
    },
  },
  {
    name: 'retrospectives',
    options: ['due-within'],
    async render(args) {
      const { records, ...options } = agendaOptions(args);
      const agenda = retrospectiveAgenda(records, options);
      return args.format === 'json' ? json(retrospectivesJson(agenda)) : (await humanFormats()).formatRetrospectives(agenda, args.format);
    },
  },
  {
    name: 'stale',
    options: [],
    async render({ index, now: clock, format }) {
      const records = index.collections.incidents.map((e) => incidentRecord(e.id, e.data));
      const runbooks = index.collections.runbooks.map(({ id, data }) => ({ id, title: data.title, owner: data.owner, lastReviewed: data.lastReviewed }));
      const agenda = staleAgenda(records, runbooks, { now: clock, deadlines: deadlinesOf(index.settings?.data) });
      return format === 'json' ? json(staleJson(agenda)) : (await humanFormats()).formatStale(agenda, format);
    },
  },
];

const NAMES = SUBJECTS.map((s) => s.name);

export const report: Command = {
  name: 'report',
  summary:
    'Print a report: `slos` (the weekly SLO review), `followups` (open follow-ups by owner), `retrospectives` (past due or due soon), `stale` (runbooks past review, late public updates).',
  arguments: NAMES.join('|'),
  positionals: true,
  options: {
    content: CONTENT_OPTION,
    format: { type: 'string', value: 'FORMAT', description: 'text (default), markdown (for a pull request or chat) or json' },
    slo: { type: 'string', value: 'NAME', description: 'slos: report on this SLO only (its metadata.name)' },
    'due-within': {
      type: 'string',
      value: 'DAYS',
      description: `followups, retrospectives: "due soon" means due within DAYS days (default ${DEFAULT_DUE_WITHIN})`,
    },
  },
  async run({ values, positionals }, io) {
    const [name, ...extra] = positionals;
    if (name === undefined) throw new UsageError(`report needs a subject: keel report ${NAMES.join('|')}`);
    const subject = SUBJECTS.find((s) => s.name === name);
    if (subject === undefined) {
      const near = didYouMean(name, NAMES);
      throw new UsageError(`unknown report "${name}"; reports: ${NAMES.join(', ')}${near ? `; did you mean "${near}"?` : ''}`);
    }
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    for (const option of SUBJECTS.flatMap((s) => s.options)) {
      if (values[option] !== undefined && !subject.options.includes(option)) {
        const takers = SUBJECTS.filter((s) => s.options.includes(option)).map((s) => `keel report ${s.name}`);
        throw new UsageError(`--${option} applies to ${takers.join(' and ')} only`);
      }
    }
    const format = (values.format ?? 'text') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${String(values.format)}")`);
    if (subject.options.includes('due-within')) dueWithin(values['due-within']);
    const loaded = await validIndex(values.content as string | undefined, io);
    if (loaded === undefined) return 1;
    io.out(await subject.render({ index: loaded.index, now: loaded.now, format, values }));
    return 0;
  },
};
