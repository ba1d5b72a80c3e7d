/** The one walker of folders: every file below a folder, relative, with forward slashes, sorted. */
import { lstatSync, readdirSync, realpathSync, type Dirent, type Stats } from 'node:fs';
import { join, sep } from 'node:path';

export interface WalkOptions {
  /** Entries (files or folders, by name and path in the folder) to leave out, with everything below them. */
  skip?: (name: string, rel: string) => boolean;
}

/** Hidden files and folders (".git", ".DS_Store") are skipped unless `skip` says otherwise. */
export function listFiles(dir: string, { skip = (name) => name.startsWith('.') }: WalkOptions = {}): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const dirent of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${dirent.name}` : dirent.name;
      if (skip(dirent.name, child)) continue;
      if (dirent.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out.sort();
}

/** Why an entry of the content folder is not read. */
export type Refusal = { reason: 'outside' } | { reason: 'loop' } | { reason: 'broken' } | { reason: 'special'; type: SpecialType };

export type SpecialType = 'fifo' | 'socket' | 'device' | 'kernel' | 'other';

export interface ContentFile {
  /** Path in the content folder, forward slashes: the name the author sees (a link's own name). */
  rel: string;
  /** Absolute path to read: every symbolic link resolved, inside the content folder. */
  real: string;
}

export interface ContentWalk {
  files: ContentFile[];
  refused: (Refusal & { rel: string })[];
}

/** Folders whose entries are the kernel's, not files: never content. */
const KERNEL = /^\/(proc|sys|dev)(\/|$)/;

/** Type of a special (not regular, not folder) file. */
export function specialType(stat: Stats | Dirent): SpecialType {
  if (stat.isFIFO()) return 'fifo';
  if (stat.isSocket()) return 'socket';
  if (stat.isBlockDevice() || stat.isCharacterDevice()) return 'device';
  return 'other';
}

const inside = (real: string, root: string) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * Every file of a content folder, without leaving it: a symbolic link is followed only when it
 * resolves inside the folder, and a folder only once (no loops); links that lead outside,
 * special files (pipes, sockets, devices) and kernel files are refused, never opened. Iterative,
 * so a deep tree cannot overflow the stack. Hidden entries are skipped like listFiles does.
 */
export function walkContent(dir: string, { skip = (name) => name.startsWith('.') }: WalkOptions = {}): ContentWalk {
  const root = realpathSync(dir);
  const files: ContentFile[] = [];
  const refused: ContentWalk['refused'] = [];
  const seen = new Set<string>([root]);
  const pending: { rel: string; real: string }[] = [{ rel: '', real: root }];
  const kernelRoot = KERNEL.test(root);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const dirent of readdirSync(next.real, { withFileTypes: true })) {
      const rel = next.rel ? `${next.rel}/${dirent.name}` : dirent.name;
      if (skip(dirent.name, rel)) continue;
      const lexical = join(next.real, dirent.name);
      if (kernelRoot) {
        refused.push({ rel, reason: 'special', type: 'kernel' });
        continue;
      }
      let real = lexical;
      let stat: Stats | Dirent = dirent;
      if (dirent.isSymbolicLink()) {
        try {
          real = realpathSync(lexical);
        } catch {
          refused.push({ rel, reason: 'broken' });
          continue;
        }
        if (!inside(real, root)) {
          refused.push({ rel, reason: 'outside' });
          continue;
        }
        stat = lstatSync(real);
      }
      if (stat.isDirectory()) {
        if (seen.has(real)) refused.push({ rel, reason: 'loop' });
        else {
          seen.add(real);
          pending.push({ rel, real });
        }
      } else if (stat.isFile()) files.push({ rel, real });
      else refused.push({ rel, reason: 'special', type: specialType(stat) });
    }
  }
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  refused.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { files, refused };
}
