/**
 * Status badges, shields.io's "flat" style: a grey label and a coloured message, as a
 * self-contained SVG (no fonts, scripts or images fetched). Every text is escaped; widths are
 * estimated from Verdana 11 px advance widths, as shields does, so the layout is stable.
 */
import type { PageStatus } from '../../domain/status/page-status.ts';
import type { PublicComponent } from './status.ts';
import { escapeXml } from './xml.ts';

const COLOURS = {
  operational: '#44cc11',
  under_maintenance: '#007ec6',
  degraded_performance: '#dfb317',
  partial_outage: '#fe7d37',
  major_outage: '#e05d44',
} as const satisfies Record<PublicComponent['status'], string>;

const INDICATOR_COLOURS = {
  none: COLOURS.operational,
  maintenance: COLOURS.under_maintenance,
  minor: COLOURS.degraded_performance,
  major: COLOURS.partial_outage,
  critical: COLOURS.major_outage,
} as const satisfies Record<PageStatus['indicator'], string>;

const STATUS_WORDS = {
  operational: 'operational',
  under_maintenance: 'under maintenance',
  degraded_performance: 'degraded performance',
  partial_outage: 'partial outage',
  major_outage: 'major outage',
} as const satisfies Record<PublicComponent['status'], string>;

/** Longest text a badge shows, in characters; longer names are cut with "…". */
const MAX_TEXT = 60;

/** Approximate advance widths of Verdana at 11 px. */
function textWidth(text: string): number {
  let width = 0;
  for (const c of text) {
    if (/[iIl.,:;|!'`]/.test(c)) width += 3.5;
    else if (/[fjrt()[\]{}\-/\\ ]/.test(c)) width += 4.5;
    else if (/[mwMW@%]/.test(c)) width += 10.5;
    else if (/[A-Z0-9#&]/.test(c)) width += 7.5;
    else if (c.codePointAt(0)! > 0x2e7f)
      width += 11; // CJK, emoji
    else width += 6.5;
  }
  return Math.round(width);
}

function cut(text: string): string {
  const chars = [
    ...text
      // eslint-disable-next-line no-control-regex -- control characters become spaces
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  ];
  return chars.length <= MAX_TEXT ? chars.join('') : `${chars.slice(0, MAX_TEXT - 1).join('')}…`;
}

/** A flat badge: `label` on grey, `message` on `colour`. */
export function badgeSvg(label: string, message: string, colour: string): string {
  const l = cut(label);
  const m = cut(message);
  const lw = textWidth(l) + 10;
  const mw = textWidth(m) + 10;
  const w = lw + mw;
  const title = escapeXml(`${l}: ${m}`);
  const text = (x: number, value: string) =>
    `<text x="${x * 10}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" aria-hidden="true">${escapeXml(value)}</text>` +
    `<text x="${x * 10}" y="140" transform="scale(.1)" fill="#fff">${escapeXml(value)}</text>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${title}"><title>${title}</title>` +
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>` +
    `<clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${mw}" height="20" fill="${colour}"/><rect width="${w}" height="20" fill="url(#s)"/></g>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110">` +
    `${text(lw / 2, l)}${text(lw + mw / 2, m)}</g></svg>\n`
  );
}

/** `/badge.svg`: the page's overall status ("status: All Systems Operational"). */
export function pageBadge(status: PageStatus): string {
  return badgeSvg('status', status.description, INDICATOR_COLOURS[status.indicator]);
}

/** `/components/<id>/badge.svg`: the component's name and status. */
export function componentBadge(component: Pick<PublicComponent, 'name' | 'status'>): string {
  return badgeSvg(component.name, STATUS_WORDS[component.status], COLOURS[component.status]);
}
