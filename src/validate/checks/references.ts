/**
 * Ids are unique per kind, and every reference between files resolves. The table below is
 * the whole reference graph of the content model.
 */
import type { ContentIndex, Entry } from '../../content/entry.ts';
import type { CollectionName } from '../../content/kinds.ts';
import type { DataPath } from '../../content/yaml.ts';
import type { Diagnostic } from '../diagnostic.ts';
import { didYouMean } from '../suggest.ts';

/** A reference target: a collection's ids, or the status-page components services declare. */
type Target = CollectionName | 'components';

interface Reference {
  /** Dotted path; `[]` walks every item of a list. */
  path: string;
  target: Target;
}

export const REFERENCES: Partial<Record<CollectionName, Reference[]>> = {
  services: [{ path: 'dependsOn[]', target: 'services' }],
  incidents: [
    { path: 'services[]', target: 'services' },
    { path: 'slos[]', target: 'slos' },
    { path: 'runbooks[]', target: 'runbooks' },
    { path: 'impact[].component', target: 'components' },
  ],
  maintenance: [{ path: 'components[]', target: 'components' }],
  runbooks: [{ path: 'services[]', target: 'services' }],
  concerns: [
    { path: 'services[]', target: 'services' },
    { path: 'slos[]', target: 'slos' },
  ],
  experiments: [
    { path: 'services[]', target: 'services' },
    { path: 'steadyState.slo', target: 'slos' },
  ],
  slos: [
    { path: 'spec.service', target: 'services' },
    { path: 'spec.indicatorRef', target: 'slis' },
    { path: 'spec.objectives[].indicatorRef', target: 'slis' },
    { path: 'spec.alertPolicies[].alertPolicyRef', target: 'alertPolicies' },
    { path: 'spec.alertPolicies[].spec.conditions[].conditionRef', target: 'alertConditions' },
    { path: 'spec.alertPolicies[].spec.notificationTargets[].targetRef', target: 'notificationTargets' },
    ...metricSourceRefs('spec.indicator.spec'),
  ],
  slis: metricSourceRefs('spec'),
  openSloServices: [{ path: 'metadata.name', target: 'services' }],
  alertPolicies: [
    { path: 'spec.conditions[].conditionRef', target: 'alertConditions' },
    { path: 'spec.notificationTargets[].targetRef', target: 'notificationTargets' },
  ],
  errorBudgetPolicies: [{ path: 'spec.slos[]', target: 'slos' }],
};

function metricSourceRefs(sliSpec: string): Reference[] {
  return ['thresholdMetric', 'ratioMetric.good', 'ratioMetric.bad', 'ratioMetric.total', 'ratioMetric.raw'].map((m) => ({
    path: `${sliSpec}.${m}.metricSource.metricSourceRef`,
    target: 'dataSources' as const,
  }));
}

const TARGET_NAMES: Record<Target, string> = {
  components: 'status-page component',
  services: 'service',
  slos: 'SLO',
  slis: 'SLI',
  runbooks: 'runbook',
  alertPolicies: 'AlertPolicy',
  alertConditions: 'AlertCondition',
  notificationTargets: 'AlertNotificationTarget',
  dataSources: 'DataSource',
  incidents: 'incident',
  maintenance: 'maintenance',
  concerns: 'concern',
  experiments: 'experiment',
  openSloServices: 'OpenSLO Service',
  errorBudgetPolicies: 'ErrorBudgetPolicy',
};

const parsedPatterns = new Map<string, { key: string; list: boolean }[]>();

/** `a[].b` → keys, each marked when it holds a list to walk (parsed once per pattern). */
function segmentsOf(pattern: string): { key: string; list: boolean }[] {
  let segments = parsedPatterns.get(pattern);
  if (!segments) {
    segments = pattern.split('.').map((s) => (s.endsWith('[]') ? { key: s.slice(0, -2), list: true } : { key: s, list: false }));
    parsedPatterns.set(pattern, segments);
  }
  return segments;
}

/** Every string found at `pattern` in `data`, with its path. */
export function valuesAt(data: unknown, pattern: string): { value: string; path: PropertyKey[] }[] {
  const out: { value: string; path: PropertyKey[] }[] = [];
  const segments = segmentsOf(pattern);
  const walk = (value: unknown, i: number, path: PropertyKey[]) => {
    if (i === segments.length) {
      if (typeof value === 'string') out.push({ value, path });
      return;
    }
    const { key, list } = segments[i]!;
    const child = (value as Record<string, unknown> | undefined)?.[key];
    if (child === undefined) return;
    if (!list) return walk(child, i + 1, [...path, key]);
    if (!Array.isArray(child)) return;
    child.forEach((item, j) => walk(item, i + 1, [...path, key, j]));
  };
  walk(data, 0, []);
  return out;
}

