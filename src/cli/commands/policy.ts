/**
 * `keel policy check`: the deploy gate. Evaluates every SLO at the run's "now" (the engine of
 * `keel report slos`) and exits 1 while an error-budget policy step with a structured `freeze`
 * action holds for the service (`--service`) or for any service; 0 otherwise. It prints each
 * freeze: the SLO objective, the policy step, since when, and the step's other actions. Content
 * errors also exit 1 (the gate cannot tell, so it stays closed); usage errors exit 2.
 */
import { resolve } from 'node:path';
import { contentDir, now } from '../../core/env.ts';
import { escapeControls } from '../../core/escape.ts';
import { didYouMean } from '../../core/suggest.ts';
import { UsageError } from '../../core/usage-error.ts';
import { plural } from '../../core/words.ts';
import type { ContentIndex } from '../../content/entry.ts';
import { formatDiagnosticGithub, formatReport } from '../../rules/report.ts';
import { placeOf } from '../../rules/rule.ts';
import { validateContent } from '../../rules/validate.ts';
import { CONTENT_OPTION, type Command } from '../command.ts';

const FORMATS = ['text', 'json', 'github'] as const;
type Format = (typeof FORMATS)[number];
const ACTIONS = ['check'];

/** Where a step is written (its policy file, line and column), for GitHub annotations. */
function stepPlace(index: ContentIndex, policy: string, step: string) {
  const entry = index.collections.errorBudgetPolicies.find((p) => p.id === policy)!;
  const i = entry.data.spec.steps.findIndex((s) => s.name === step);
  return placeOf(entry, ['spec', 'steps', i]);
}

export const policy: Command = {
  name: 'policy',
  summary:
    'Gate a deploy on the error-budget policies: `check` exits 1 while a policy step with a freeze action holds for the service (or any service), printing the SLO, the step, since when and its actions; 0 otherwise.',
  arguments: ACTIONS.join('|'),
  positionals: true,
  options: {
    content: CONTENT_OPTION,
    service: { type: 'string', value: 'ID', description: 'check: only freezes that cover this service (its id in services/)' },
    format: { type: 'string', value: 'FORMAT', description: 'text (default), json, or github (workflow annotations at the policy step)' },
  },
  async run({ values, positionals }, io) {
    const [action, ...extra] = positionals;
    if (action === undefined) throw new UsageError('policy needs an action: keel policy check');
    if (!ACTIONS.includes(action)) {
      const near = didYouMean(action, ACTIONS);
      throw new UsageError(`unknown policy action "${action}"; actions: ${ACTIONS.join(', ')}${near ? `; did you mean "${near}"?` : ''}`);
    }
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const format = (values.format ?? 'text') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${String(values.format)}")`);
    const service = values.service as string | undefined;
    if (service === '') throw new UsageError('--service must name a service (got an empty value)');
    const dir = contentDir(io.cwd, io.env, values.content as string | undefined);
    const clock = now(io.env);
    const result = await validateContent(resolve(dir), { cwd: io.cwd, now: clock, keepSources: false });
    if (!result.ok) {
      io.err(formatReport(result.diagnostics, result.summary, 'text'));
      io.err('keel policy check: the content has errors, so no freeze can be ruled out');
      return 1;
    }
    const { index } = result;
    if (service !== undefined) {
      const ids = index.collections.services.map((s) => s.id);
      if (!ids.includes(service)) {
        const near = didYouMean(service, ids);
        throw new UsageError(`no service is named "${service}"${near ? `; did you mean "${near}"?` : ''}`);
      }
    }
    // The SLO engine (and Luxon with it) is loaded for this command only.
    const [{ evaluateIndex, rfc3339 }, { freezesInForce, freezeCause, freezeHeadline, freezeLines }] = await Promise.all([
      import('../report-slos.ts'),
      import('../../domain/slo/gate.ts'),
    ]);
    const freezes = freezesInForce(evaluateIndex(index, clock), service);
    const scope = service ?? 'any service';
    if (format === 'json') {
      io.out(
        JSON.stringify(
          {
            now: rfc3339(clock),
            service: service ?? null,
            frozen: freezes.length > 0,
            freezes: freezes.map((f) => ({ ...f, since: rfc3339(f.since) })),
          },
          null,
          2,
        ),
      );
    } else if (freezes.length === 0) {
      io.out(`no freeze in force for ${scope} at ${rfc3339(clock)}`);
    } else {
      const lines =
        format === 'github'
          ? freezes.map((f) => {
              const message = `${freezeHeadline(f)} (${freezeCause(f, rfc3339)})`;
              return formatDiagnosticGithub({
                ...stepPlace(index, f.policy, f.step),
                severity: 'error',
                rule: 'keel policy check',
                message,
                hint: f.actions.join('\n') || undefined,
              });
            })
          : // Policy, step and action texts come from content: each line escaped (no forged CI line).
            freezes.flatMap((f) => freezeLines(f, rfc3339)).map(escapeControls);
      io.out([...lines, `${plural(freezes.length, 'freeze')} in force for ${scope} at ${rfc3339(clock)}: do not deploy`].join('\n'));
    }
    return freezes.length > 0 ? 1 : 0;
  },
};
