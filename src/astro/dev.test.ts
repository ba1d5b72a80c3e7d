import { describe, expect, it } from 'vitest';
import { scratchIgnored } from './dev.ts';

describe("the dev server's watcher in a checkout", () => {
  const ignored = scratchIgnored('/keel', '/keel/tmp/e2e-dev-1/content');

  it('skips what builds and tests write into tmp/ and dist/', () => {
    expect(ignored('/keel/tmp/e2e-internal-2/dist/internal/index.html')).toBe(true);
    expect(ignored('/keel/dist/public/index.html')).toBe(true);
    expect(ignored('/keel/tmp/sample-sites')).toBe(true);
  });

  it('watches the content folder inside them, the folders on the way to it, and the sources', () => {
    expect(ignored('/keel/tmp/e2e-dev-1/content/incidents/a.md')).toBe(false);
    expect(ignored('/keel/tmp/e2e-dev-1/content')).toBe(false);
    expect(ignored('/keel/tmp/e2e-dev-1')).toBe(false);
    expect(ignored('/keel/tmp')).toBe(false);
    expect(ignored('/keel/src/site/routes/internal/index.astro')).toBe(false);
    expect(ignored('/keel/tmpfile.ts')).toBe(false);
  });
});
