import { describe, expect, it } from 'vitest';
import { buildEnv, buildNodeFlags } from './astro.ts';

describe('the build child process', () => {
  it("caps the public build's young generation and the internal build's heap growth", () => {
    expect(buildNodeFlags('public')).toEqual(['--max-semi-space-size=2']);
    expect(buildNodeFlags('internal')).toEqual(['--heap-growing-percent=100']);
  });

  it("turns mimalloc's transparent huge pages off", () => {
    expect(buildEnv({ PATH: '/bin' })).toEqual({ MIMALLOC_ALLOW_THP: '0' });
  });

  it("keeps the user's own MIMALLOC_ALLOW_THP", () => {
    expect(buildEnv({ MIMALLOC_ALLOW_THP: '1' })).toEqual({ MIMALLOC_ALLOW_THP: '1' });
  });
});
