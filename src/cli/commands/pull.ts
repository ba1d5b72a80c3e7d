/**
 * `keel pull`: measurements from Prometheus into `measurements/<slo>.csv`, for every SLO whose SLI
 * reads Prometheus (src/model/prometheus.ts). Per SLO: the rows after its last one (or over its
 * window, or from --since), one per step, appended; nothing already there is rewritten unless
 * --rewrite, and a run without new data writes no byte. A file is written whole to a temporary file
 * beside it and renamed, so a pull that fails half-way loses nothing. One SLO's failure (its query
 * rejected, its CSV out of order) is reported at its file:line and the others go on; exit 1.
 */
import { readFileSync } from 'node:fs';
import { containedPath, replaceContained } from '../../core/contained-write.ts';
import type { Diagnostic, Place } from '../../core/diagnostic.ts';
import { contentDir, now, prometheusEnv } from '../../core/env.ts';
import { DURATION_PATTERN, durationMs, instantOf, isTimestamp } from '../../core/time.ts';
import { escapeControls, excerpt } from '../../core/escape.ts';
import { UsageError } from '../../core/usage-error.ts';
import type { ContentIndex } from '../../content/entry.ts';
import { counterSelectorOf, promDuration } from '../../generators/prometheus-rules.ts';
import { MEASUREMENTS } from '../../kinds/measurements.ts';
import { prometheusSlos, WINDOW_PLACEHOLDER, type PrometheusSlo, type PromQuery } from '../../model/prometheus.ts';
import { alignedTimes, counterIncreases, ratioRows, sampleMap, sumByTime, windowedCounts } from '../../pull/counts.ts';
import { mergeRows, timestampOf, type CsvRow } from '../../pull/csv.ts';
import { prometheusSource } from '../../pull/prometheus.ts';
import { SourceError, type MeasurementSource } from '../../pull/source.ts';
import { formatReport } from '../../rules/report.ts';
import { validateContent } from '../../rules/validate.ts';
import { RFC1123_LABEL } from '../../schemas/common.ts';
import { RATIO_HEADER, THRESHOLD_HEADER } from '../../schemas/measurement.ts';
import { CONTENT_OPTION, type Command, type Io } from '../command.ts';

/** Defaults when keel.yaml has no `prometheus:` section. */
const DEFAULT_STEP = '1h';
const DEFAULT_TIMEOUT = '1m';

/** A problem that stops one SLO's pull, where it is (a query, a CSV row) when known. */
class PullProblem extends Error {
  readonly at: Place | undefined;
  constructor(message: string, at?: Place) {
    super(message);
    this.at = at;
  }
}

const where = (at: Place | undefined) => (at ? `${at.file}:${at.line}:${at.column} ` : '');

/** The labels whose values differ between the series of a query that should have returned one. */
function differingLabels(series: readonly { labels: Readonly<Record<string, string>> }[]): string {
  const keys = [...new Set(series.flatMap((s) => Object.keys(s.labels)))].sort();
  const differ = keys.filter((k) => new Set(series.map((s) => s.labels[k] ?? '')).size > 1);
  return differ.map((k) => `${k} (${[...new Set(series.map((s) => s.labels[k] ?? '""'))].slice(0, 4).join(', ')})`).join(', ');
}

interface Plan {
  readonly stepMs: number;
  readonly times: readonly number[];
}

interface PullContext {
  readonly source: MeasurementSource;
  readonly warn: (text: string) => void;
}

/**
 * One query's values by instant, per series, checked: finite numbers, and one series unless
 * `several` (the selector of a sum). Empty when it returned nothing.
 */
