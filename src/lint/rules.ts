/**
 * The blameless-language lint's rules, as data: src/lint/blameless.yaml, read once when this
 * module loads (retext-equality keeps its word lists the same way). Each entry becomes a
 * `lint/<name>` rule of the registry (src/rules/index.ts) with the one message its YAML declares.
 */
import { readFileSync } from 'node:fs';
import jsYaml from 'js-yaml';
import { z } from 'zod';
import type { Severity } from '../core/diagnostic.ts';
import { defineRule, type RuleMeta } from '../core/rule.ts';
import type { SubjectWords } from './subject.ts';

/** Where the rules live: beside this module, in src/ and in the compiled package's lib/. */
export const LINT_RULES_FILE = new URL('./blameless.yaml', import.meta.url);

const Words = z.array(z.string().min(1)).min(1);

const Common = {
  severity: z.enum(['error', 'warning']),
  summary: z.string().min(10),
  message: z.string().min(1),
  hint: z.string().min(1),
};

/** The texts a rule reads (see src/lint/blameless.yaml). */
export const LINT_SCOPES = ['retrospective', 'runbook', 'statement', 'factor', 'follow-up'] as const;
export type LintScope = (typeof LINT_SCOPES)[number];

const Scopes = z.array(z.enum(LINT_SCOPES)).min(1);

const RuleSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('phrases'),
    ...Common,
    in: Scopes,
    subject: z.enum(['any', 'not-system', 'person', 'named']),
    agent: z.boolean().optional(),
    negatable: z.boolean().optional(),
    predicative: z.boolean().optional(),
    verbAfter: Words.optional(),
    phrases: Words,
  }),
  z.strictObject({ kind: z.literal('follow-up-phrases'), ...Common, phrases: Words }),
  z.strictObject({ kind: z.literal('follow-up-verb'), ...Common, verbs: Words }),
]);

const SubjectWordsSchema = z.strictObject({ people: Words, things: Words, roles: Words, affected: Words });

const LintFileSchema = z.strictObject({
  publicStatementSeverity: z.enum(['error', 'warning']),
  subjects: SubjectWordsSchema,
  rules: z.record(z.string().regex(/^[a-z0-9-]+$/), RuleSpecSchema),
});

type RuleSpec = z.output<typeof RuleSpecSchema>;

/** One lint rule: its registry metadata and what it matches. */
export type LintRule = RuleSpec & { meta: RuleMeta<'found'> };

export interface LintRules {
  /** Severity of every finding in a customer statement (public.*). */
  publicStatementSeverity: Severity;
  /** The words that tell people from systems. */
  subjects: SubjectWords;
  rules: LintRule[];
}

/** Reads and checks a lint rules file; a mistake in it is Keel's own bug, so it throws. */
export function readLintRules(text: string, source = 'src/lint/blameless.yaml'): LintRules {
  const parsed = LintFileSchema.safeParse(jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }));
  if (!parsed.success) throw new Error(`${source}: ${z.prettifyError(parsed.error)}`);
  const rules = Object.entries(parsed.data.rules)
    .map(([name, spec]) => ({
      ...spec,
      meta: defineRule({
        id: `lint/${name}`,
        severity: spec.severity,
        summary: spec.summary,
        configurable: true,
        messages: { found: { text: spec.message, hint: spec.hint } },
      }),
    }))
    .sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
  const lower = (words: readonly string[]) => words.map((w) => w.toLowerCase());
  const { people, things, roles, affected } = parsed.data.subjects;
  const subjects = { people: lower(people), things: lower(things), roles: lower(roles), affected: lower(affected) };
  return { publicStatementSeverity: parsed.data.publicStatementSeverity, subjects, rules };
}

/** The lint rules Keel runs. */
export const LINT: LintRules = readLintRules(readFileSync(LINT_RULES_FILE, 'utf8'));

/** Every lint rule's metadata, sorted by id (for the registry). */
export const LINT_RULES: readonly RuleMeta[] = LINT.rules.map((r) => r.meta);
