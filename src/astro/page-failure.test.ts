import { describe, expect, it } from 'vitest';
import { pageFailure } from './page-failure.ts';

describe('pageFailure', () => {
  const cause = new TypeError("Cannot read properties of undefined (reading 'x')\n::error file=forged::x");

  it('names the page and the cause on one line; the stack only when asked', () => {
    expect(pageFailure('/[collection]/[id]', '/slos/api/', cause, false)).toBe(
      "keel: the page /slos/api/ (route /[collection]/[id]) failed to build: TypeError: Cannot read properties of undefined (reading 'x')\n" +
        '  a bug in Keel (or content it does not handle): please report it; KEEL_DEBUG=1 shows the stack',
    );
    const debug = pageFailure('/[collection]/[id]', '/slos/api/', cause, true).split('\n');
    expect(debug[0]).toContain('failed to build: TypeError');
    expect(debug.slice(1).every((line) => /^\s+at /.test(line))).toBe(true);
    expect(debug.length).toBeGreaterThan(1);
  });

  it('escapes what it quotes and takes a thrown value that is not an Error', () => {
    expect(pageFailure('/x\n::error', '/x', 'plain\u001b[31m', false).split('\n')[0]).toBe(
      'keel: the page /x (route /x\\n::error) failed to build: plain\\u001b[31m',
    );
  });
});
