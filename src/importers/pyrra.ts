/**
 * Pyrra (https://github.com/pyrra-dev/pyrra) → OpenSLO v1: `pyrra.dev/v1alpha1`
 * ServiceLevelObjective resources.
 * - `metadata.name` → the SLO's name; labels carried (a `pyrra.dev/team` label becomes the owner);
 *   the service is the `pyrra.dev/service` label, else the namespace, else the SLO's name.
 * - `spec.target` (a percentage, as a string) → target; `spec.window` → the rolling window.
 * - `indicator.ratio` (errors and total counters) → bad over total events;
 *   `indicator.latency` (the bucket counter with `le`, and the count) → good over total;
 *   `indicator.bool_gauge` (1 good, 0 bad) → good = the sum of its samples, total = their count,
 *   per `{{.window}}`.
 * - `grouping`, `alerting` and `indicator.latencyNative` (native histograms) cannot be carried
 *   over: reported at their line.
 */
import { idOf, isRecord, openSloDuration, percentToRatio, sloFiles, type ImportedService, type ImportedSlo, type SourceDocument } from './slo-documents.ts';
import type { ImportResult } from './statuspage.ts';

export function isPyrraDocument(data: unknown): boolean {
  return isRecord(data) && data.apiVersion === 'pyrra.dev/v1alpha1' && data.kind === 'ServiceLevelObjective';
}

const metricOf = (query: unknown): string | undefined => (isRecord(query) && typeof query.metric === 'string' ? query.metric : undefined);

export function importPyrra(documents: readonly SourceDocument[]): ImportResult {
  const result: ImportResult = { files: [], report: [] };
  // SLOs by service, in the order read: one catalog entry and one slos/ file per service.
  const services = new Map<string, { service: ImportedService; slos: ImportedSlo[]; doc: SourceDocument }>();
  for (const doc of documents) {
    const data = doc.data as Record<string, unknown>;
    const warn = (path: (string | number)[], message: string) => result.report.push(`${doc.at(path)} warning: ${message}`);
    const metadata = isRecord(data.metadata) ? data.metadata : {};
    const spec = isRecord(data.spec) ? data.spec : {};
    if (typeof metadata.name !== 'string') {
      warn(['metadata'], 'a ServiceLevelObjective without metadata.name: not imported');
      continue;
    }
    const name = metadata.name;
    const labels = Object.fromEntries(Object.entries(isRecord(metadata.labels) ? metadata.labels : {}).map(([k, v]) => [k, String(v)]));
    const target = Number(spec.target);
    if (!(target > 0 && target < 100)) {
      warn(['spec', 'target'], `target must be a percentage between 0 and 100 (got ${String(spec.target)}): ${name} not imported`);
      continue;
    }
    const window = typeof spec.window === 'string' ? openSloDuration(spec.window) : undefined;
    if (window === undefined) {
      warn(['spec', 'window'], `window ${String(spec.window)} is not a whole number of minutes: ${name} not imported`);
      continue;
    }
    const indicator = isRecord(spec.indicator) ? spec.indicator : {};
    let ratio: ImportedSlo['ratio'] | undefined;
    let kind = '';
    for (const [key, value] of Object.entries(indicator)) {
      if (!isRecord(value)) continue;
      kind = key;
      if (key === 'ratio' && metricOf(value.errors) && metricOf(value.total)) {
        ratio = { counter: true, bad: `sum(${metricOf(value.errors)!})`, total: `sum(${metricOf(value.total)!})` };
      } else if (key === 'latency' && metricOf(value.success) && metricOf(value.total)) {
        ratio = { counter: true, good: `sum(${metricOf(value.success)!})`, total: `sum(${metricOf(value.total)!})` };
      } else if (key === 'bool_gauge' && typeof value.metric === 'string') {
        ratio = { counter: false, good: `sum(sum_over_time(${value.metric}[{{.window}}]))`, total: `sum(count_over_time(${value.metric}[{{.window}}]))` };
      }
      if (Array.isArray(value.grouping) && value.grouping.length > 0) {
        warn(
          ['spec', 'indicator', key, 'grouping'],
          `grouping of ${name} (one SLO per ${value.grouping.join(', ')}) is not carried over: the imported SLO sums over every group`,
        );
      }
    }
    if (ratio === undefined) {
      const why =
        kind === 'latencyNative' ? 'a native-histogram latency indicator cannot be written as event counters' : `no ratio, latency or bool_gauge indicator`;
      warn(['spec', 'indicator', ...(kind ? [kind] : [])], `${name}: ${why}; not imported`);
      continue;
    }
    if (spec.alerting !== undefined) {
      warn(['spec', 'alerting'], `alerting of ${name} (alert names, absent alerts) is not carried over: keel rules writes the burn-rate alerts`);
    }
    const serviceName = labels['pyrra.dev/service'] ?? (typeof metadata.namespace === 'string' ? metadata.namespace : name);
    const serviceId = idOf(serviceName, 'service', (m) => warn(['metadata'], m));
    let entry = services.get(serviceId);
    if (entry === undefined) {
      const owner = labels['pyrra.dev/team'];
      if (owner === undefined) warn(['metadata'], `${name} has no pyrra.dev/team label: the catalog entry of ${serviceId} says owner: unknown`);
      entry = { service: { id: serviceId, name: serviceName, owner: owner ?? 'unknown', tier: 2, labels: {} }, slos: [], doc };
      services.set(serviceId, entry);
    }
    entry.slos.push({
      name: idOf(name, 'SLO', (m) => warn(['metadata', 'name'], m)),
      description: typeof spec.description === 'string' && spec.description !== '' ? spec.description : undefined,
      labels,
      target: percentToRatio(target),
      window,
      ratio,
    });
  }
  for (const { service, slos, doc } of services.values()) {
    result.files.push(...sloFiles(service, slos, `Pyrra (${doc.file})`, (m) => result.report.push(`${doc.at(['metadata', 'labels'])} warning: ${m}`)));
  }
  return result;
}
