/**
 * What the SLO importers (Sloth, Pyrra) share: reading their YAML files document by document with
 * positions (so that whatever cannot be carried over is reported at file:line:col), and writing
 * the OpenSLO v1 documents and catalog entries Keel reads. Pure: text in, files and a report out.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import { slug } from '../core/slug.ts';
import { yamlDocuments, yamlFile } from '../content/write.ts';
import type { ImportedFile } from './statuspage.ts';

/** One YAML document of a source file, with a way to find where a value is written. */
export interface SourceDocument {
  readonly file: string;
  readonly data: unknown;
  /** `file:line:col` of the value at `path` (of the document when the path is not there). */
  at(path: readonly (string | number)[]): string;
}

/** The documents of a YAML file (a Kubernetes file often holds several); YAML errors as one message each. */
export function readDocuments(text: string, file: string): { documents: SourceDocument[]; errors: string[] } {
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lines });
  const all = Array.isArray(parsed) ? parsed : [parsed];
  const errors: string[] = [];
  const documents: SourceDocument[] = [];
  for (const doc of all) {
    for (const e of doc.errors) {
      const pos = lines.linePos(e.pos[0]);
      errors.push(`${file}:${pos.line}:${pos.col} ${e.message.split('\n')[0]}`);
    }
    if (doc.errors.length > 0 || doc.contents === null) continue;
    documents.push({
      file,
      data: doc.toJS(),
      at(path) {
        for (let n = path.length; n >= 0; n--) {
          const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
          const offset = n === 0 ? doc.contents?.range[0] : node?.range?.[0];
          if (offset !== undefined) {
            const pos = lines.linePos(offset);
            return `${file}:${pos.line}:${pos.col}`;
          }
        }
        return `${file}:1:1`;
      },
    });
  }
  return { documents, errors };
}

/** A percentage (99.9) as a ratio (0.999), without binary noise. */
export const percentToRatio = (percent: number): number => Number((percent / 100).toPrecision(15));

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** OpenSLO label keys (at most 63 letters, digits, `-`, `_`, `.`): other keys are reported, not written. */
const LABEL_KEY = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;

/** One SLO as the importers hand it over: names, labels, description, target, window, and the SLI's queries. */
export interface ImportedSlo {
  readonly name: string;
  readonly displayName?: string | undefined;
  readonly description?: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  /** Target ratio in [0, 1). */
  readonly target: number;
  /** OpenSLO duration, e.g. 30d. */
  readonly window: string;
  /** good or bad, and total; `counter` false for windowed queries (`{{.window}}`). */
  readonly ratio: { readonly counter: boolean; readonly good?: string; readonly bad?: string; readonly total: string } | { readonly raw: string };
}

export interface ImportedService {
  readonly id: string;
  readonly name: string;
  readonly owner: string;
  readonly tier: 1 | 2 | 3;
  readonly labels: Readonly<Record<string, string>>;
}

export const DATA_SOURCE = 'prometheus';
const SCHEMA_COMMENT = (file: string) => `yaml-language-server: $schema=../../public/schemas/${file}`;

function labelsOf(labels: Readonly<Record<string, string>>, report: (message: string) => void): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    // A Kubernetes-style prefix (pyrra.dev/team) is not allowed in an OpenSLO label key: keep the name part.
    const name = key.includes('/') ? key.slice(key.lastIndexOf('/') + 1) : key;
    if (LABEL_KEY.test(name)) out[name] = String(value);
    else report(`label "${key}" is not a valid OpenSLO label key: not carried over`);
  }
  return Object.keys(out).length ? out : undefined;
}

const metricSource = (query: string) => ({ metricSource: { metricSourceRef: DATA_SOURCE, spec: { query } } });

