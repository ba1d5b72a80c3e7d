import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audienceRoutes } from './integration.ts';

describe('audienceRoutes', () => {
  it('maps the files of one audience folder to patterns, skipping helpers', () => {
    const root = mkdtempSync(join(tmpdir(), 'keel-routes-'));
    try {
      for (const file of [
        'public/index.astro',
        'public/history.astro',
        'public/incidents/[id].astro',
        'public/incidents/index.astro',
        'public/api/v2/summary.json.ts',
        'public/_Card.astro',
        'public/_parts/x.astro',
        'public/helpers.test.ts',
        'internal/index.astro',
        'internal/runbooks/[id].astro',
      ]) {
        const path = join(root, 'src', 'site', 'routes', file);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, '');
      }
      expect(audienceRoutes(root, join(root, 'src'), 'public')).toEqual([
        { pattern: '/', entrypoint: 'src/site/routes/public/index.astro' },
        { pattern: '/api/v2/summary.json', entrypoint: 'src/site/routes/public/api/v2/summary.json.ts' },
        { pattern: '/history', entrypoint: 'src/site/routes/public/history.astro' },
        { pattern: '/incidents', entrypoint: 'src/site/routes/public/incidents/index.astro' },
        { pattern: '/incidents/[id]', entrypoint: 'src/site/routes/public/incidents/[id].astro' },
      ]);
      expect(audienceRoutes(root, join(root, 'src'), 'internal').map((r) => r.pattern)).toEqual(['/', '/runbooks/[id]']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
