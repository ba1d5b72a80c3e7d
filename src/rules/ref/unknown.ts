import { didYouMean } from '../../core/suggest.ts';
import { defineRule } from '../../core/rule.ts';
import type { ContentIndex, Entry } from '../../content/entry.ts';
import { KINDS, targetLabel, type ReferenceTarget } from '../../kinds/index.ts';
import { defineIndexRule, placeOf } from '../rule.ts';
import { eachValueAt, valuesAt } from '../values-at.ts';

/** Every status-page component declared by a service. */
export function declaredComponents(index: ContentIndex): Set<string> {
  const components = new Set<string>();
  for (const service of index.collections.services) {
    if (service.data.statusPage) components.add(service.data.statusPage.component);
  }
  return components;
}

export default defineIndexRule({
  meta: defineRule({
    id: 'ref/unknown',
    severity: 'error',
    summary: 'A reference (service, SLO, SLI, runbook, component, …) that names nothing.',
    configurable: false,
    messages: {
      unknown: 'unknown {target} "{value}"',
    },
  }),
  check({ index, report }) {
    const ids = new Map<ReferenceTarget, Set<string>>();
    const known = (target: ReferenceTarget): Set<string> => {
      let set = ids.get(target);
      if (!set) {
        set = target === 'components' ? declaredComponents(index) : new Set(index.collections[target].map((e) => e.id));
        ids.set(target, set);
      }
      return set;
    };
    // Components that invalid services declare: their own problems are reported already.
    const invalidComponents = new Set((index.invalid?.services ?? []).flatMap(({ raw }) => valuesAt(raw, 'statusPage.component').map((v) => v.value)));
    for (const kind of KINDS) {
      const name = kind.name;
      // Entries that failed their schema are checked on the data as written, so one run reports
      // a bad field and a bad reference of the same file.
      const sources = [
        ...(index.collections[name] as Entry<unknown>[]).map((entry) => ({ entry, data: entry.data })),
        ...(index.invalid?.[name] ?? []).map((entry) => ({ entry, data: entry.raw })),
      ];
      for (const { entry, data } of sources) {
        for (const reference of kind.references) {
          const target = reference.target as ReferenceTarget;
          eachValueAt(data, reference.path, (value, path) => {
            const candidates = known(target);
            if (candidates.has(value)) return;
            // Defined but invalid: its own problems are reported, the reference is not one more.
            if (target === 'components' ? invalidComponents.has(value) : index.rejected?.[target]?.has(value)) return;
            const label = targetLabel(target);
            const near = didYouMean(value, candidates);
            // An OpenSLO Service document names the service, but Keel links SLOs to its catalog.
            const declaredAsOpenSlo = target === 'services' ? index.collections.openSloServices.find((s) => s.id === value) : undefined;
            const hint = declaredAsOpenSlo
              ? `an OpenSLO Service "${value}" is defined in ${declaredAsOpenSlo.file}, but Keel links SLOs, incidents and runbooks to its service catalog: add services/${value}.yaml (name, owner, tier, statusPage)`
              : near
                ? `did you mean "${near}"?`
                : candidates.size === 0
                  ? `no ${label} is defined yet`
                  : target === 'components'
                    ? `components are declared by services (statusPage.component): ${[...candidates].sort().join(', ')}`
                    : `define it, or check the spelling against the ${label} ids`;
            report(placeOf(entry, path()), { message: 'unknown', data: { target: label, value }, hint });
          });
        }
      }
    }
  },
});
