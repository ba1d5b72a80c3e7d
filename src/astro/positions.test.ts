import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateContent } from '../rules/validate.ts';
import { releaseForPublicBuild } from './positions.ts';

const fixture = (name: string) => join(import.meta.dirname, '..', '..', 'tests', 'fixtures', name);

describe('releaseForPublicBuild', () => {
  it('keeps every entry and its data, drops the measurement series, and places values at 1:1 afterwards', async () => {
    const { index } = await validateContent(fixture('site'));
    const incident = index.collections.incidents[0]!;
    const before = incident.locate(['title']);
    expect(before.line).toBeGreaterThan(1);
    const data = incident.data;
    releaseForPublicBuild(index);
    expect(index.collections.incidents[0]).toBe(incident);
    expect(incident.data).toBe(data);
    expect(incident.locate(['title'])).toEqual({ line: 1, column: 1 });
    expect(index.settings?.locate(['organisation'])).toEqual({ line: 1, column: 1 });
    expect(index.measurements).toEqual([]);
  });

  it('releases the invalid entries too', async () => {
    const { index } = await validateContent(fixture('broken'));
    const invalid = Object.values(index.invalid ?? {}).flat();
    expect(invalid.length).toBeGreaterThan(0);
    releaseForPublicBuild(index);
    for (const entry of invalid) expect(entry.locate([])).toEqual({ line: 1, column: 1 });
  });
});
