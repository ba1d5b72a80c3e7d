import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkMdx } from '../../content/mdx.ts';
import type { ContentIndex } from '../../content/entry.ts';
import { evaluateSlo } from '../../domain/slo/evaluate.ts';
import { sloInputs } from '../../model/slos.ts';
import { validateContent } from '../../rules/validate.ts';
import { bodyParts, keyTimeline, markComponents, retrospectiveComponents, type ComponentView, type SloChartView } from './retrospective.ts';
import { sloPages } from './slos.ts';

const SAMPLE = fileURLToPath(new URL('../../../content', import.meta.url));
const NOW = Date.parse('2026-11-22T12:00:00Z');

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
          { at: '2026-10-14T12:18:00+02:00', status: 'investigating', body: 'Looking at **payments**:\n\n- cards\n- <b>transfers</b>' },
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
    // An update's text as the public page renders it: its Markdown, and raw HTML as text.
    expect(items[2]!.html).toBe('<p>Looking at <strong>payments</strong>:</p>\n<ul>\n<li>cards</li>\n<li>&#x3C;b>transfers&#x3C;/b></li>\n</ul>');
  });
});

describe('<SloChart> of an SLO with several objectives', () => {
  let index: ContentIndex;
  /** What the components of `body` show in the sample's ETL incident (its SLO, etl-freshness, has two objectives and a composite). */
  const viewsOf = (body: string, incident = '2026-09-08-etl-silent-failure'): ComponentView[] => {
    const entry = index.collections.incidents.find((i) => i.id === incident)!;
    return retrospectiveComponents(index, { id: entry.id, data: entry.data, components: checkMdx(body).components }, NOW);
  };
  const chartOf = (view: ComponentView | undefined): SloChartView => {
    expect(view?.name).toBe('SloChart');
    return view as SloChartView;
  };

  beforeAll(async () => {
    ({ index } = await validateContent(SAMPLE, { now: NOW }));
  });

  it('charts each objective and the composite by default, named and linked as the SLO pages name and place them, with its own target', () => {
    const view = chartOf(viewsOf('<SloChart slo="etl-freshness" />')[0]);
    // The SLO pages: one per objective, then the composite's (the SLO's first page).
    const evaluation = sloInputs(index, NOW, 'etl-freshness').map(evaluateSlo);
    const pages = sloPages(evaluation, { index, serviceNames: new Map(), owners: new Map(), incidentTitles: new Map() }).pages;
    expect(pages.map((p) => p.composite)).toEqual([false, false, true]);
    expect(view.objectives.map((o) => [o.label, o.href])).toEqual(pages.map((p) => [p.objective, p.href]));
    expect(view.objectives.at(-1)!.href).toBe('/slos/etl-freshness/');
    for (const [i, o] of view.objectives.entries()) {
      expect(o.charts.map((c) => c.title)).toEqual([`SLI against the target (${o.label})`, `Error budget remaining (${o.label})`]);
      expect(o.charts[0]!.thresholds).toEqual([{ label: 'target', value: pages[i]!.target }]);
      expect(o.charts[0]!.time.length).toBeGreaterThan(0);
      expect(o.charts[0]!.time.every((t) => t > view.from && t <= view.to)).toBe(true);
    }
    // Unique ids, so a page can hold every chart.
    const ids = view.objectives.flatMap((o) => o.charts.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("charts the composite's budget as the SLO engine combines it (Timeslices: a slice is bad when an objective's is)", () => {
    const view = chartOf(viewsOf('<SloChart slo="etl-freshness" />')[0]);
    const composite = chartOf(viewsOf('<SloChart slo="etl-freshness" objective="composite" />')[0]);
    expect(composite.objectives.map((o) => o.label)).toEqual(['composite']);
    expect(composite.objectives[0]!.charts.map((c) => c.values)).toEqual(view.objectives[2]!.charts.map((c) => c.values));
    // Remaining budget at the end of the chart: the combination has spent at least what each objective spent of its own.
    const last = (o: (typeof view.objectives)[number]) => o.charts[1]!.values[0]!.at(-1)!;
    const combined = last(view.objectives[2]!);
    expect(Number.isFinite(combined)).toBe(true);
    for (const o of view.objectives.slice(0, 2)) expect(combined).toBeLessThanOrEqual(last(o) + 1e-9);
  });

  it('charts only the objective named by objective, the same charts as in the default', () => {
    const all = chartOf(viewsOf('<SloChart slo="etl-freshness" />')[0]);
    const one = chartOf(viewsOf('<SloChart slo="etl-freshness" objective="Customer revenue export at most 12 hours behind" />')[0]);
    expect(one.objectives.map((o) => o.label)).toEqual(['Customer revenue export at most 12 hours behind']);
    expect(one.objectives[0]!.charts.map((c) => c.values)).toEqual(all.objectives[1]!.charts.map((c) => c.values));
    // Validation reports an objective the SLO does not have; the page draws nothing for it.
    expect(viewsOf('<SloChart slo="etl-freshness" objective="Warehouse fresh" />')).toEqual([{ name: 'none' }]);
  });

  it('charts the only objective of an SLO, linked to the SLO page, named only when it has a displayName', () => {
    const view = chartOf(viewsOf('<SloChart slo="login-success" />', '2026-10-14-card-payments-outage')[0]);
    expect(view.objectives.map((o) => [o.href, o.charts.map((c) => c.title)])).toEqual([
      ['/slos/login-success/', ['SLI against the target', 'Error budget remaining']],
    ]);
    const named = chartOf(viewsOf('<SloChart slo="payment-authorisation" />', '2026-10-14-card-payments-outage')[0]);
    expect(named.objectives[0]!.charts.map((c) => c.title)).toEqual(['SLI against the target (99.95% answered)', 'Error budget remaining (99.95% answered)']);
  });
});
