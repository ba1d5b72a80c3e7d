/**
 * The SLOs whose indicator reads Prometheus, as `keel pull` and `keel rules` need them: the
 * PromQL of each query with the file:line:col it was written at, resolved through `indicatorRef`
 * (an SLI object) and `metricSourceRef` (a DataSource of type Prometheus) or an inline
 * `metricSource.type: Prometheus`. Every other SLO comes back with the reason it is skipped.
 */
import type { Place } from '../core/diagnostic.ts';
import type { ContentIndex, Entry } from '../content/entry.ts';
import type { CollectionData } from '../kinds/index.ts';

/** Sloth's placeholder for the range of a windowed query: `sum(increase(x[{{.window}}]))`. */
export const WINDOW_PLACEHOLDER = '{{.window}}';

export interface PromQuery {
  readonly promql: string;
  /** Where the query is written. */
  readonly at: Place;
}

/**
 * A ratio SLI. A query is either a counter (its value only grows, resets aside: Keel takes the
 * increase per interval) or windowed: it contains `{{.window}}` and counts the events of the
 * window ending at the evaluation time.
 */
export interface PrometheusRatioSli {
  readonly type: 'ratio';
  readonly windowed: boolean;
  /** Exactly one of good and bad. */
  readonly good?: PromQuery;
  readonly bad?: PromQuery;
  readonly total: PromQuery;
}

export interface PrometheusThresholdSli {
  readonly type: 'threshold';
  readonly query: PromQuery;
}

export type PrometheusSli = PrometheusRatioSli | PrometheusThresholdSli;

type SloData = CollectionData['slos'];

export interface PrometheusSlo {
  readonly name: string;
  readonly entry: Entry<SloData>;
  readonly sli: PrometheusSli;
  /** connectionDetails.url of the DataSource the queries name, when it has one. */
  readonly dataSourceUrl: string | undefined;
}

export interface SkippedSlo {
  readonly name: string;
  readonly file: string;
  readonly reason: string;
}

type MetricSource = { metricSource: { metricSourceRef?: string | undefined; type?: string | undefined; spec: Record<string, unknown> } };

const isPrometheus = (type: unknown): boolean => typeof type === 'string' && type.toLowerCase() === 'prometheus';

/**
 * Every SLO of the index (or the one named `only`), split into the ones that read Prometheus and
 * the ones skipped, each with its reason.
 */
export function prometheusSlos(index: ContentIndex, only?: string): { slos: PrometheusSlo[]; skipped: SkippedSlo[] } {
  const slis = new Map(index.collections.slis.map((s) => [s.id, s]));
  const dataSources = new Map(index.collections.dataSources.map((d) => [d.id, d]));
  const slos: PrometheusSlo[] = [];
  const skipped: SkippedSlo[] = [];
  for (const entry of index.collections.slos) {
    if (only !== undefined && entry.id !== only) continue;
    const skip = (reason: string) => skipped.push({ name: entry.id, file: entry.file, reason });
    const spec = entry.data.spec;
    // The SLI's spec, the entry it is written in and the path to it there.
    let sliSpec: CollectionData['slis']['spec'];
    let holder: Entry<unknown>;
    let base: PropertyKey[];
    if (spec.indicator !== undefined) {
      sliSpec = spec.indicator.spec;
      holder = entry;
      base = ['spec', 'indicator', 'spec'];
    } else if (spec.indicatorRef !== undefined && slis.has(spec.indicatorRef)) {
      const sli = slis.get(spec.indicatorRef)!;
      sliSpec = sli.data.spec;
      holder = sli;
      base = ['spec'];
    } else {
      skip('a composite SLO (one indicator per objective): keel pull and keel rules read SLOs with one indicator');
      continue;
    }
    const place = (path: PropertyKey[]): Place => ({ file: holder.file, ...holder.locate([...base, ...path]) });
    const sources: [PropertyKey[], MetricSource][] = [];
    const ratio = sliSpec.ratioMetric;
    if (ratio !== undefined) {
      for (const key of ['good', 'bad', 'total', 'raw'] as const) {
        const source = ratio[key];
        if (source !== undefined) sources.push([['ratioMetric', key], source]);
      }
    } else if (sliSpec.thresholdMetric !== undefined) {
      sources.push([['thresholdMetric'], sliSpec.thresholdMetric]);
    }
    const typeOf = ({ metricSource }: MetricSource) =>
      metricSource.type ?? (metricSource.metricSourceRef === undefined ? undefined : dataSources.get(metricSource.metricSourceRef)?.data.spec.type);
    const foreign = sources.find(([, source]) => !isPrometheus(typeOf(source)));
    if (foreign !== undefined || sources.length === 0) {
      const type = foreign ? typeOf(foreign[1]) : undefined;
      skip(`its SLI reads ${type === undefined ? 'no data source Keel knows' : `a ${type} data source`}, not Prometheus`);
      continue;
    }
    const queries = new Map<string, PromQuery>();
    let problem: string | undefined;
    for (const [path, { metricSource }] of sources) {
      const key = ['query', 'promql'].find((k) => typeof metricSource.spec[k] === 'string');
      if (key === undefined) {
        problem = `${String(path.at(-1))} has no metricSource.spec.query (the PromQL)`;
        break;
      }
      queries.set(String(path.at(-1)), { promql: metricSource.spec[key] as string, at: place([...path, 'metricSource', 'spec', key]) });
    }
    if (problem !== undefined) {
      skip(problem);
      continue;
    }
    const refs = sources.map(([, s]) => s.metricSource.metricSourceRef).filter((r) => r !== undefined);
    const details = refs.length ? dataSources.get(refs[0]!)?.data.spec.connectionDetails : undefined;
    const url =
      typeof details === 'object' && details !== null && typeof (details as { url?: unknown }).url === 'string' ? (details as { url: string }).url : undefined;
    let sli: PrometheusSli;
    if (ratio !== undefined) {
      if (queries.has('raw')) {
        skip('its SLI is a raw ratio: Keel needs good (or bad) and total event counts');
        continue;
      }
      const all = [...queries.values()];
      const windowed = all.filter((q) => q.promql.includes(WINDOW_PLACEHOLDER)).length;
      if (windowed !== 0 && windowed !== all.length) {
        skip(`either every query of its SLI holds ${WINDOW_PLACEHOLDER} or none does`);
        continue;
      }
      if (windowed === 0 && ratio.counter === false) {
        skip(`counter: false, and its queries hold no ${WINDOW_PLACEHOLDER}: Keel reads counters, or queries of the events in ${WINDOW_PLACEHOLDER}`);
        continue;
      }
      const numerator = queries.has('good') ? { good: queries.get('good')! } : { bad: queries.get('bad')! };
      sli = { type: 'ratio', windowed: windowed > 0, ...numerator, total: queries.get('total')! };
    } else {
      sli = { type: 'threshold', query: queries.get('thresholdMetric')! };
    }
    slos.push({ name: entry.id, entry, sli, dataSourceUrl: url });
  }
  return { slos, skipped };
}
