/**
 * Draws one chart from the data table beside it (src/site/components/internal/Chart.astro), with
 * chart.js registered tree-shaken: only the line controller, its elements, the linear scale and
 * the legend and tooltip. Time runs along a linear axis of epoch milliseconds whose ticks fall on
 * whole hours or days of the portal's zone and are labelled in it (Intl, no date library). Colours
 * come from the page's custom properties, so both colour schemes pass contrast, and follow a
 * change of scheme.
 */
import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartDataset, type Tick } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STEPS = [HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY];

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(t: number, format: Intl.DateTimeFormat): number {
  const parts = Object.fromEntries(format.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour! % 24, +parts.minute!, +parts.second!);
  return wall - Math.floor(t / 1000) * 1000;
}

/** Ticks on whole hours or days of the zone, about six across [min, max]. */
function zoneTicks(min: number, max: number, zone: string): number[] {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const step = STEPS.find((s) => (max - min) / s <= 7) ?? STEPS.at(-1)!;
  const ticks: number[] = [];
  const offset = offsetAt(min, parts);
  for (let local = Math.ceil((min + offset) / step) * step; local - offset <= max && ticks.length < 50; local += step) {
    const t = local - offsetAt(local - offset, parts);
    if (t >= min && t <= max) ticks.push(t);
  }
  return ticks;
}

function read(figure: HTMLElement) {
  const rows = [...figure.querySelectorAll('tbody tr')];
  const columns = [...figure.querySelectorAll('thead th')].slice(1).map((th) => th.textContent?.trim() ?? '');
  const time = rows.map((r) => Date.parse(r.querySelector('time')!.getAttribute('datetime')!));
  const values = columns.map((_, c) =>
    rows.map((r) => {
      const text = r.querySelectorAll('td')[c]?.dataset.v ?? '';
      return text === '' ? null : Number(text);
    }),
  );
  return { columns, time, values };
}

const colour = (figure: HTMLElement, name: string) => getComputedStyle(figure).getPropertyValue(name).trim();

/** Draws the chart of a figure (once). */
export function drawChart(figure: HTMLElement): void {
  const canvas = figure.querySelector('canvas');
  if (!canvas) return;
  const { columns, time, values } = read(figure);
  const zone = figure.dataset.zone ?? 'UTC';
  const ratio = figure.dataset.chart === 'ratio';
  const thresholds = JSON.parse(figure.dataset.thresholds ?? '[]') as { label: string; value: number }[];
  const bands = JSON.parse(figure.dataset.bands ?? '[]') as { label: string; from: number; to: number }[];
  const min = time[0]!;
  const max = time.at(-1)!;
  const label = new Intl.DateTimeFormat('en-GB', { timeZone: zone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const palette = () => [colour(figure, '--chart-1'), colour(figure, '--chart-2')];
  const datasets: ChartDataset<'line', { x: number; y: number | null }[]>[] = [
    ...columns.map((name, c) => ({
      label: name,
      data: time.map((x, i) => ({ x, y: values[c]![i]! })),
      borderWidth: 2,
      pointRadius: 0,
      spanGaps: false,
    })),
    ...thresholds.map((t) => ({
      label: t.label,
      data: [
        { x: min, y: t.value },
        { x: max, y: t.value },
      ],
      borderWidth: 2,
      borderDash: [6, 4],
      pointRadius: 0,
    })),
  ];
  const paint = () => {
    const lines = palette();
    datasets.forEach((d, i) => {
      d.borderColor = i < columns.length ? lines[i % lines.length] : colour(figure, '--chart-threshold');
      d.backgroundColor = d.borderColor;
    });
    return { fg: colour(figure, '--fg'), grid: colour(figure, '--chart-grid') };
  };
  const { fg, grid } = paint();
  const format = (v: number) => (ratio ? `${+(v * 100).toFixed(3)} %` : `${+v.toFixed(2)}×`);
  // Shaded intervals (an incident's) behind the lines, over the whole height of the plot.
  const shade = {
    id: 'keelBands',
    beforeDatasetsDraw(c: Chart) {
      const { ctx, chartArea, scales } = c;
      ctx.save();
      ctx.fillStyle = colour(figure, '--chart-band');
      for (const b of bands) {
        const x0 = Math.max(chartArea.left, scales.x!.getPixelForValue(b.from));
        const x1 = Math.min(chartArea.right, scales.x!.getPixelForValue(b.to));
        if (x1 > x0) ctx.fillRect(x0, chartArea.top, x1 - x0, chartArea.bottom - chartArea.top);
      }
      ctx.restore();
    },
  };
  const chart = new Chart(canvas, {
    type: 'line',
    plugins: bands.length > 0 ? [shade] : [],
    data: { datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      color: fg,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: {
          type: 'linear',
          min,
          max,
          grid: { color: grid },
          ticks: { color: fg, callback: (v) => label.format(new Date(Number(v))), maxRotation: 0, autoSkip: false },
          afterBuildTicks: (axis) => {
            axis.ticks = zoneTicks(min, max, zone).map((value): Tick => ({ value }));
          },
        },
        y: { grid: { color: grid }, ticks: { color: fg, callback: (v) => format(Number(v)) } },
      },
      plugins: {
        legend: { labels: { color: fg } },
        tooltip: {
          callbacks: {
            title: (items) => label.format(new Date(items[0]?.parsed.x ?? 0)),
            label: (item) => `${item.dataset.label}: ${format(item.parsed.y ?? 0)}`,
          },
        },
      },
    },
  });
  canvas.parentElement?.classList.add('drawn');
  // A change of colour scheme repaints lines, text and grid from the new custom properties.
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    const next = paint();
    chart.options.color = next.fg;
    for (const axis of [chart.options.scales!.x!, chart.options.scales!.y!]) {
      axis.ticks!.color = next.fg;
      axis.grid!.color = next.grid;
    }
    chart.options.plugins!.legend!.labels!.color = next.fg;
    chart.update();
  });
}
