import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { dataStoreAtRuntime, publishCollection, resetPublishedCollections } from './data-store.ts';

const MODULE = '\0astro:data-layer-content';
const server = { environment: { config: { consumer: 'server' } } };

/** Evaluates the module the plugin makes of the store, as the built pages would. */
async function evaluate(cacheDir: string, name: string): Promise<unknown> {
  const loaded = dataStoreAtRuntime(cacheDir).load.handler.call(server, MODULE);
  const module = join(cacheDir, name);
  writeFileSync(module, loaded!.code);
  return ((await import(pathToFileURL(module).href)) as { default: unknown }).default;
}

describe('dataStoreAtRuntime', () => {
  afterEach(resetPublishedCollections);

  it('gives the pages the entries the loaders published, the same objects, and no copy of the store in the bundle', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'keel-store-'));
    try {
      writeFileSync(join(cacheDir, 'data-store.json'), JSON.stringify([{ stale: 1 }, 'from the file']));
      const entry = { id: 'a-1', data: { title: 'A' }, body: 'x' };
      publishCollection('incidents', new Map([['a-1', entry]]));
      const store = (await evaluate(cacheDir, 'published.mjs')) as Map<string, Map<string, unknown>>;
      expect(store.get('incidents')?.get('a-1')).toBe(entry);
      expect(dataStoreAtRuntime(cacheDir).load.handler.call(server, MODULE)?.code).not.toContain('from the file');
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it('reads the file Astro wrote when nothing was published', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'keel-store-'));
    try {
      // devalue's flattened form, as Astro writes it.
      const stored = [{ incidents: 1 }, [2], ['3', 4], 'a-1', { id: 3, body: 'x' }];
      writeFileSync(join(cacheDir, 'data-store.json'), JSON.stringify(stored));
      expect(await evaluate(cacheDir, 'file.mjs')).toEqual(stored);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  it("leaves the browser's bundle, other modules and an empty store to Astro", () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'keel-store-'));
    try {
      const { handler } = dataStoreAtRuntime(cacheDir).load;
      expect(handler.call({}, MODULE)).toBeUndefined();
      writeFileSync(join(cacheDir, 'data-store.json'), '[]');
      expect(handler.call({ environment: { config: { consumer: 'client' } } }, MODULE)).toBeUndefined();
      expect(handler.call({}, '\0astro:content')).toBeUndefined();
      expect(handler.call({}, MODULE)?.code).toContain('readFileSync');
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
