import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../schemas/incident.ts';
import type { Service } from '../schemas/service.ts';
import { SettingsSchema } from '../schemas/settings.ts';
import { audienceRoutes } from './integration.ts';
import { publicIndex } from '../projections/public/index.ts';

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
      expect(audienceRoutes(root, 'public')).toEqual([
        { pattern: '/', entrypoint: 'src/site/routes/public/index.astro' },
        { pattern: '/api/v2/summary.json', entrypoint: 'src/site/routes/public/api/v2/summary.json.ts' },
        { pattern: '/history', entrypoint: 'src/site/routes/public/history.astro' },
        { pattern: '/incidents', entrypoint: 'src/site/routes/public/incidents/index.astro' },
        { pattern: '/incidents/[id]', entrypoint: 'src/site/routes/public/incidents/[id].astro' },
      ]);
      expect(audienceRoutes(root, 'internal').map((r) => r.pattern)).toEqual(['/', '/runbooks/[id]']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('publicIndex', () => {
  const settings = SettingsSchema.parse({ organisation: { name: 'Org', url: 'https://org.example' }, timeZone: 'UTC' });
  const service = (id: string, statusPage: Service['statusPage']): { id: string; data: Service } => ({
    id,
    data: { name: `${id} name`, owner: 'secret-owner', tier: 1, statusPage, dependsOn: [], links: [{ title: 'dash', url: 'https://secret.example' }] },
  });
  const incident = (id: string, started: string, publicTitle?: string): { id: string; data: Incident } => ({
    id,
    data: {
      title: `secret ${id}`,
      severity: 'SEV1',
      started,
      backfilled: false,
      services: ['a'],
      slos: [],
      runbooks: [],
      impact: [],
      participants: { responders: ['secret-person'] },
      contributingFactors: [],
      followUps: [],
      review: { status: 'draft' },
      tags: [],
      ...(publicTitle ? { public: { title: publicTitle, actions: [], updates: [{ at: started, status: 'investigating', body: 'b' }] } } : {}),
    },
  });

  it('keeps only allowlisted fields', () => {
    const view = publicIndex(
      settings,
      [service('b', { component: 'B', group: 'G' }), service('hidden', false), service('a', { component: 'A' })],
      [incident('old', '2026-01-01T00:00:00Z', 'Old'), incident('private', '2026-02-01T00:00:00Z'), incident('new', '2026-03-01T00:00:00Z', 'New')],
    );
    expect(view).toEqual({
      organisation: { name: 'Org', url: 'https://org.example' },
      components: [
        { name: 'A', group: undefined, description: undefined },
        { name: 'B', group: 'G', description: undefined },
      ],
      incidents: [
        { id: 'new', title: 'New' },
        { id: 'old', title: 'Old' },
      ],
    });
    expect(JSON.stringify(view)).not.toMatch(/secret/);
  });

  it('orders incidents by the instant they started, not by the text of their timestamps', () => {
    // 23:30 at -05:00 is 04:30 UTC the next day: later than 02:00 UTC, though its text sorts first.
    const view = publicIndex(settings, [], [incident('utc', '2026-03-02T02:00:00Z', 'UTC'), incident('offset', '2026-03-01T23:30:00-05:00', 'Offset')]);
    expect(view.incidents.map((i) => i.id)).toEqual(['offset', 'utc']);
  });
});