/** The files for one service: its catalog entry, and the OpenSLO Service, SLIs and SLOs in slos/<service>.yaml. */
export function sloFiles(service: ImportedService, slos: readonly ImportedSlo[], source: string, report: (message: string) => void): ImportedFile[] {
  const serviceLabels = labelsOf(service.labels, report);
  const documents: Record<string, unknown>[] = [
    {
      apiVersion: 'openslo/v1',
      kind: 'Service',
      metadata: { name: service.id, displayName: service.name, ...(serviceLabels ? { labels: serviceLabels } : {}) },
    },
  ];
  for (const slo of slos) {
    const labels = labelsOf(slo.labels, report);
    const sliName = `${slo.name}-sli`;
    const ratioMetric =
      'raw' in slo.ratio
        ? { rawType: 'failure', raw: metricSource(slo.ratio.raw) }
        : {
            counter: slo.ratio.counter,
            ...(slo.ratio.good !== undefined ? { good: metricSource(slo.ratio.good) } : { bad: metricSource(slo.ratio.bad!) }),
            total: metricSource(slo.ratio.total),
          };
    documents.push({ apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name: sliName }, spec: { ratioMetric } });
    documents.push({
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: slo.name, ...(slo.displayName ? { displayName: slo.displayName } : {}), ...(labels ? { labels } : {}) },
      spec: {
        ...(slo.description ? { description: slo.description.slice(0, 1050) } : {}),
        service: service.id,
        indicatorRef: sliName,
        timeWindow: [{ duration: slo.window, isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ target: slo.target }],
      },
    });
  }
  return [
    {
      path: `services/${service.id}.yaml`,
      text: yamlFile({ name: service.name, owner: service.owner, tier: service.tier, statusPage: false }, [
        SCHEMA_COMMENT('service.schema.json'),
        `Imported from ${source}.`,
      ]),
    },
    { path: `slos/${service.id}.yaml`, text: yamlDocuments(documents, [SCHEMA_COMMENT('openslo.schema.json'), `Imported from ${source}.`]) },
  ];
}

/** The DataSource the imported SLIs name: one Prometheus, its URL set by keel.yaml or the environment. */
export function dataSourceFile(): ImportedFile {
  return {
    path: `slos/${DATA_SOURCE}.yaml`,
    text: yamlDocuments(
      [
        {
          apiVersion: 'openslo/v1',
          kind: 'DataSource',
          metadata: { name: DATA_SOURCE },
          spec: {
            description: 'The Prometheus server the imported SLOs read; keel pull takes its URL from keel.yaml (prometheus.url) or KEEL_PROMETHEUS_URL.',
            type: 'Prometheus',
          },
        },
      ],
      [SCHEMA_COMMENT('openslo.schema.json')],
    ),
  };
}

/** An id for Keel (an RFC 1123 label) from a name; reported when it had to change. */
export function idOf(name: string, what: string, report: (message: string) => void): string {
  const id = slug(name) || 'imported';
  if (id !== name) report(`${what} "${name}" becomes the id "${id}" (ids are lower-case letters, digits and hyphens)`);
  return id;
}

/** A Prometheus duration (28d, 2w, 1h30m) as an OpenSLO duration (28d, 2w, 90m); undefined when it has seconds. */
export function openSloDuration(duration: string): string | undefined {
  const units: Record<string, number> = { y: 525_600, w: 10_080, d: 1440, h: 60, m: 1 };
  const parts = [...duration.matchAll(/(\d+)(ms|[smhdwy])/g)];
  if (parts.map((p) => p[0]).join('') !== duration || parts.length === 0) return undefined;
  // One unit that OpenSLO has too stays as written (28d, not 4w).
  if (parts.length === 1 && /^[1-9]\d*[mhdw]$/.test(duration)) return duration;
  let minutes = 0;
  for (const [, amount, unit] of parts) {
    if (units[unit!] === undefined) return undefined;
    minutes += Number(amount) * units[unit!]!;
  }
  for (const [unit, size] of [
    ['w', 10_080],
    ['d', 1440],
    ['h', 60],
    ['m', 1],
  ] as const) {
    if (minutes % size === 0) return `${minutes / size}${unit}`;
  }
  return undefined;
}
