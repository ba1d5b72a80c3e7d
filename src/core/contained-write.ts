/**
 * The one way Keel writes files into a folder it was given (`keel import`, `keel new`, the
 * measurement files of `keel pull`, `keel rules --out` and the parse cache): every path is checked before anything is
 * written, so a file name built from input (a title, an id, a date of an export) cannot land
 * outside the folder — not through `..`, an absolute path, a NUL, a name too long for the file
 * system, two names that differ only in case (one file on macOS and Windows), a symbolic link
 * planted in the folder or an existing symlinked file. One refused path refuses the whole batch:
 * nothing is written.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, realpathSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { escapeControls, excerpt } from './escape.ts';
import { MAX_NAME_BYTES } from './limits.ts';
import { UsageError } from './usage-error.ts';

/** A file to write: its path inside the target folder, `/`-separated, and its text. */
export interface PlannedFile {
  path: string;
  text: string;
}

const encoder = new TextEncoder();

/** Why `rel` is not a plain path inside a folder, or undefined when it is. */
export function unsafeRelativePath(rel: string): string | undefined {
  if (rel === '') return 'an empty path';
  if (rel.includes('\0')) return 'a NUL character in the path';
  if (rel.includes('\\')) return 'a backslash in the path';
  if (isAbsolute(rel) || /^[a-z]:/i.test(rel)) return 'an absolute path';
  for (const part of rel.split('/')) {
    if (part === '' || part === '.' || part === '..') return `a path segment "${part}"`;
    if (encoder.encode(part).length > MAX_NAME_BYTES) return `a name longer than ${MAX_NAME_BYTES} bytes`;
  }
  return undefined;
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT' || (cause as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw cause;
  }
}

function refuse(rel: string, why: string): never {
  throw new UsageError(`refusing to write ${escapeControls(excerpt(rel))}: ${why}; nothing written`);
}

/**
 * The absolute path of `rel` inside `root`, after checking that it is a plain relative path and
 * that no folder on the way, nor the file itself, is a symbolic link or something other than a
 * folder. Returns whether the file exists already. Throws a UsageError (exit 2) otherwise.
 */
export function containedPath(root: string, rel: string): { path: string; exists: boolean } {
  const why = unsafeRelativePath(rel);
  if (why) refuse(rel, why);
  // The target folder itself may be a link the user chose; what lies inside it may not be.
  let base = resolve(root);
  if (lstatOrUndefined(base)) base = realpathSync(base);
  const parts = rel.split('/');
  let at = base;
  for (const [i, part] of parts.entries()) {
    at = join(at, part);
    const stat = lstatOrUndefined(at);
    if (!stat) return { path: join(base, ...parts), exists: false };
    if (stat.isSymbolicLink()) refuse(rel, `${escapeControls(parts.slice(0, i + 1).join('/'))} is a symbolic link`);
    const last = i === parts.length - 1;
    if (!last && !stat.isDirectory()) refuse(rel, `${escapeControls(parts.slice(0, i + 1).join('/'))} is not a folder`);
    if (last && !stat.isFile()) refuse(rel, 'it exists and is not a regular file');
  }
  const path = join(base, ...parts);
  // Belt and braces: the checks above already keep every path below the folder.
  if (!path.startsWith(base + sep)) refuse(rel, 'it resolves outside the folder');
  return { path, exists: true };
}

export interface WriteResult {
  written: string[];
  /** Paths that exist already (kept as they are, never overwritten). */
  existing: string[];
}

/**
 * Writes `files` into `root`: checks every path first (containedPath, and no two paths that
 * differ only in case), then writes each file that does not exist yet, never following a link
 * and never replacing a file (O_EXCL).
 */
export function writeContained(root: string, files: readonly PlannedFile[]): WriteResult {
  const folded = new Map<string, string>();
  const planned: { file: PlannedFile; path: string; exists: boolean }[] = [];
  for (const file of files) {
    const key = file.path.toLowerCase();
    const other = folded.get(key);
    if (other !== undefined) refuse(file.path, `it differs from ${escapeControls(excerpt(other))} only in case (one file on macOS and Windows)`);
    folded.set(key, file.path);
    planned.push({ file, ...containedPath(root, file.path) });
  }
  const result: WriteResult = { written: [], existing: [] };
  for (const { file, path, exists } of planned) {
    if (exists) {
      result.existing.push(file.path);
      continue;
    }
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, file.text, { flag: 'wx' });
    result.written.push(file.path);
  }
  return result;
}

/**
 * Replaces (or creates) the file `rel` inside `root` without ever leaving half a file: the text
 * goes to a new temporary file beside it (a random name, created exclusively, so a link planted
 * there is never followed), then is renamed over the target. The path is checked first like
 * every contained write (containedPath): a refused path writes nothing (UsageError, exit 2).
 */
export function replaceContained(root: string, rel: string, text: string | Uint8Array): void {
  const { path } = containedPath(root, rel);
  mkdirSync(dirname(path), { recursive: true });
  // The folders were created just now: check again that none of them is a link planted meanwhile.
  containedPath(root, rel);
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * `replaceContained` for a file the user named (`keel rules --out FILE`): its folder is the
 * target, which may be anywhere and may itself be a link the user chose; the file itself must
 * be a plain name there, and not a link, a folder or anything other than a regular file.
 */
export function replaceNamedFile(file: string, text: string): void {
  if (file.includes('\0')) refuse(file, 'a NUL character in the path');
  const path = resolve(file);
  replaceContained(dirname(path), basename(path), text);
}
