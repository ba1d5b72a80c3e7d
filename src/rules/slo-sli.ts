/** The SLI spec an SLO objective is measured by, inline or by reference. */
import type { ContentIndex } from '../content/entry.ts';
import type { SLISpec } from '../schemas/openslo.ts';

export function sliSpecOf(index: ContentIndex, slo: ContentIndex['collections']['slos'][number], objective = 0): SLISpec | undefined {
  const o = slo.data.spec.objectives[objective];
  const inline = o?.indicator ?? slo.data.spec.indicator;
  if (inline) return inline.spec;
  const ref = o?.indicatorRef ?? slo.data.spec.indicatorRef;
  return index.collections.slis.find((s) => s.id === ref)?.data.spec;
}
