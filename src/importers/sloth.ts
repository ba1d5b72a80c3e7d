/**
 * Sloth (https://github.com/slok/sloth) → OpenSLO v1: the `prometheus/v1` spec and the
 * `sloth.slok.dev/v1` PrometheusServiceLevel resource, which wraps the same spec in `spec`.
 * - `service` → a catalog entry and an OpenSLO Service; `labels` → labels (an `owner` label
 *   becomes the owner, a `tier` label the tier).
 * - each of `slos[]` → an SLI and an SLO named `<service>-<name>` (Sloth's id), `objective`
 *   (percent) → target, Sloth's default 30-day window.
 * - `sli.events` → a ratio of bad (`error_query`) over total events; their `rate(` becomes
 *   `increase(` so that `keel pull` reads counts (the ratio is the same); `sli.raw` → a raw
 *   failure ratio (keel pull and keel rules need events and skip it).
 * - `sli.plugin` and `alerting` (names, labels, annotations, page and ticket alerts) cannot be
 *   carried over: reported at their line. `keel rules` writes the alerts.
 */
import type { ImportResult } from './statuspage.ts';
import { idOf, isRecord, percentToRatio, sloFiles, type ImportedSlo, type SourceDocument } from './slo-documents.ts';

/** Sloth's default SLO period (its --default-slo-period). */
const SLOTH_WINDOW = '30d';

export function isSlothDocument(data: unknown): boolean {
  return isRecord(data) && (data.version === 'prometheus/v1' || (data.apiVersion === 'sloth.slok.dev/v1' && data.kind === 'PrometheusServiceLevel'));
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

function stringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (str(v) === undefined ? [] : [[k, str(v)!]])));
}

export function importSloth(documents: readonly SourceDocument[]): ImportResult {
  const result: ImportResult = { files: [], report: [] };
  for (const doc of documents) {
    const crd = isRecord(doc.data) && doc.data.apiVersion === 'sloth.slok.dev/v1';
    const base: (string | number)[] = crd ? ['spec'] : [];
    const spec = crd ? doc.data.spec : doc.data;
    const warn = (path: (string | number)[], message: string) => result.report.push(`${doc.at([...base, ...path])} warning: ${message}`);
    if (!isRecord(spec) || typeof spec.service !== 'string') {
      warn([], `not a Sloth spec: it has no service (${crd ? 'spec.service' : 'service'})`);
      continue;
    }
    const serviceName = spec.service;
    const labels = stringRecord(spec.labels);
    const serviceId = idOf(spec.service, 'service', (m) => warn(['service'], m));
    const tier = Number(labels.tier);
    const slos: ImportedSlo[] = [];
    const list = Array.isArray(spec.slos) ? spec.slos : [];
    list.forEach((raw: unknown, i) => {
      const at = (...path: (string | number)[]) => ['slos', i, ...path];
      if (!isRecord(raw) || typeof raw.name !== 'string') {
        warn(at(), 'an SLO without a name: not imported');
        return;
      }
      const objective = Number(raw.objective);
      if (!(objective > 0 && objective < 100)) {
        warn(at('objective'), `objective must be a percentage between 0 and 100 (got ${String(raw.objective)}): SLO ${raw.name} not imported`);
        return;
      }
      const sli = isRecord(raw.sli) ? raw.sli : {};
      let ratio: ImportedSlo['ratio'];
      if (isRecord(sli.events) && typeof sli.events.error_query === 'string' && typeof sli.events.total_query === 'string') {
        const events = (query: string) => query.replace(/\brate\s*\(/g, 'increase(');
        ratio = { counter: false, bad: events(sli.events.error_query), total: events(sli.events.total_query) };
        if (/\brate\s*\(/.test(sli.events.error_query + sli.events.total_query)) {
          result.report.push(
            `${doc.at([...base, ...at('sli', 'events')])} rate( became increase( in the queries of ${raw.name}, so that keel pull reads event counts; the ratio is unchanged`,
          );
        }
      } else if (isRecord(sli.raw) && typeof sli.raw.error_ratio_query === 'string') {
        ratio = { raw: sli.raw.error_ratio_query };
        warn(at('sli', 'raw'), `${raw.name} has a raw error ratio: it validates, but keel pull and keel rules need event counts (sli.events)`);
      } else {
        warn(
          at('sli', isRecord(sli.plugin) ? 'plugin' : ''),
          `${raw.name}: an SLI plugin (or no SLI) cannot be carried over: write its queries as sli.events; SLO not imported`,
        );
        return;
      }
      if (raw.alerting !== undefined) {
        warn(
          at('alerting'),
          `alerting of ${raw.name} (alert names, labels, annotations, page and ticket alerts) is not carried over: keel rules writes the alerts; route them in Alertmanager`,
        );
      }
      const known = new Set(['name', 'objective', 'description', 'labels', 'sli', 'alerting']);
      for (const key of Object.keys(raw)) if (!known.has(key)) warn(at(key), `${key} of ${raw.name} is not carried over`);
      slos.push({
        name: idOf(`${serviceName}-${raw.name}`, 'SLO', (m) => warn(at('name'), m)),
        displayName: raw.name,
        description: str(raw.description),
        labels: { ...labels, ...stringRecord(raw.labels) },
        target: percentToRatio(objective),
        window: SLOTH_WINDOW,
        ratio,
      });
    });
    if (slos.length === 0) continue;
    result.files.push(
      ...sloFiles(
        { id: serviceId, name: spec.service, owner: labels.owner ?? labels.team ?? 'unknown', tier: tier === 1 || tier === 2 || tier === 3 ? tier : 2, labels },
        slos,
        `Sloth (${doc.file})`,
        (m) => warn(['labels'], m),
      ),
    );
    if (labels.owner === undefined && labels.team === undefined)
      warn(['labels'], `service ${spec.service} has no owner label: its catalog entry says owner: unknown`);
  }
  return result;
}