function at(entry: { file: string; locate: Entry<unknown>['locate'] }, path: DataPath): { file: string; line: number; column: number } {
  return { file: entry.file, ...entry.locate(path) };
}

export function checkUniqueIds(index: ContentIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, entries] of Object.entries(index.collections) as [CollectionName, Entry<unknown>[]][]) {
    const first = new Map<string, Entry<unknown>>();
    for (const entry of entries) {
      const previous = first.get(entry.id);
      if (!previous) {
        first.set(entry.id, entry);
        continue;
      }
      const idPath = (entry.data as { metadata?: unknown }).metadata ? ['metadata', 'name'] : (entry.data as { id?: unknown }).id ? ['id'] : [];
      const where = `${previous.file}:${previous.locate(idPath).line}`;
      out.push({
        ...at(entry, idPath),
        severity: 'error',
        message: `duplicate ${TARGET_NAMES[name]} id "${entry.id}" (first defined at ${where})`,
        rule: 'id/duplicate',
        hint: `ids are unique per kind; rename one of them`,
      });
    }
  }
  return out;
}

/** Every status-page component declared by a service. */
export function declaredComponents(index: ContentIndex): Set<string> {
  const components = new Set<string>();
  for (const service of index.collections.services) {
    if (service.data.statusPage) components.add(service.data.statusPage.component);
  }
  return components;
}

export function checkReferences(index: ContentIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ids = new Map<Target, Set<string>>();
  const known = (target: Target): Set<string> => {
    let set = ids.get(target);
    if (!set) {
      set = target === 'components' ? declaredComponents(index) : new Set(index.collections[target].map((e) => e.id));
      ids.set(target, set);
    }
    return set;
  };
  // Components that invalid services declare: their own problems are reported already.
  const invalidComponents = new Set((index.invalid?.services ?? []).flatMap(({ raw }) => valuesAt(raw, 'statusPage.component').map((v) => v.value)));
  for (const [name, references] of Object.entries(REFERENCES) as [CollectionName, Reference[]][]) {
    // Entries that failed their schema are checked on the data as written, so one run reports
    // a bad field and a bad reference of the same file.
    const sources = [
      ...(index.collections[name] as Entry<unknown>[]).map((entry) => ({ entry, data: entry.data })),
      ...(index.invalid?.[name] ?? []).map((entry) => ({ entry, data: entry.raw })),
    ];
    for (const { entry, data } of sources) {
      for (const reference of references) {
        for (const { value, path } of valuesAt(data, reference.path)) {
          const candidates = known(reference.target);
          if (candidates.has(value)) continue;
          // Defined but invalid: its own problems are reported, the reference is not one more.
          if (reference.target === 'components' ? invalidComponents.has(value) : index.rejected?.[reference.target]?.has(value)) continue;
          const near = didYouMean(value, candidates);
          out.push({
            ...at(entry, path),
            severity: 'error',
            message: `unknown ${TARGET_NAMES[reference.target]} "${value}"`,
            rule: 'ref/unknown',
            hint: near
              ? `did you mean "${near}"?`
              : candidates.size === 0
                ? `no ${TARGET_NAMES[reference.target]} is defined yet`
                : reference.target === 'components'
                  ? `components are declared by services (statusPage.component): ${[...candidates].sort().join(', ')}`
                  : `define it, or check the spelling against the ${TARGET_NAMES[reference.target]} ids`,
          });
        }
      }
    }
  }
  const slos = known('slos');
  for (const series of index.measurements) {
    if (slos.has(series.id) || index.rejected?.slos?.has(series.id)) continue;
    const near = didYouMean(series.id, slos);
    out.push({
      file: series.file,
      line: 1,
      column: 1,
      severity: 'error',
      message: `measurements belong to no SLO: no SLO is named "${series.id}"`,
      rule: 'measurement/orphan',
      hint: near ? `did you mean ${near}.csv?` : 'name the file after the SLO: measurements/<slo metadata.name>.csv',
    });
  }
  return out;
}
