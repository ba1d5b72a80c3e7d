import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStage, prerenderInto, publishSite } from './staging.ts';

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'keel-staging-'));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** Writes `files` (path → text) below `dir`. */
function write(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
}

/** Every file below `dir` with its text, hidden ones included. */
function read(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[join(entry.parentPath, entry.name).slice(dir.length + 1)] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return out;
}

const SITE = { 'index.html': 'new', 'incidents/a/index.html': 'a', '_astro/internal.css': 'css' };

describe('openStage', () => {
  it('gives each build its own folder below <root>/.astro/builds/', () => {
    const a = openStage(tmp, 'public');
    const b = openStage(tmp, 'public');
    expect(a.dir).not.toBe(b.dir);
    expect(dirname(a.dir)).toBe(join(tmp, '.astro', 'builds'));
    expect(a.site).toBe(join(a.dir, 'site'));
    expect(a.prerender).toBe(join(a.dir, 'prerender'));
    expect(existsSync(a.dir)).toBe(true);
  });
});

describe('prerenderInto', () => {
  it("moves the prerender and image service bundles, and no other environment's output", () => {
    const plugin = prerenderInto('/keel/.astro/builds/public-x/prerender');
    expect(plugin.configEnvironment('prerender')).toEqual({ build: { outDir: '/keel/.astro/builds/public-x/prerender' } });
    expect(plugin.configEnvironment('astroImageService')).toEqual({ build: { outDir: '/keel/.astro/builds/public-x/prerender/image-service' } });
    expect(plugin.configEnvironment('client')).toBeUndefined();
    expect(plugin.configEnvironment('ssr')).toBeUndefined();
  });
});

describe('publishSite', () => {
  it('moves the site into an output folder that does not exist yet', async () => {
    write(join(tmp, 'stage'), SITE);
    await publishSite(join(tmp, 'stage'), join(tmp, 'out', 'public'));
    expect(read(join(tmp, 'out', 'public'))).toEqual(SITE);
    expect(existsSync(join(tmp, 'stage'))).toBe(false);
  });

  it('replaces the previous site, keeping a .git there as Astro does, and leaves nothing of its own', async () => {
    write(join(tmp, 'out'), { 'index.html': 'old', 'gone/index.html': 'old', '.git/HEAD': 'ref', '.nojekyll': '' });
    write(join(tmp, 'stage'), SITE);
    await publishSite(join(tmp, 'stage'), join(tmp, 'out'));
    expect(read(join(tmp, 'out'))).toEqual({ ...SITE, '.git/HEAD': 'ref' });
  });

  it('copies the site when it is on another file system (EXDEV)', async () => {
    write(join(tmp, 'stage'), SITE);
    const crossDevice = () => Promise.reject(Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' }));
    await publishSite(join(tmp, 'stage'), join(tmp, 'out'), { rename: crossDevice });
    expect(read(join(tmp, 'out'))).toEqual(SITE);
    expect(existsSync(join(tmp, 'stage'))).toBe(false);
  });

  it('leaves the output folder as it was when the site cannot be moved there', async () => {
    write(join(tmp, 'out'), { 'index.html': 'old' });
    write(join(tmp, 'stage'), SITE);
    const denied = () => Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
    await expect(publishSite(join(tmp, 'stage'), join(tmp, 'out'), { rename: denied })).rejects.toThrow('EACCES');
    expect(read(join(tmp, 'out'))).toEqual({ 'index.html': 'old' });
  });

  it('writes through an output folder that is a symbolic link', async () => {
    mkdirSync(join(tmp, 'www'));
    symlinkSync(join(tmp, 'www'), join(tmp, 'out'));
    write(join(tmp, 'stage'), SITE);
    await publishSite(join(tmp, 'stage'), join(tmp, 'out'));
    expect(read(join(tmp, 'www'))).toEqual(SITE);
  });
});
