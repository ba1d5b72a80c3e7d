/**
 * The components an MDX body uses, judged from its syntax tree (src/content/mdx-components.ts:
 * the tree the MDX check parsed, never compiled or run): a component Keel does not have, a prop
 * that is not a literal string, a missing or unknown prop, `<SloChart slo>` naming no SLO or
 * `objective` none of its objectives, a `from`/`to` that is not a time with an offset. Each at its line and column.
 */
import { defineRule } from '../../core/rule.ts';
import { didYouMean } from '../../core/suggest.ts';
import { isTimestamp } from '../../core/time.ts';
import type { DocumentEntry } from '../../content/entry.ts';
import { MDX_COMPONENTS, objectiveNames } from '../../core/mdx-components.ts';
import { isComposite } from '../../domain/slo/evaluate.ts';
import { COLLECTION_NAMES } from '../../kinds/index.ts';
import { defineIndexRule } from '../rule.ts';

const names = Object.keys(MDX_COMPONENTS);

export default defineIndexRule({
  meta: defineRule({
    id: 'mdx/component',
    severity: 'error',
    summary:
      'An MDX component Keel does not have, a prop that is not a literal string, or <SloChart> naming no SLO or objective (judged without running the MDX).',
    configurable: false,
    messages: {
      unknown: { text: 'unknown component <{name}>', hint: 'MDX bodies of {kind} may use {known}' },
      nowhere: { text: 'component <{name}> is for incident retrospectives, not {kind}', hint: 'remove it, or describe the figure in words' },
      notLiteral: {
        text: '<{name}> prop {prop} must be a literal string (it is {written})',
        hint: 'write {prop}="…": Keel reads props without running the MDX, so expressions and bare names are not read',
      },
      unknownProp: { text: '<{name}> has no prop {prop}', hint: '<{name}> takes {props}' },
      missingProp: { text: '<{name}> needs the prop {prop}', hint: 'e.g. <{name} {prop}="…" />' },
      unknownSlo: { text: '<SloChart> names SLO "{slo}", which does not exist', hint: 'SLOs are the metadata.name of the SLO documents in slos/' },
      unknownObjective: {
        text: '<SloChart> names objective "{objective}", which SLO "{slo}" does not have',
        hint: 'its objectives: {objectives} (a displayName, else "objective <i>" from 0); without objective the chart shows each',
      },
      time: {
        text: '<SloChart> {prop} must be a time with an offset (got "{value}")',
        hint: 'e.g. {prop}="2026-11-10T14:00:00+02:00"; without it the chart shows as long before and after the incident as it lasted',
      },
    },
  }),
  check({ index, report }) {
    const slos = new Map(index.collections.slos.map((s) => [s.id, objectiveNames(s.data.spec.objectives, isComposite(s.data))]));
    for (const collection of COLLECTION_NAMES) {
      for (const entry of index.collections[collection] as Partial<DocumentEntry<unknown>>[] as DocumentEntry<unknown>[]) {
        for (const use of entry.components ?? []) {
          const at = (p: { line: number; column: number }) => ({ file: entry.file, line: p.line + entry.bodyLine - 1, column: p.column });
          const spec = MDX_COMPONENTS[use.name];
          if (!spec) {
            const known = names.filter((n) => MDX_COMPONENTS[n]!.collections.includes(collection));
            const near = didYouMean(use.name, names);
            report(at(use), {
              message: 'unknown',
              data: { name: use.name, kind: collection, known: known.length === 0 ? 'no components' : known.map((n) => `<${n}>`).join(', ') },
              ...(near === undefined ? {} : { hint: `did you mean <${near}>?` }),
            });
            continue;
          }
          if (!spec.collections.includes(collection)) {
            report(at(use), { message: 'nowhere', data: { name: use.name, kind: collection } });
            continue;
          }
          for (const prop of use.props) {
            if (!spec.props.includes(prop.name)) {
              const near = didYouMean(prop.name, spec.props);
              report(at(prop), {
                message: 'unknownProp',
                data: { name: use.name, prop: prop.name, props: spec.props.length === 0 ? 'no props' : spec.props.join(', ') },
                ...(near === undefined ? {} : { hint: `did you mean ${near}?` }),
              });
            } else if (prop.value === undefined) {
              const written = { expression: 'an expression', flag: 'a bare name', spread: 'a spread', string: 'a string' }[prop.written];
              report(at(prop), { message: 'notLiteral', data: { name: use.name, prop: prop.name, written } });
            }
          }
          for (const required of spec.required) {
            if (!use.props.some((p) => p.name === required)) report(at(use), { message: 'missingProp', data: { name: use.name, prop: required } });
          }
          if (use.name !== 'SloChart') continue;
          const slo = use.props.find((p) => p.name === 'slo')?.value;
          for (const prop of use.props) {
            if (prop.value === undefined) continue;
            if (prop.name === 'slo' && !slos.has(prop.value) && !index.rejected?.slos?.has(prop.value)) {
              const near = didYouMean(prop.value, slos.keys());
              report(at(prop), { message: 'unknownSlo', data: { slo: prop.value }, ...(near === undefined ? {} : { hint: `did you mean "${near}"?` }) });
            }
            const objectives = slo === undefined ? undefined : slos.get(slo);
            if (prop.name === 'objective' && objectives !== undefined && !objectives.includes(prop.value)) {
              const near = didYouMean(prop.value, objectives);
              const data = { objective: prop.value, slo: slo!, objectives: objectives.map((o) => `"${o}"`).join(', ') };
              report(at(prop), { message: 'unknownObjective', data, ...(near === undefined ? {} : { hint: `did you mean "${near}"?` }) });
            }
            if ((prop.name === 'from' || prop.name === 'to') && !isTimestamp(prop.value))
              report(at(prop), { message: 'time', data: { prop: prop.name, value: prop.value } });
          }
        }
      }
    }
  },
});
