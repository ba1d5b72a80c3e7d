/**
 * `keel import statuspage|sloth|pyrra <file>… [--out DIR]`: another tool's files → Keel content
 * files (the table in src/importers/index.ts), then validates the folder it wrote to. Existing
 * files are kept, never overwritten.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { contentDir, now } from '../../core/env.ts';
import { UsageError } from '../../core/usage-error.ts';
import { IMPORTERS } from '../../importers/index.ts';
import { formatReport } from '../../rules/report.ts';
import { validateContent } from '../../rules/validate.ts';
import type { Command } from '../command.ts';

const SOURCES = IMPORTERS.map((i) => i.name);

export const importCommand: Command = {
  name: 'import',
  summary: "Turn another tool's files into content files: `keel import statuspage|sloth|pyrra FILE…`.",
  arguments: `${SOURCES.join('|')} FILE…`,
  positionals: true,
  options: {
    out: { type: 'string', value: 'DIR', description: 'content folder to write into (default: $KEEL_CONTENT, else . if it holds keel.yaml, else ./content)' },
  },
  async run({ values, positionals }, io) {
    const [source, ...inputs] = positionals;
    const importer = IMPORTERS.find((i) => i.name === source);
    if (source === undefined || importer === undefined) {
      throw new UsageError(`import needs a source: one of ${SOURCES.join(', ')} (got ${source === undefined ? 'nothing' : `"${source}"`})`);
    }
    if (inputs.length === 0) throw new UsageError(`import ${importer.name} needs at least one file: ${importer.files}`);
    const notes: string[] = [];
    const documents = inputs.flatMap((input) => {
      let text: string;
      try {
        text = readFileSync(resolve(io.cwd, input), 'utf8');
      } catch (cause) {
        throw new UsageError(`${input}: not readable (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message})`);
      }
      const all = importer.read(text, input);
      const mine = all.filter((d) => importer.detect(d.data));
      if (mine.length === 0) throw new UsageError(`${input}: holds no ${importer.files}`);
      for (const other of all.filter((d) => !mine.includes(d))) notes.push(`${other.at([])} skipped: not one of ${importer.files}`);
      return mine;
    });
    const out = contentDir(io.cwd, io.env, values.out as string | undefined);
    const clock = now(io.env);
    const importedOn = new Date(clock).toISOString().slice(0, 10);
    const { files, report } = importer.map(documents, importedOn);
    report.unshift(...notes);
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
