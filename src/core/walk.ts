/** The one walker of folders: every file below a folder, relative, with forward slashes, sorted. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface WalkOptions {
  /** Names (of files or folders) to leave out, with everything below them. */
  skip?: (name: string) => boolean;
}

/** Hidden files and folders (".git", ".DS_Store") are skipped unless `skip` says otherwise. */
export function listFiles(dir: string, { skip = (name) => name.startsWith('.') }: WalkOptions = {}): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const dirent of readdirSync(join(dir, rel), { withFileTypes: true })) {
      if (skip(dirent.name)) continue;
      const child = rel ? `${rel}/${dirent.name}` : dirent.name;
      if (dirent.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out.sort();
}
