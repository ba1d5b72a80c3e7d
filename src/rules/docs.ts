/** docs/rules.md, generated from the rule registry (`npm run rules-doc`; a test fails when it is stale). */
import type { RuleMeta } from '../core/rule.ts';

/** A rule and the file that declares it. */
export interface DocumentedRule {
  meta: RuleMeta;
  source: string;
}

export function rulesDocument(documented: readonly DocumentedRule[]): string {
  const rules = documented.map((d) => d.meta);
  const sources = new Map(documented.map((d) => [d.meta.id, d.source]));
  const lines = [
    '# Rules',
    '',
    '<!-- Generated from the rule registry (src/rules/index.ts) by `npm run rules-doc`; do not edit. -->',
    '',
    'Every finding of `keel validate` names one of these rules. Configurable rules take a severity in',
    '`keel.yaml` (`rules: { "incident/update-cadence": error }`, or `off`); the others report files that',
    'could not be read as entries, and cannot be turned off.',
    '',
    '| rule | severity | configurable | what it finds |',
    '| --- | --- | --- | --- |',
    ...rules.map((r) => `| [\`${r.id}\`](#${r.id}) | ${r.severity} | ${r.configurable ? 'yes' : 'no'} | ${r.summary} |`),
  ];
  for (const rule of rules) {
    lines.push(
      '',
      `## <a id="${rule.id}"></a>\`${rule.id}\``,
      '',
      rule.summary,
      '',
      `Default severity: ${rule.severity}. Configurable: ${rule.configurable ? 'yes' : 'no'}. Source: \`${sources.get(rule.id)}\`.`,
      '',
      'Messages:',
      '',
    );
    for (const spec of Object.values(rule.messages)) {
      lines.push(`- ${spec.field ? '*field* ' : ''}${'`'}${spec.text}${'`'}${spec.hint ? ` — hint: ${'`'}${spec.hint}${'`'}` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
