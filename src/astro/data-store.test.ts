import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dataStoreAtRuntime } from './data-store.ts';

const MODULE = '\0astro:data-layer-content';

describe('dataStoreAtRuntime', () => {
  it('makes the store module a read of the store file, with the value Astro would inline', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'keel-store-'));
    try {
      // devalue's flattened form, as Astro writes it.
      const stored = [{ incidents: 1 }, [2], ['3', 4], 'a-1', { id: 3, body: 'x' }];
      writeFileSync(join(cacheDir, 'data-store.json'), JSON.stringify(stored));
      const plugin = dataStoreAtRuntime(cacheDir);
      const loaded = plugin.load.handler.call({ environment: { config: { consumer: 'server' } } }, MODULE);
      expect(loaded?.code).not.toContain('"body"');
      const module = join(cacheDir, 'store.mjs');
      writeFileSync(module, loaded!.code);
      const { default: value } = (await import(pathToFileURL(module).href)) as { default: unknown };
      expect(value).toEqual(stored);
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
