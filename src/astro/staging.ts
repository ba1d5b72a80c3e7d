/**
 * Where a build writes before its site reaches the output folder.
 *
 * Astro renders a static site by bundling the pages' server code (the prerender bundle,
 * `chunks/*.mjs`) and importing it. It writes that bundle to `<outDir>/.prerender/` when the
 * output folder lies below the working directory, else to `<cwd>/.astro/.prerender/`
 * (astro/dist/prerender/utils.js, `getPrerenderOutputDirectory`, through `getOutDirWithinCwd` in
 * astro/dist/core/build/common.js). The chunks import Astro's own dependencies by name
 * (`@oslojs/encoding`, `piccolore`), which Node resolves from the chunk's folder upwards: with no
 * node_modules above the output folder or the working directory (`keel build --out /tmp/site`,
 * a content repository without Keel installed in it), the build failed. And Astro moves the
 * stylesheets out of that folder into the site by renaming them, which fails (EXDEV) when the
 * two are on different file systems.
 *
 * So a build writes below the Astro project's root (Keel's package, or a checkout): the
 * prerender bundle (Astro reads its folder back from the resolved Vite environment, which
 * {@link prerenderInto} sets) and the site, in a fresh folder of `<root>/.astro/builds/`, one
 * file system, where the chunks resolve packages as Keel's own modules do. When the build is
 * done (the pages, the internal site's search index, the public site's leak guard),
 * {@link publishSite} moves the site into the output folder; a build that fails leaves the
 * output folder as it was, and its staging folder is removed when the process ends.
 */
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Audience } from '../core/env.ts';

export interface Stage {
  /** The staging folder, removed when the process exits. */
  dir: string;
  /** Astro's output folder: the site as it will be published. */
  site: string;
  /** Astro's prerender bundle (and the image service's, should a build have one). */
  prerender: string;
}

/** A fresh staging folder for one build of `audience` below the Astro project's `root`. */
export function openStage(root: string, audience: Audience): Stage {
  const parent = join(root, '.astro', 'builds');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, `${audience}-`));
  // However the build ends: done, failed (Astro's error, the leak guard's process.exit) or published.
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return { dir, site: join(dir, 'site'), prerender: join(dir, 'prerender') };
}

/** Astro's names of the Vite environments whose bundles it writes beside the prerender bundle (Astro 7.4). */
const PRERENDER_ENVIRONMENT = 'prerender';
const IMAGE_SERVICE_ENVIRONMENT = 'astroImageService';

/**
 * A Vite plugin that puts Astro's prerender bundle (and its image service's) in `dir`. Astro
 * sets these environments' `build.outDir` itself; a plugin's `configEnvironment` is merged over
 * it, and Astro's build reads the folders back from the resolved environments
 * (`getResolvedOutputDirectories` in astro/dist/core/build/static-build.js).
 */
export function prerenderInto(dir: string): { name: string; configEnvironment: (name: string) => { build: { outDir: string } } | undefined } {
  return {
    name: 'keel:prerender-into',
    configEnvironment(name) {
      if (name === PRERENDER_ENVIRONMENT) return { build: { outDir: dir } };
      if (name === IMAGE_SERVICE_ENVIRONMENT) return { build: { outDir: join(dir, 'image-service') } };
      return undefined;
    },
  };
}

/** The file system operations {@link publishSite} uses (tests replace `rename`). */
export interface PublishFs {
  rename: (from: string, to: string) => Promise<void>;
}

/**
 * Moves the finished site `site` into `outDir`, replacing what it held as Astro does when it
 * empties its output folder (a `.git` there stays). The site first moves into a hidden folder
 * inside `outDir` (followed if a symbolic link; a mount point works too): a rename, or a copy when
 * the two are on different file systems (EXDEV). Only then is the old content removed and the
 * new renamed into place, so a failed copy leaves `outDir` as it was.
 */
export async function publishSite(site: string, outDir: string, fs: PublishFs = { rename }): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const target = realpathSync(outDir);
  const incoming = await mkdtemp(join(target, '.keel-incoming-'));
  try {
    const moved = join(incoming, 'site');
    try {
      await fs.rename(site, moved);
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== 'EXDEV') throw cause;
      // The synchronous copy: about 15 times faster than fs/promises' cp (3,500 files: 0.25 s, not 3.9 s), and the build has nothing else to do.
      cpSync(site, moved, { recursive: true, errorOnExist: true, force: false });
      await rm(site, { recursive: true, force: true });
    }
    for (const name of await readdir(target)) {
      if (name !== '.git' && join(target, name) !== incoming) await rm(join(target, name), { recursive: true, force: true });
    }
    for (const name of await readdir(moved)) await rename(join(moved, name), join(target, name));
  } finally {
    await rm(incoming, { recursive: true, force: true });
  }
}
