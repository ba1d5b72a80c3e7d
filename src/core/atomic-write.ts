/**
 * Writes that never leave half a file: the text goes to a temporary file in the same folder,
 * then replaces the target by a rename (atomic on one file system). A path outside the folder
 * it must stay in is refused.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { UsageError } from './usage-error.ts';

/** Writes `text` to `path` atomically; `within` (a folder), when given, must hold `path`. */
export function writeFileAtomic(path: string, text: string, within?: string): void {
  const target = resolve(path);
  if (within !== undefined) {
    const rel = relative(resolve(within), target);
    if (rel === '' || rel.startsWith('..') || resolve(within, rel) !== target) {
      throw new UsageError(`refusing to write ${path}: it is outside ${within}`);
    }
  }
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  } finally {
    rmSync(temporary, { force: true });
  }
}
