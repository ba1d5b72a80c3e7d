/**
 * A rule that throws cannot take the run down: the validator runs every rule through `guard`,
 * which turns a throw into one `internal/rule-failed` finding naming the rule, the file it was
 * checking and the message (the stack only under KEEL_DEBUG=1), so every other rule's findings
 * are still printed, as ESLint does ("Occurred while linting <file>"). Content decides which code
 * paths a rule takes, so a bug in a rule shows up as a finding on the file that reached it.
 */
import type { Place, Sink } from '../core/diagnostic.ts';
import { debug } from '../core/env.ts';
import { diagnose, defineRule } from '../core/rule.ts';
import type { ContentIndex } from '../content/entry.ts';

export const RULE_FAILED = defineRule({
  id: 'internal/rule-failed',
  severity: 'error',
  summary: 'A rule of Keel threw while it checked a file: a bug in Keel that this file reaches; the other rules still ran.',
  configurable: false,
  messages: {
    failed: {
      text: 'rule {ruleId} failed on this file: {error}',
      hint: 'a bug in Keel, not necessarily in this file: please report it with the file; KEEL_DEBUG=1 shows the stack',
    },
    debug: { text: 'rule {ruleId} failed on this file: {error}', hint: '{text}' },
  },
});

function describe(cause: unknown): { message: string; stack: string | undefined } {
  if (cause instanceof Error) return { message: cause.message.split('\n')[0] || cause.name, stack: cause.stack };
  return { message: String(cause), stack: undefined };
}

/** The finding that stands for a rule's throw at `place`. */
export function ruleFailed(ruleId: string, place: Place, cause: unknown): ReturnType<typeof diagnose> {
  const { message, stack } = describe(cause);
  const data = { ruleId, error: message };
  return debug() && stack
    ? diagnose(RULE_FAILED, place, { message: 'debug', data: { ...data, text: stack } })
    : diagnose(RULE_FAILED, place, { message: 'failed', data });
}

/** Runs a check over one file; a throw becomes an internal/rule-failed finding at `place`. */
export function guard(ruleId: string, place: Place, sink: Sink, check: () => void): void {
  try {
    check();
  } catch (cause) {
    sink(ruleFailed(ruleId, place, cause));
  }
}

/**
 * Runs an index rule; on a throw, runs it once more over an index that records the last entry
 * the rule read (rules are deterministic), to name the file it was checking. Only a failing rule
 * pays for the recording; its findings of the second run are dropped (the first run's stand).
 */
export function guardIndexRule(ruleId: string, index: ContentIndex, sink: Sink, check: (index: ContentIndex, sink: Sink) => void): void {
  try {
    check(index, sink);
  } catch (cause) {
    const traced = tracingIndex(index);
    let place: Place = { file: traced.fallback, line: 1, column: 1 };
    try {
      check(traced.index, () => undefined);
    } catch {
      if (traced.last) place = { file: traced.last, line: 1, column: 1 };
    }
    sink(ruleFailed(ruleId, place, cause));
  }
}

/** An index whose collections note the file of every entry read from them. */
function tracingIndex(index: ContentIndex): { index: ContentIndex; last: string | undefined; fallback: string } {
  const state: { last: string | undefined } = { last: undefined };
  const note = <T extends object>(list: readonly T[]): readonly T[] =>
    new Proxy(list, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof key === 'string' && /^\d+$/.test(key) && value && typeof value === 'object' && 'file' in value && typeof value.file === 'string') {
          state.last = value.file;
        }
        return value;
      },
    });
  const collections = Object.fromEntries(
    Object.entries(index.collections).map(([name, list]) => [name, note(list as object[])]),
  ) as ContentIndex['collections'];
  const traced: ContentIndex = { ...index, collections, measurements: note(index.measurements) as ContentIndex['measurements'] };
  return {
    index: traced,
    get last() {
      return state.last;
    },
    fallback: index.settings?.file ?? 'keel.yaml',
  };
}