async function valuesOf(slo: PrometheusSlo, query: PromQuery, promql: string, startMs: number, plan: Plan, { source, warn }: PullContext, several = false) {
  let series;
  try {
    series = await source.rangeQuery({ promql, startMs, endMs: plan.times.at(-1)!, stepMs: plan.stepMs });
  } catch (error) {
    if (error instanceof SourceError && error.kind === 'rejected')
      throw new PullProblem(`Prometheus rejected the query of SLO ${slo.name}: ${error.message}`, query.at);
    throw error;
  }
  if (series.length === 0) {
    warn(
      `${where(query.at)}warning SLO ${slo.name}: the query returned no data from ${timestampOf(startMs)} to ${timestampOf(plan.times.at(-1)!)}: ${query.promql}`,
    );
    return [];
  }
  if (series.length > 1 && !several) {
    throw new PullProblem(
      `the query of SLO ${slo.name} returned ${series.length} series where one is expected; their labels differ in ${differingLabels(series)}`,
      query.at,
    );
  }
  return series.map((one) => {
    const { values, bad } = sampleMap(one.samples);
    if (bad !== undefined)
      throw new PullProblem(`the query of SLO ${slo.name} returned ${String(bad.value)} at ${timestampOf(bad.at)}, not a number of events`, query.at);
    return values;
  });
}

/** The new rows of one SLO. */
async function pullRows(slo: PrometheusSlo, plan: Plan, context: PullContext): Promise<{ rows: CsvRow[]; capped: number }> {
  const { sli } = slo;
  const first = plan.times[0]!;
  if (sli.type === 'threshold') {
    const [values = new Map<number, number>()] = await valuesOf(slo, sli.query, sli.query.promql, first, plan, context);
    return { rows: plan.times.filter((t) => values.has(t)).map((t) => ({ t, fields: [values.get(t)!] })), capped: 0 };
  }
  const range = promDuration(plan.stepMs);
  const counts = async (query: PromQuery) => {
    if (sli.windowed) {
      const [values = new Map<number, number>()] = await valuesOf(slo, query, query.promql.replaceAll(WINDOW_PLACEHOLDER, range), first, plan, context);
      return windowedCounts(values, plan.times);
    }
    // A counter needs its sample one step before the first row too. The sum of a selector is
    // taken after the increase of each of its series, so that one series' reset stays its own.
    const counter = counterSelectorOf(query.promql);
    const summed = counter?.summed === true;
    const series = await valuesOf(slo, query, summed ? counter.selector : query.promql, first - plan.stepMs, plan, context, summed);
    return sumByTime(series.map((values) => counterIncreases(values, plan.times, plan.stepMs)));
  };
  const numerator = sli.good ?? sli.bad!;
  const { rows, capped } = ratioRows(plan.times, await counts(numerator), sli.good ? 'good' : 'bad', await counts(sli.total));
  return { rows: rows.map((r) => ({ t: r.t, fields: [r.good, r.total] })), capped };
}

function parseSince(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isTimestamp(value))
    throw new UsageError(`--since must be an RFC 3339 timestamp with an offset, e.g. 2026-11-01T00:00:00Z (got "${String(value)}")`);
  return instantOf(value);
}

function parseDuration(value: string, what: string): number {
  if (!DURATION_PATTERN.test(value)) throw new UsageError(`${what} must be a duration such as 5m or 1h (got "${value}")`);
  return durationMs(value);
}

