/**
 * `keel import statuspage|sloth|pyrra <file>… [--out DIR]`: another tool's files → Keel content
 * files (the table in src/importers/index.ts), then validates the folder it wrote to. Existing
 * files are kept, never overwritten.
 */
import { relative, resolve } from 'node:path';
import { writeContained } from '../../core/contained-write.ts';
import { contentDir, now } from '../../core/env.ts';
import { escapeControls } from '../../core/escape.ts';
import { formatBytes, MAX_IMPORT_BYTES } from '../../core/limits.ts';
import { readBounded } from '../../core/read.ts';
import { UsageError } from '../../core/usage-error.ts';
import { IMPORTERS } from '../../importers/index.ts';
import { formatReport } from '../../rules/report.ts';
import { validateContent } from '../../rules/validate.ts';
import type { Command } from '../command.ts';

const SOURCES = IMPORTERS.map((i) => i.name);

/** The text of an input file: a regular file of at most MAX_IMPORT_BYTES (not a device, not a pipe). */
function readInput(path: string, shown: string): string {
  let read;
  try {
    read = readBounded(path, MAX_IMPORT_BYTES, { follow: true });
  } catch (cause) {
    throw new UsageError(`${shown}: cannot be read (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message})`);
  }
  if (!read.ok) {
    throw new UsageError(
      read.reason === 'special'
        ? `${shown}: not a regular file (a ${read.type}); pass the exported JSON file`
        : `${shown}: ${formatBytes(read.size)}, more than the ${formatBytes(MAX_IMPORT_BYTES)} an import reads; split the export`,
    );
  }
  return new TextDecoder().decode(read.bytes);
}

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
      const text = readInput(resolve(io.cwd, input), input);
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
    // Every path is checked before the first file is written (src/core/contained-write.ts).
    const { written, existing } = writeContained(out, files);
    for (const path of existing) {
      report.push(
        path === 'keel.yaml'
          ? `keel.yaml exists already: kept as it is; add retrospectivesFrom: ${importedOn} to it, or the imported incidents' retrospectives show as overdue`
          : `${path} exists already: kept as it is`,
      );
    }
    const shown = relative(io.cwd, out) || '.';
    io.out(`keel: wrote ${written.length} files to ${escapeControls(shown)}`);
    // Names and ids come from the export: escaped like every finding (no forged output line).
    for (const line of report) io.out(`  note: ${escapeControls(line)}`);
    const result = await validateContent(out, { cwd: io.cwd, now: clock, keepSources: false });
    io.out(formatReport(result.diagnostics, result.summary, 'text'));
    return result.ok ? 0 : 1;
  },
};
