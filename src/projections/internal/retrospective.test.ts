import { describe, expect, it } from 'vitest';
import { checkMdx } from '../../content/mdx.ts';
import { bodyParts, keyTimeline, markComponents } from './retrospective.ts';

describe('markComponents and bodyParts', () => {
  it('puts each rendered component where the body writes it, blocks and inline, and leaves the rest as written', () => {
    const body = 'Intro.\n\n<SloChart slo="api" />\n\nText with <KeyTimes /> inline.\n\n<Unknown />\n\n<SloChart slo={x} />\n';
    const { components } = checkMdx(body);
    expect(components.map((c) => [c.name, c.flow])).toEqual([
      ['SloChart', true],
      ['KeyTimes', false],
      ['Unknown', true],
      ['SloChart', true],
    ]);
    const marked = markComponents(body, components);
    // Unknown components and non-literal props are not rendered (validation reports them).
    expect(marked).toContain('<Unknown />');
    expect(marked).toContain('<SloChart slo={x} />');
    // What Astro's Markdown renderer makes of the marks: a paragraph for a block, text inline.
    const html = marked
      .split(/\n{2,}/)
      .filter((p) => p.trim() !== '')
      .map((p) => `<p>${p.trim()}</p>`)
      .join('\n');
    expect(bodyParts(html)).toEqual([
      { html: '<p>Intro.</p>\n' },
      { component: 0 },
      { html: '\n<p>Text with ' },
      { component: 1 },
      { html: ' inline.</p>\n<p><Unknown /></p>\n<p><SloChart slo={x} /></p>' },
    ]);
  });

  it('leaves a body without components whole', () => {
    expect(bodyParts('<p>a</p>')).toEqual([{ html: '<p>a</p>' }]);
    expect(markComponents('plain', [])).toBe('plain');
  });
});

describe('keyTimeline', () => {
  it('orders key times and public updates by time, with the time since the one before, and lists key times not recorded last', () => {
    const items = keyTimeline({
      started: '2026-10-14T11:58:00+02:00',
      detected: '2026-10-14T10:04:00Z',
      acknowledged: undefined,
      mitigated: '2026-10-14T13:41:00+02:00',
      resolved: '2026-10-14T14:30:00+02:00',
      public: {
        title: 't',
        actions: [],
        updates: [
          { at: '2026-10-14T12:18:00+02:00', status: 'investigating', body: 'Looking.' },
          { at: '2026-10-14T14:30:00+02:00', status: 'resolved', body: 'Fixed.' },
        ],
      },
    });
    expect(items.map((i) => [i.label, i.sincePrevious === undefined ? undefined : i.sincePrevious / 60_000])).toEqual([
      ['Started', undefined],
      ['Detected', 6],
      ['Public update 1 (investigating)', 14],
      ['Mitigated', 83],
      ['Resolved', 49],
      // At the same instant as the resolution: the key time first.
      ['Public update 2 (resolved)', 0],
      ['Acknowledged', undefined],
    ]);
    expect(items.at(-1)!.at).toBeUndefined();
  });
});
