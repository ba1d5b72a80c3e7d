import { describe, expect, it } from 'vitest';
import { buildEnv, buildNodeFlags } from './astro.ts';

describe('the build child process', () => {
  it('caps the young generation of the public build only', () => {
    expect(buildNodeFlags('public')).toEqual(['--max-semi-space-size=2']);
    expect(buildNodeFlags('internal')).toEqual([]);
  });

  it("turns mimalloc's transparent huge pages off in the public build only", () => {
    expect(buildEnv('public', {})).toEqual({ MIMALLOC_ALLOW_THP: '0' });
    expect(buildEnv('internal', {})).toEqual({});
  });

  it("keeps the user's own MIMALLOC_ALLOW_THP", () => {
    expect(buildEnv('public', { MIMALLOC_ALLOW_THP: '1' })).toEqual({ MIMALLOC_ALLOW_THP: '1' });
  });
});
