/** Badges (badges.ts): well-formed SVG whatever the name, the text escaped, the status coloured. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { componentBadge, pageBadge } from './badges.ts';

const HOSTILE = 'Pay </text><script>alert("x")</script> & \'Co\' ]]> \u0007 שלום 🚀';

describe('badges', () => {
  it('escapes a hostile component name and keeps it readable', () => {
    const svg = componentBadge({ name: HOSTILE, status: 'partial_outage' });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('\u0007');
    const parsed = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: true }).parse(svg) as {
      svg: { title: string; '@_aria-label': string };
    };
    const shown = 'Pay </text><script>alert("x")</script> & \'Co\' ]]> שלום 🚀: partial outage';
    expect(parsed.svg.title).toBe(shown);
    expect(parsed.svg['@_aria-label']).toBe(shown);
    expect(svg).toContain('fill="#fe7d37"');
  });

  it('shows the page status with Statuspage wording', () => {
    const svg = pageBadge({ indicator: 'none', description: 'All Systems Operational' });
    expect(svg).toContain('<title>status: All Systems Operational</title>');
    expect(svg).toContain('fill="#44cc11"');
  });

  it('cuts very long names', () => {
    expect(componentBadge({ name: 'x'.repeat(500), status: 'operational' })).toContain(`${'x'.repeat(59)}…`);
  });
});
