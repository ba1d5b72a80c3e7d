import { defineRule } from '../../core/rule.ts';
import { didYouMean } from '../../core/suggest.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'settings/rule-config',
    severity: 'error',
    summary: 'keel.yaml `rules:` names a rule or a family (`lint/*`) that does not exist, or a rule that cannot be configured.',
    configurable: false,
    messages: {
      unknown: { text: 'unknown rule "{id}"', hint: 'docs/rules.md lists every rule id' },
      unknownFamily: { text: 'unknown rule family "{id}"', hint: 'a family is the part of rule ids before the slash, e.g. "lint/*"; docs/rules.md lists them' },
      fixed: {
        text: 'rule "{id}" cannot be configured',
        hint: 'its findings mean a file could not be read as an entry; turning it off would drop the file silently',
      },
    },
  }),
  check({ index, rules, report }) {
    const settings = index.settings;
    if (!settings) return;
    const configurable = new Set(rules.filter((r) => r.configurable).map((r) => r.id));
    const fixed = new Set(rules.filter((r) => !r.configurable).map((r) => r.id));
    const families = new Set([...configurable].map((id) => `${id.slice(0, id.indexOf('/'))}/*`));
    for (const id of Object.keys(settings.data.rules)) {
      const place = placeOf(settings, ['rules', id], 'key');
      if (id.endsWith('/*')) {
        if (families.has(id)) continue;
        const near = didYouMean(id, families);
        report(place, { message: 'unknownFamily', data: { id }, ...(near ? { hint: `did you mean "${near}"?` } : {}) });
      } else if (fixed.has(id)) report(place, { message: 'fixed', data: { id } });
      else if (!configurable.has(id)) {
        const near = didYouMean(id, configurable);
        report(place, { message: 'unknown', data: { id }, ...(near ? { hint: `did you mean "${near}"?` } : {}) });
      }
    }
  },
});
