/**
 * keel.yaml `rules:` (rule ids, or a family as `lint/*`) applied before the checks run, not after: a rule turned off is not run at
 * all, and a finding of a configured rule takes its severity (or is dropped) as it is reported,
 * before the per-file findings limit counts it. So an `off` rule costs nothing and can never push
 * another rule's findings out of a file's list.
 */
import type { Sink } from '../core/diagnostic.ts';
import type { RuleMeta } from '../core/rule.ts';
import { createLinter, LINTER, type Linter } from '../lint/lint.ts';
import { LINT } from '../lint/rules.ts';
import type { Settings } from '../schemas/settings.ts';
import { ALL_RULES } from './index.ts';

export interface RuleConfiguration {
  /** Whether keel.yaml turns this rule off (only a configurable rule can be). */
  isOff(meta: RuleMeta): boolean;
  /** A sink that gives each finding its configured severity and drops those of rules turned off. */
  sink(sink: Sink): Sink;
  /** The blameless-language lint with the lint rules that are on; undefined when every one is off. */
  readonly linter: Linter | undefined;
}

let configurableMemo: ReadonlySet<string> | undefined;
const configurable = () => (configurableMemo ??= new Set(ALL_RULES.filter((r) => r.configurable).map((r) => r.id)));

/** As Keel ships: nothing configured. */
const DEFAULTS: RuleConfiguration = { isOff: () => false, sink: (sink) => sink, linter: LINTER };

const memo = new WeakMap<Settings, RuleConfiguration>();

/** The rule configuration of keel.yaml's settings (undefined when it is missing or invalid: the defaults). */
export function ruleConfiguration(settings: Settings | undefined): RuleConfiguration {
  const rules = settings?.rules;
  if (!settings || !rules || Object.keys(rules).length === 0) return DEFAULTS;
  const known = memo.get(settings);
  if (known) return known;
  // A rule's own entry wins over its family's ("lint/*: off", then "lint/root-cause: warning").
  const settingOf = (id: string) => {
    if (!configurable().has(id)) return undefined;
    if (Object.hasOwn(rules, id)) return rules[id];
    const family = `${id.slice(0, id.indexOf('/'))}/*`;
    return Object.hasOwn(rules, family) ? rules[family] : undefined;
  };
  const isOff = (meta: RuleMeta) => settingOf(meta.id) === 'off';
  const lintRules = LINT.rules.filter((rule) => !isOff(rule.meta));
  const configuration: RuleConfiguration = {
    isOff,
    sink: (sink) => (d, count) => {
      const setting = settingOf(d.rule);
      if (setting === 'off') return;
      sink(setting === undefined || setting === d.severity ? d : { ...d, severity: setting }, count);
    },
    linter: lintRules.length === LINT.rules.length ? LINTER : lintRules.length === 0 ? undefined : createLinter({ ...LINT, rules: lintRules }),
  };
  memo.set(settings, configuration);
  return configuration;
}
