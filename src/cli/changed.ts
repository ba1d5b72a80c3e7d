/**
 * The git side of `keel validate --changed <ref>`: which files of the content folder changed
 * since the ref, as git sees them, with the real git binary (execFile, no shell).
 *
 * Compared with the merge base of the ref and HEAD (what a pull request changes, as
 * `git diff ref...` shows it), or the ref's commit itself when there is none (unrelated
 * histories, a shallow clone): tracked files changed since then, staged or not, deleted ones,
 * and untracked files that are not ignored. A rename is a deletion and an addition. Paths
 * are relative to the content folder (git runs there, with --relative), NUL-separated (-z),
 * so spaces and non-ASCII names come through as they are.
 */
import { execFile } from 'node:child_process';
import { relative } from 'node:path';
import findCacheDirectory from 'find-cache-dir';
import { escapeControls, excerpt } from '../core/escape.ts';
import { UsageError } from '../core/usage-error.ts';
import type { ContentChanges } from '../rules/changed.ts';

export interface GitChanges extends ContentChanges {
  /** The ref as given, its commit, and the commit compared with (the merge base, or the ref's commit). */
  ref: string;
  commit: string;
  base: string;
  /** Whether `base` is the merge base of the ref and HEAD. */
  mergeBase: boolean;
}

interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs git in `cwd`; resolves with its exit code and output (a missing git is a usage error). */
function git(args: string[], cwd: string, env: NodeJS.ProcessEnv, input?: string): Promise<GitResult> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      'git',
      args,
      // Messages in English (they are matched), no optional locks (an editor's git may hold the index).
      { cwd, env: { ...env, LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0' }, encoding: 'buffer', maxBuffer: 1 << 30, windowsHide: true },
      (error, stdout, stderr) => {
        const code = error ? (error as NodeJS.ErrnoException).code : 0;
        if (code === 'ENOENT') {
          reject(new UsageError('--changed needs git, and no git program was found on PATH'));
          return;
        }
        if (error && typeof code !== 'number') {
          reject(new UsageError(`--changed: git could not be run (${escapeControls(error.message)})`));
          return;
        }
        resolvePromise({ code: typeof code === 'number' ? code : 0, stdout, stderr: stderr.toString('utf8') });
      },
    );
    // A git that exits before reading all of its input must not crash the run (EPIPE).
    child.stdin?.on('error', () => {});
    if (input !== undefined) child.stdin?.end(input);
  });
}

function firstLine(text: string): string {
  return escapeControls(excerpt(text.trim().split('\n')[0] ?? ''));
}

/** NUL-separated fields of git's -z output. */
function fields(out: Buffer): string[] {
  const text = out.toString('utf8');
  const parts = text.split('\0');
  if (parts.at(-1) === '') parts.pop();
  return parts;
}

/** Which files of the content folder `dir` changed since `ref`, and their earlier versions. */
export async function gitChanges(dir: string, ref: string, { env, cwd }: { env: NodeJS.ProcessEnv; cwd: string }): Promise<GitChanges> {
  const shown = escapeControls(excerpt(relative(cwd, dir) || '.'));
  if (ref === '' || ref.startsWith('-')) throw new UsageError(`--changed needs a git ref: a branch, tag or commit (got "${escapeControls(excerpt(ref))}")`);
  // Three rounds of git, each run side by side (each answer is still checked in this order): what
  // the ref is, with the merge base and the untracked files; then what changed since the base; then its bytes.
  const since = (base: string) =>
    Promise.all([
      git(['diff', '--name-status', '-z', '--no-renames', '--no-ext-diff', '--no-textconv', '--no-color', '--relative', base, '--', '.'], dir, env),
      git(['ls-tree', '-r', '-z', base, '--', '.'], dir, env),
    ]);
  // The second round for the ref's own commit is asked at once: when that is the base (a
  // pre-commit hook's HEAD, a branch not behind the ref), its answer is there with the first.
  const early = since(`${ref}^{commit}`);
  early.catch(() => {});
  const [top, verified, merge, untracked] = await Promise.all([
    git(['rev-parse', '--show-toplevel'], dir, env),
    git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], dir, env),
    git(['merge-base', `${ref}^{commit}`, 'HEAD'], dir, env),
    git(['ls-files', '-z', '--others', '--exclude-standard', '--', '.'], dir, env),
  ]);
  if (top.code !== 0) {
    if (/not a git repository/i.test(top.stderr))
      throw new UsageError(`--changed compares with git, and the content folder "${shown}" is not in a git repository`);
    throw new UsageError(`--changed: git failed in "${shown}": ${firstLine(top.stderr)}`);
  }
  if (verified.code !== 0) {
    throw new UsageError(
      `--changed: "${escapeControls(excerpt(ref))}" names no commit in this repository (a shallow CI clone has only what was fetched: fetch it, or check out with fetch-depth: 0)`,
    );
  }
  const commit = verified.stdout.toString('utf8').trim();
  const mergeBase = merge.code === 0;
  const base = mergeBase ? merge.stdout.toString('utf8').trim() : commit;

  const [diff, tree] = await (base === commit ? early : since(base));
  for (const r of [diff, untracked, tree]) if (r.code !== 0) throw new UsageError(`--changed: git failed in "${shown}": ${firstLine(r.stderr)}`);

  const paths = new Set<string>();
  const parts = fields(diff.stdout);
  for (let i = 0; i + 1 < parts.length; i += 2) paths.add(parts[i + 1]!);
  for (const path of fields(untracked.stdout)) paths.add(path);

  // "<mode> blob <hash>\t<path>"; submodules (commit) and anything else are not content files.
  const blobs = new Map<string, string>();
  for (const line of fields(tree.stdout)) {
    const tab = line.indexOf('\t');
    const [, type, hash] = line.slice(0, tab).split(' ');
    if (type === 'blob' && hash) blobs.set(line.slice(tab + 1), hash);
  }

  // keel.yaml changed: everything is checked, and nothing earlier is needed.
  const wanted = paths.has('keel.yaml') ? [] : [...paths].filter((path) => blobs.has(path));
  const before = await readBlobs(wanted, blobs, dir, env);
  return { ref, commit, base, mergeBase, paths, blobs, before };
}

/** The bytes of the blobs of `paths` at the base (one `git cat-file --batch`). */
async function readBlobs(paths: string[], blobs: ReadonlyMap<string, string>, dir: string, env: NodeJS.ProcessEnv): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  if (paths.length === 0) return out;
  const batch = await git(['cat-file', '--batch'], dir, env, paths.map((path) => `${blobs.get(path)}\n`).join(''));
  if (batch.code !== 0) throw new UsageError(`--changed: git cat-file failed: ${firstLine(batch.stderr)}`);
  // Each: "<hash> blob <size>\n<bytes>\n".
  let at = 0;
  for (const path of paths) {
    const eol = batch.stdout.indexOf(0x0a, at);
    const header = batch.stdout.subarray(at, eol).toString('utf8').split(' ');
    const size = Number(header[2]);
    if (header[1] !== 'blob' || !Number.isInteger(size)) throw new UsageError(`--changed: git cat-file gave no blob for ${escapeControls(excerpt(path))}`);
    out.set(path, batch.stdout.subarray(eol + 1, eol + 1 + size));
    at = eol + 1 + size + 1;
  }
  return out;
}

/**
 * Where the parse cache lives: node_modules/.cache/keel of the nearest package of the content
 * folder (or $CACHE_DIR/keel), as other tools keep theirs; none when there is no such folder.
 */
export function cacheDirectory(dir: string): string | undefined {
  return findCacheDirectory({ name: 'keel', cwd: dir });
}
