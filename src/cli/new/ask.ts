/**
 * Asking for one field of `keel new` in a terminal, with @inquirer/prompts: text with a
 * default, a single choice, or several. Tests give the command a scripted Ask instead.
 */
import { UsageError } from '../../core/usage-error.ts';
import type { Field, Value } from './templates.ts';

/**
 * Asks for `field` and returns the answer; `parse` turns typed text into the value (or throws
 * a UsageError whose message is shown as the reason to type again).
 */
export type Ask = (field: Field, choices: readonly string[], initial: Value | undefined, parse: (text: string) => string) => Promise<Value | undefined>;

const cancelled = (cause: unknown): never => {
  if (cause instanceof Error && cause.name === 'ExitPromptError') throw new UsageError('cancelled; nothing written');
  throw cause;
};

export const inquirerAsk: Ask = async (field, choices, initial, parse) => {
  // Loaded at the first question: no other command pays for the prompt library.
  const { checkbox, input, select } = await import('@inquirer/prompts');
  const message = field.label;
  try {
    if (field.type === 'multi') {
      const checked = new Set(Array.isArray(initial) ? initial : []);
      return await checkbox({ message, choices: choices.map((value) => ({ value, checked: checked.has(value) })), required: field.required ?? false });
    }
    if (field.type === 'select' && choices.length > 0) {
      return await select({ message, choices: choices.map((value) => ({ value })), ...(typeof initial === 'string' ? { default: initial } : {}) });
    }
    const answer = await input({
      message,
      ...(typeof initial === 'string' ? { default: initial } : {}),
      required: field.required ?? false,
      validate: (text) => {
        if (text === '') return true;
        try {
          parse(text);
          return true;
        } catch (cause) {
          return cause instanceof UsageError ? cause.message : String(cause);
        }
      },
    });
    return answer === '' ? undefined : parse(answer);
  } catch (cause) {
    return cancelled(cause);
  }
};