export const pull: Command = {
  name: 'pull',
  summary: 'Fetch SLI measurements from Prometheus into measurements/<slo>.csv (only new intervals).',
  options: {
    content: CONTENT_OPTION,
    slo: { type: 'string', value: 'NAME', description: 'only the SLO named NAME (its metadata.name)' },
    since: { type: 'string', value: 'TIME', description: "start at TIME (RFC 3339) rather than the SLO window's start or the CSV's last row" },
    step: { type: 'string', value: 'DURATION', description: 'the measurement interval, one row per step (default: keel.yaml prometheus.step, else 1h)' },
    rewrite: { type: 'boolean', description: 'replace the rows from the start on (--since, else the SLO window) instead of appending after the last' },
    'dry-run': { type: 'boolean', description: 'query and report, write nothing' },
  },
  async run({ values }, io) {
    const since = parseSince(values.since);
    const dir = contentDir(io.cwd, io.env, values.content as string | undefined);
    const clock = now(io.env);
    const env = prometheusEnv(io.env);
    const result = await validateContent(dir, { cwd: io.cwd, now: clock, keepSources: false });
    // A broken measurements file stops only its own SLO; any other error stops the pull.
    const isCsv = (d: Diagnostic) => d.file.split(/[\\/]/).includes(MEASUREMENTS.folder) && d.file.endsWith(MEASUREMENTS.extension);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.some((d) => !isCsv(d))) {
      io.err(formatReport(result.diagnostics, result.summary, 'text'));
      return 1;
    }
    // From here on every line quotes content or the server's answers (names, queries, labels, its
    // error messages): each is one line, controls escaped (no forged CI line).
    const lines: Io = { ...io, out: (text) => io.out(escapeControls(text)), err: (text) => io.err(escapeControls(text)) };
    const index = result.index;
    const settings = index.settings?.data.prometheus;
    const stepText = (values.step as string | undefined) ?? settings?.step ?? DEFAULT_STEP;
    const stepMs = parseDuration(stepText, values.step === undefined ? 'keel.yaml prometheus.step' : '--step');
    const timeoutMs = parseDuration(settings?.timeout ?? DEFAULT_TIMEOUT, 'keel.yaml prometheus.timeout');
    const only = values.slo as string | undefined;
    if (only !== undefined && !index.collections.slos.some((s) => s.id === only)) throw new UsageError(`no SLO is named "${only}"`);
    const { slos, skipped } = prometheusSlos(index, only);
    // Every file this pull may write is checked before the first query: one refused path, nothing written.
    const files = new Map(slos.map((slo) => [slo, measurementFile(index.root, slo.name)]));
    for (const s of skipped) lines.out(`keel pull: ${s.name}: skipped: ${s.reason}`);

    const sources = new Map<string, MeasurementSource>();
    const down = new Map<string, string>();
    let pulled = 0;
    let failed = 0;
    let appended = 0;
    for (const slo of slos) {
      const fail = (message: string, at?: Place) => {
        failed++;
        lines.err(`${where(at)}error ${message}`);
      };
      const csvProblems = errors.filter((d) => isCsv(d) && d.file.endsWith(`${slo.name}${MEASUREMENTS.extension}`));
      if (csvProblems.length > 0) {
        for (const d of csvProblems) fail(`SLO ${slo.name} not pulled: ${d.message}`, d);
        continue;
      }
      const url = env.url ?? settings?.url ?? slo.dataSourceUrl;
      if (url === undefined) {
        fail(`SLO ${slo.name}: no Prometheus server: set prometheus.url in keel.yaml, KEEL_PROMETHEUS_URL, or connectionDetails.url of its DataSource`);
        continue;
      }
      if (down.has(url)) {
        fail(`SLO ${slo.name} not pulled: ${down.get(url)!}`);
        continue;
      }
      let source = sources.get(url);
      if (source === undefined) {
        source = prometheusSource({ url, auth: env.auth, timeoutMs });
        sources.set(url, source);
      }
      const outcome = await pullOne(
        index,
        slo,
        files.get(slo)!,
        { stepMs, since, rewrite: values.rewrite === true, dryRun: values['dry-run'] === true, clock },
        source,
        io,
      );
      if (outcome.kind === 'failed') {
        if (outcome.down) down.set(url, outcome.message);
        fail(outcome.message, outcome.at);
      } else {
        pulled++;
        appended += outcome.rows;
      }
    }
    const verb = values['dry-run'] === true ? 'would append' : 'appended';
    lines.out(`keel pull: ${pulled} SLOs pulled, ${failed} failed, ${skipped.length} skipped; ${verb} ${appended} rows`);
    return failed > 0 ? 1 : 0;
  },
};

type Outcome = { kind: 'pulled'; rows: number } | { kind: 'failed'; message: string; at?: Place | undefined; down?: boolean };

