/**
 * The content index for a command that reads the content (keel report, rules, pull): validated
 * first, so a command never works from broken content. Errors: the validation report on stderr
 * and undefined (the command exits 1); warnings do not stop it.
 */
import { resolve } from 'node:path';
import { contentDir, now } from '../core/env.ts';
import type { ContentIndex } from '../content/entry.ts';
import { formatReport } from '../rules/report.ts';
import { validateContent } from '../rules/validate.ts';
import type { Io } from './command.ts';

export async function validIndex(given: string | undefined, io: Io): Promise<{ index: ContentIndex; now: number } | undefined> {
  const dir = contentDir(io.cwd, io.env, given);
  const clock = now(io.env);
  const result = await validateContent(resolve(dir), { cwd: io.cwd, now: clock, keepSources: false });
  if (!result.ok) {
    io.err(formatReport(result.diagnostics, result.summary, 'text'));
    return undefined;
  }
  return { index: result.index, now: clock };
}
