/**
 * The content folder a command was pointed at, checked before anything is read: a path that
 * does not exist, is not a folder (a file, /dev/null) or holds no keel.yaml is a usage error
 * (exit 2) with one clear line, not a content finding.
 */
import { lstatSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { escapeControls, excerpt } from './escape.ts';
import { UsageError } from './usage-error.ts';

/** Throws a UsageError unless `dir` is a folder holding keel.yaml; `cwd` is for the message. */
export function requireContentFolder(dir: string, cwd: string): void {
  const shown = escapeControls(excerpt(relative(cwd, dir) || '.'));
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    throw new UsageError(`content folder "${shown}" does not exist; pass --content DIR or set KEEL_CONTENT to the folder holding keel.yaml`);
  }
  if (!stat.isDirectory()) throw new UsageError(`content folder "${shown}" is not a folder; pass --content DIR with the folder holding keel.yaml`);
  try {
    lstatSync(join(dir, 'keel.yaml'));
  } catch {
    throw new UsageError(`content folder "${shown}" has no keel.yaml; is it the right folder? (create keel.yaml with organisation and timeZone to start one)`);
  }
}
