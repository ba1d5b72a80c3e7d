import { describe, expect, it } from 'vitest';
import { sanitizeBodyHtml } from '../projections/internal/body-html.ts';
import { bodySanitizer, WORKER_BODIES } from './body-sanitizer.ts';

const BODIES = Array.from(
  { length: WORKER_BODIES },
  (_, i) =>
    `<h2 id="s${i}">Section ${i}</h2><p>Text <a href="javascript:alert(${i})">link</a> <img src="x" onerror="alert(${i})"></p><script>alert(${i})</script><table><tr><td>${i}</td></tr></table>`,
);

describe('bodySanitizer', () => {
  it.each([
    ['on the main thread, for a few bodies', 3, false],
    ['on a worker thread, for many', WORKER_BODIES, true],
  ])('sanitises %s exactly as sanitizeBodyHtml does, each body its own answer', async (_, bodies, onWorker) => {
    const sanitizer = bodySanitizer(bodies);
    try {
      const out = await Promise.all(BODIES.slice(0, bodies).map((html) => sanitizer.sanitize(html)));
      expect(sanitizer.onWorker()).toBe(onWorker);
      expect(out).toEqual(BODIES.slice(0, bodies).map(sanitizeBodyHtml));
      for (const html of out) expect(html).not.toMatch(/<script|onerror|javascript:/);
      expect(out[2]).toContain('Section 2');
    } finally {
      await sanitizer.close();
    }
  });
});
