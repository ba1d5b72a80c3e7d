/**
 * The key under which test files share a built sample site (tests/e2e/site.ts): a kept site must
 * never be served after anything its build reads has changed. Checked on a copy of those inputs,
 * editing one kind of input at a time.
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, SAMPLE_INPUTS, sampleKey } from './e2e/site.ts';

let copy: string;
const env = { PATH: '/usr/bin' };

beforeAll(() => {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  copy = mkdtempSync(join(root, 'tmp', 'sample-key-'));
  for (const input of SAMPLE_INPUTS) if (existsSync(join(root, input))) cpSync(join(root, input), join(copy, input), { recursive: true });
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('the sample sites’ key', () => {
  it('is the same for the same inputs, and differs by audience', () => {
    expect(sampleKey('internal', copy, env)).toBe(sampleKey('internal', copy, env));
    expect(sampleKey('public', copy, env)).not.toBe(sampleKey('internal', copy, env));
    // The checkout's own inputs, copied, give the checkout's key.
    expect(sampleKey('internal', copy, env)).toBe(sampleKey('internal', root, env));
  });

  it.each([
    ['a content file', 'content/services'],
    ['a source file', 'src/core'],
    ['a file Astro copies to the site', 'public/schemas'],
  ])('changes when %s changes, is added or is removed', (_, folder) => {
    const before = sampleKey('internal', copy, env);
    const file = readdirSync(join(copy, folder), { withFileTypes: true }).find((d) => d.isFile())!.name;
    appendFileSync(join(copy, folder, file), '\n');
    const edited = sampleKey('internal', copy, env);
    writeFileSync(join(copy, folder, 'added.txt'), '');
    const added = sampleKey('internal', copy, env);
    rmSync(join(copy, folder, 'added.txt'));
    expect(new Set([before, edited, added]).size).toBe(3);
    expect(sampleKey('internal', copy, env)).toBe(edited);
  });

  it('changes with the locked dependencies and with a KEEL_ or TZ variable the build inherits, not with others', () => {
    const before = sampleKey('public', copy, env);
    expect(sampleKey('public', copy, { ...env, KEEL_DEBUG: '1' })).not.toBe(before);
    expect(sampleKey('public', copy, { ...env, TZ: 'Asia/Tokyo' })).not.toBe(before);
    expect(sampleKey('public', copy, { ...env, HOME: '/elsewhere' })).toBe(before);
    appendFileSync(join(copy, 'package-lock.json'), ' ');
    expect(sampleKey('public', copy, env)).not.toBe(before);
  });
});
