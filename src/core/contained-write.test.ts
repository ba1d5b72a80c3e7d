import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { containedPath, writeContained } from './contained-write.ts';

let dir: string;
let root: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-contained-'));
  root = join(dir, 'root');
  mkdirSync(root);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const everything = () => (readdirSync(dir, { recursive: true }) as string[]).sort();

describe('writeContained', () => {
  it('writes new files in nested folders and keeps existing ones', () => {
    writeFileSync(join(root, 'kept.yaml'), 'old');
    const result = writeContained(root, [
      { path: 'incidents/a.md', text: 'a' },
      { path: 'kept.yaml', text: 'new' },
    ]);
    expect(result).toEqual({ written: ['incidents/a.md'], existing: ['kept.yaml'] });
    expect(readFileSync(join(root, 'kept.yaml'), 'utf8')).toBe('old');
    expect(readFileSync(join(root, 'incidents/a.md'), 'utf8')).toBe('a');
  });

  it.each([
    ['../escape.md', 'a path segment ".."'],
    ['incidents/../../escape.md', 'a path segment ".."'],
    ['/tmp/escape.md', 'an absolute path'],
    ['C:/escape.md', 'an absolute path'],
    ['incidents\\..\\..\\escape.md', 'a backslash in the path'],
    ['incidents/a\u0000.md', 'a NUL character in the path'],
    ['incidents//a.md', 'a path segment ""'],
    ['', 'an empty path'],
    [`incidents/${'é'.repeat(128)}.md`, 'a name longer than 255 bytes'],
  ])('refuses %j (%s) and writes nothing of the batch', (path, why) => {
    expect(() =>
      writeContained(root, [
        { path: 'first.md', text: 'x' },
        { path, text: 'x' },
      ]),
    ).toThrow(`: ${why}; nothing written`);
    expect(everything()).toEqual(['root']);
  });

  it('refuses two names that differ only in case', () => {
    expect(() =>
      writeContained(root, [
        { path: 'services/API.yaml', text: 'x' },
        { path: 'services/api.yaml', text: 'x' },
      ]),
    ).toThrow('refusing to write services/api.yaml: it differs from services/API.yaml only in case (one file on macOS and Windows); nothing written');
    expect(everything()).toEqual(['root']);
  });

  it('refuses a symlinked folder, a symlinked file (even dangling) and a file where a folder should be', () => {
    mkdirSync(join(dir, 'outside'));
    symlinkSync(join(dir, 'outside'), join(root, 'incidents'));
    expect(() => writeContained(root, [{ path: 'incidents/a.md', text: 'x' }])).toThrow('incidents is a symbolic link');
    symlinkSync(join(dir, 'nowhere.md'), join(root, 'dangling.md'));
    expect(() => writeContained(root, [{ path: 'dangling.md', text: 'x' }])).toThrow('dangling.md is a symbolic link');
    writeFileSync(join(root, 'plain'), '');
    expect(() => containedPath(root, 'plain/a.md')).toThrow('plain is not a folder');
    expect(readdirSync(join(dir, 'outside'))).toEqual([]);
  });

  it('accepts a target folder that is itself a link (the user chose it)', () => {
    symlinkSync(root, join(dir, 'link'));
    expect(writeContained(join(dir, 'link'), [{ path: 'a.md', text: 'x' }]).written).toEqual(['a.md']);
    expect(readFileSync(join(root, 'a.md'), 'utf8')).toBe('x');
  });
});
