/**
 * `keel report slos`: the weekly-review report. Loads the content with the validator (content
 * errors: the validation report on stderr, exit 1), evaluates every SLO with the engine
 * (src/domain/slo) at the run's "now", and prints it as text, markdown or JSON.
 */
import { resolve } from 'node:path';
import { contentDir, now } from '../../core/env.ts';
import { didYouMean } from '../../core/suggest.ts';
import { durationMs } from '../../core/time.ts';
import { UsageError } from '../../core/usage-error.ts';
import type { ContentIndex } from '../../content/entry.ts';
import { evaluateSlo, type SloEvaluation } from '../../domain/slo/evaluate.ts';
import { renderMarkdown, renderText } from '../../domain/slo/format.ts';
import { reportEntries, rfc3339 } from '../../domain/slo/report.ts';
import type { Incident } from '../../domain/slo/series.ts';
import { formatReport } from '../../rules/report.ts';
import { validateContent } from '../../rules/validate.ts';
import type { Command } from '../command.ts';

const FORMATS = ['text', 'markdown', 'json'] as const;
type Format = (typeof FORMATS)[number];
const SUBJECTS = ['slos'];
/** keel.yaml's default for measurementStaleAfter (when there is no keel.yaml). */
const DEFAULT_STALE_AFTER = '2h';

/** The incidents as the engine sees them: instants and the SLOs they name. */
function incidentsOf(index: ContentIndex): Incident[] {
  return index.collections.incidents.map(({ id, data }) => ({
    id,
    started: Date.parse(data.started),
    ...(data.detected === undefined ? {} : { detected: Date.parse(data.detected) }),
    ...(data.resolved === undefined ? {} : { resolved: Date.parse(data.resolved) }),
    slos: data.slos,
  }));
}

/**
 * Every SLO of the index (or the one named), evaluated at `at`. An SLO has one measurements
 * file (measurements/<name>.csv); a composite SLO's objectives all read it.
 */
export function evaluateIndex(index: ContentIndex, at: number, only?: string): SloEvaluation[] {
  const slos = index.collections.slos.filter((s) => only === undefined || s.id === only);
  const series = new Map(index.measurements.map((m) => [m.id, m.series]));
  // Each SLO sees only the incidents and policies that name it (thousands of incidents otherwise).
  const incidents = new Map<string, Incident[]>();
  for (const incident of incidentsOf(index)) {
    for (const slo of new Set(incident.slos)) {
      const list = incidents.get(slo);
      if (list) list.push(incident);
      else incidents.set(slo, [incident]);
    }
  }
  const policies = index.collections.errorBudgetPolicies.map((p) => p.data);
  const staleAfterMs = durationMs(index.settings?.data.measurementStaleAfter ?? DEFAULT_STALE_AFTER);
  return slos.map((s) =>
    evaluateSlo({
      slo: s.data,
      series: series.get(s.id),
      incidents: incidents.get(s.id) ?? [],
      policies: policies.filter((p) => p.spec.slos.includes(s.id)),
      now: at,
      staleAfterMs,
    }),
  );
}

export const report: Command = {
  name: 'report',
  summary: 'Print a report: `keel report slos` is the weekly SLO review (budgets, burn rates, alerts, policies, backtest).',
  arguments: 'slos',
  positionals: true,
  options: {
    content: { type: 'string', value: 'DIR', description: 'content folder (default: $KEEL_CONTENT or ./content)' },
    format: { type: 'string', value: 'FORMAT', description: 'text (default), markdown (for a pull request or chat) or json' },
    slo: { type: 'string', value: 'NAME', description: 'report on this SLO only (its metadata.name)' },
  },
  async run({ values, positionals }, io) {
    const [subject, ...extra] = positionals;
    if (subject === undefined) throw new UsageError(`report needs a subject: keel report ${SUBJECTS.join('|')}`);
    if (!SUBJECTS.includes(subject)) throw new UsageError(`unknown report "${subject}"; reports: ${SUBJECTS.join(', ')}`);
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const format = (values.format ?? 'text') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${String(values.format)}")`);
    const dir = contentDir(io.cwd, io.env, values.content as string | undefined);
    const clock = now(io.env);
    const result = await validateContent(resolve(dir), { cwd: io.cwd, now: clock, keepSources: false });
    if (!result.ok) {
      io.err(formatReport(result.diagnostics, result.summary, 'text'));
      return 1;
    }
    const only = values.slo as string | undefined;
    const ids = result.index.collections.slos.map((s) => s.id);
    if (only !== undefined && !ids.includes(only)) {
      const near = didYouMean(only, ids);
      throw new UsageError(`no SLO is named "${only}"${near ? `; did you mean "${near}"?` : ''}`);
    }
    const evaluations = evaluateIndex(result.index, clock, only);
    if (format === 'json') {
      io.out(JSON.stringify({ now: rfc3339(clock), slos: evaluations.flatMap(reportEntries) }, null, 2));
    } else {
      const model = { now: clock, zone: result.index.settings?.data.timeZone ?? 'UTC', evaluations };
      io.out(format === 'markdown' ? renderMarkdown(model) : renderText(model));
    }
    return 0;
  },
};
