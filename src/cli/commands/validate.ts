import { resolve } from 'node:path';
import { requireContentFolder } from '../../core/content-folder.ts';
import { contentDir, now } from '../../core/env.ts';
import { UsageError } from '../../core/usage-error.ts';
import { formatReport, type OutputFormat } from '../../rules/report.ts';
import { validateContent } from '../../rules/validate.ts';
import type { Command } from '../command.ts';

const FORMATS: OutputFormat[] = ['text', 'github', 'json'];

export const validate: Command = {
  name: 'validate',
  summary: 'Check every file of the content folder; report every problem.',
  options: {
    content: { type: 'string', value: 'DIR', description: 'content folder (default: $KEEL_CONTENT or ./content)' },
    format: { type: 'string', value: 'FORMAT', description: 'text (default), github (workflow annotations) or json' },
    strict: { type: 'boolean', description: 'treat warnings as errors' },
  },
  async run({ values }, io) {
    const format = (values.format ?? 'text') as OutputFormat;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${String(values.format)}")`);
    if (values.content === '') throw new UsageError('--content must name a folder (got an empty value)');
    const dir = contentDir(io.cwd, io.env, values.content as string | undefined);
    // The clock reads the same environment as the rest of the run (KEEL_NOW, SOURCE_DATE_EPOCH).
    const clock = now(io.env);
    requireContentFolder(dir, io.cwd);
    const result = await validateContent(resolve(dir), { cwd: io.cwd, strict: values.strict === true, now: clock, keepSources: false });
    io.out(formatReport(result.diagnostics, result.summary, format));
    return result.ok ? 0 : 1;
  },
};