/** A measurement file, the name shown, and whether it exists. */
interface MeasurementFile {
  readonly root: string;
  readonly rel: string;
  readonly path: string;
  readonly exists: boolean;
}

/**
 * The measurement file of the SLO named `name` in the content folder `root`: its name only from
 * an id (the SLO's metadata.name, an RFC 1123 label: validated already, checked again here since
 * it becomes a file name), its path checked like every write (no link on the way, a regular file).
 */
function measurementFile(root: string, name: string): MeasurementFile {
  const rel = `${MEASUREMENTS.folder}/${name}${MEASUREMENTS.extension}`;
  if (!RFC1123_LABEL.test(name)) throw new UsageError(`refusing to write ${escapeControls(excerpt(rel))}: the SLO name is not an id; nothing written`);
  return { root, rel, ...containedPath(root, rel) };
}

async function pullOne(
  index: ContentIndex,
  slo: PrometheusSlo,
  file: MeasurementFile,
  options: { stepMs: number; since: number | undefined; rewrite: boolean; dryRun: boolean; clock: number },
  source: MeasurementSource,
  io: Io,
): Promise<Outcome> {
  const { stepMs } = options;
  const shown = file.rel;
  const entry = index.measurements.find((m) => m.id === slo.name);
  const existing = file.exists ? readFileSync(file.path, 'utf8') : undefined;
  const header = slo.sli.type === 'ratio' ? RATIO_HEADER : THRESHOLD_HEADER;
  if (entry !== undefined && entry.series.type !== slo.sli.type) {
    return {
      kind: 'failed',
      message: `SLO ${slo.name}: ${shown} holds ${entry.series.type} rows, its SLI is a ${slo.sli.type} metric (header ${header.join(',')})`,
    };
  }
  const last = entry?.series.time.at(-1);
  const previous = entry?.series.time.at(-2);
  if (!options.rewrite && last !== undefined && previous !== undefined && last - previous !== stepMs) {
    return {
      kind: 'failed',
      message: `SLO ${slo.name}: ${shown} has rows ${(last - previous) / 60_000} minutes apart, the step is ${stepMs / 60_000}: pass --step, or --rewrite`,
    };
  }
  const windowStart = options.clock - durationMs(slo.entry.data.spec.timeWindow[0]!.duration);
  const start = options.since ?? windowStart;
  const from = options.rewrite || last === undefined ? start - 1 : Math.max(last, options.since ?? last);
  const plan = { stepMs, times: alignedTimes(from, options.clock, stepMs) };
  if (plan.times.length === 0) {
    io.out(`keel pull: ${slo.name}: up to date (${shown})`);
    return { kind: 'pulled', rows: 0 };
  }
  let pulled;
  try {
    pulled = await pullRows(slo, plan, { source, warn: (text) => io.err(text) });
  } catch (error) {
    if (error instanceof PullProblem) return { kind: 'failed', message: error.message, at: error.at };
    if (error instanceof SourceError) return { kind: 'failed', message: `SLO ${slo.name} not pulled: ${error.message}`, down: error.kind === 'unreachable' };
    throw error;
  }
  const { rows, capped } = pulled;
  const text = mergeRows(existing, header, rows, options.rewrite ? plan.times[0] : undefined);
  const span = rows.length ? ` (${timestampOf(rows[0]!.t)} … ${timestampOf(rows.at(-1)!.t)})` : '';
  const missing = plan.times.length - rows.length;
  const notes = [missing > 0 ? `${missing} intervals without data` : '', capped > 0 ? `${capped} rows with more good than total events, capped` : ''].filter(
    Boolean,
  );
  io.out(
    `keel pull: ${slo.name}: ${options.dryRun ? 'would append ' : '+'}${rows.length} rows${span} → ${shown}${notes.length ? `; ${notes.join('; ')}` : ''}`,
  );
  if (text !== undefined && !options.dryRun) {
    replaceContained(file.root, file.rel, text);
  }
  return { kind: 'pulled', rows: rows.length };
}
