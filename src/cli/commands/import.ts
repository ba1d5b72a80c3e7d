/**
 * `keel import statuspage <file>… [--out DIR]`: Statuspage v2 JSON → Keel content files
 * (src/importers/statuspage.ts), then validates the folder it wrote to. Existing files are kept,
 * never overwritten.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { contentDir, now } from '../../core/env.ts';
import { UsageError } from '../../core/usage-error.ts';
import { importStatuspage, StatuspageExportSchema, type StatuspageExport } from '../../importers/statuspage.ts';
import { formatReport } from '../../rules/report.ts';
import { validateContent } from '../../rules/validate.ts';
import type { Command } from '../command.ts';

const SOURCES = ['statuspage'];

function readExport(path: string, shown: string): StatuspageExport {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new UsageError(`${shown}: not readable as JSON (${(cause as Error).message.split('\n')[0]})`);
  }
  const parsed = StatuspageExportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`${shown}: not Statuspage v2 JSON: ${issue.path.join('.') || 'the document'}: ${issue.message}`);
  }
  const data = parsed.data;
  if (!data.incidents && !data.scheduled_maintenances && !data.components) {
    throw new UsageError(`${shown}: holds none of incidents, scheduled_maintenances or components (Statuspage v2 incidents.json, summary.json, …)`);
  }
  return data;
}

export const importCommand: Command = {
  name: 'import',
  summary: "Turn another tool's history into content files: `keel import statuspage FILE…`.",
  arguments: 'statuspage FILE…',
  positionals: true,
  options: {
    out: { type: 'string', value: 'DIR', description: 'content folder to write into (default: $KEEL_CONTENT, else . if it holds keel.yaml, else ./content)' },
  },
  async run({ values, positionals }, io) {
    const [source, ...inputs] = positionals;
    if (source === undefined || !SOURCES.includes(source)) {
      throw new UsageError(`import needs a source: one of ${SOURCES.join(', ')} (got ${source === undefined ? 'nothing' : `"${source}"`})`);
    }
    if (inputs.length === 0) throw new UsageError('import statuspage needs at least one JSON file (incidents.json, summary.json, scheduled-maintenances.json)');
    const exports = inputs.map((input) => readExport(resolve(io.cwd, input), input));
    const out = contentDir(io.cwd, io.env, values.out as string | undefined);
    const clock = now(io.env);
    const importedOn = new Date(clock).toISOString().slice(0, 10);
    const { files, report } = importStatuspage(exports, importedOn);
    let written = 0;
    for (const file of files) {
      const path = join(out, file.path);
      if (existsSync(path)) {
        report.push(
          file.path === 'keel.yaml'
            ? `keel.yaml exists already: kept as it is; add retrospectivesFrom: ${importedOn} to it, or the imported incidents' retrospectives show as overdue`
            : `${file.path} exists already: kept as it is`,
        );
        continue;
      }
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.text);
      written++;
    }
    const shown = relative(io.cwd, out) || '.';
    io.out(`keel: wrote ${written} files to ${shown}`);
    for (const line of report) io.out(`  note: ${line}`);
    const result = await validateContent(out, { cwd: io.cwd, now: clock, keepSources: false });
    io.out(formatReport(result.diagnostics, result.summary, 'text'));
    return result.ok ? 0 : 1;
  },
};
