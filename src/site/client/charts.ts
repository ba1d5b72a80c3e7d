/**
 * Draws one chart from the data table beside it (src/site/components/internal/Chart.astro and
 * ScatterChart.astro), with chart.js registered tree-shaken: only the line and scatter
 * controllers, the point and line elements, the linear scale and the legend and tooltip. Time runs along a linear axis of epoch milliseconds whose ticks fall on
 * whole hours or days of the portal's zone and are labelled in it (Intl, no date library). Colours
 * come from the page's custom properties, so both colour schemes pass contrast, and follow a
 * change of scheme.
 */
import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartDataset,
  type ChartOptions,
  type Plugin,
  type Tick,
} from 'chart.js';

Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, LogarithmicScale, Legend, Tooltip);

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

/** Shades spans of time (an experiment's run, an incident) behind the lines: `data-bands` holds [{ label, from, to }]. */
function bandsPlugin(figure: HTMLElement): Plugin<'line'> {
  const bands = JSON.parse(figure.dataset.bands ?? '[]') as { from: number; to: number }[];
  return {
    id: 'keelBands',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const x = scales.x!;
      ctx.save();
      ctx.fillStyle = colour(figure, '--chart-band');
      for (const band of bands) {
        const left = Math.max(chartArea.left, x.getPixelForValue(band.from));
        const right = Math.min(chartArea.right, x.getPixelForValue(band.to));
        if (right > left) ctx.fillRect(left, chartArea.top, right - left, chartArea.bottom - chartArea.top);
      }
      ctx.restore();
    },
  };
}

/** Draws the chart of a figure (once). */
export function drawChart(figure: HTMLElement): void {
  const canvas = figure.querySelector('canvas');
  if (!canvas) return;
  if (figure.dataset.chart === 'scatter') {
    drawScatter(figure, canvas);
    return;
  }
  const { columns, time, values } = read(figure);
  const zone = figure.dataset.zone ?? 'UTC';
  const ratio = figure.dataset.chart === 'ratio';
  const thresholds = JSON.parse(figure.dataset.thresholds ?? '[]') as { label: string; value: number }[];
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
  const format = (v: number) => (ratio ? `${+(v * 100).toFixed(3)} %` : figure.dataset.chart === 'rate' ? `${+v.toFixed(2)}×` : `${+v.toFixed(3)}`);
  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets },
    plugins: [bandsPlugin(figure)],
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

/** Points that share a place are set around it in a small circle, so that each one can be seen and pointed at. */
function spread(points: { x: number; y: number }[]): { x: number; y: number }[] {
  const at = new Map<string, number[]>();
  points.forEach((p, i) => at.set(`${p.x},${p.y}`, [...(at.get(`${p.x},${p.y}`) ?? []), i]));
  const out = points.map((p) => ({ ...p }));
  for (const group of at.values()) {
    if (group.length < 2) continue;
    group.forEach((i, k) => {
      const angle = (2 * Math.PI * k) / group.length;
      out[i]!.x += 0.12 * Math.cos(angle);
      out[i]!.y += 0.12 * Math.sin(angle);
    });
  }
  return out;
}

/**
 * A scatter of labelled points from its table: one row per point, the label in the row header,
 * the coordinates in the cells marked data-axis="x" / "y" (data-v), one dataset per row group
 * (data-group). The axes' ticks are words (data-ticks: the label of 0, 1, 2, …).
 */
function drawScatter(figure: HTMLElement, canvas: HTMLCanvasElement): void {
  const rows = [...figure.querySelectorAll<HTMLElement>('tbody tr')];
  const ticks = JSON.parse(figure.dataset.ticks ?? '[]') as string[];
  const read = (row: HTMLElement, axis: string) => Number(row.querySelector<HTMLElement>(`[data-axis="${axis}"]`)?.dataset.v ?? NaN);
  const labels = rows.map((r) => r.querySelector('th')?.textContent?.trim() ?? '');
  const places = spread(rows.map((r) => ({ x: read(r, 'x'), y: read(r, 'y') })));
  const groups = [...new Set(rows.map((r) => r.dataset.group ?? ''))];
  const datasets: ChartDataset<'scatter', { x: number; y: number; label: string }[]>[] = groups.map((group) => ({
    label: group,
    data: rows.flatMap((r, i) => (r.dataset.group === group ? [{ ...places[i]!, label: labels[i]! }] : [])),
    pointRadius: 7,
    pointHoverRadius: 9,
  }));
  const paint = () => {
    const lines = [colour(figure, '--chart-1'), colour(figure, '--chart-2')];
    datasets.forEach((d, i) => {
      d.backgroundColor = lines[i % lines.length];
      d.borderColor = d.backgroundColor;
      d.pointStyle = i % 2 === 0 ? 'circle' : 'rectRot';
    });
    return { fg: colour(figure, '--fg'), grid: colour(figure, '--chart-grid') };
  };
  const axis = (title: string | undefined, fg: string, grid: string) => ({
    type: 'linear' as const,
    min: 0.5,
    max: ticks.length - 0.5,
    title: { display: true, text: title ?? '', color: fg },
    grid: { color: grid },
    ticks: { color: fg, callback: (v: number | string) => ticks[Number(v)] ?? '' },
    // One tick per word, on the whole numbers the points sit at.
    afterBuildTicks: (scale: { ticks: Tick[] }) => {
      scale.ticks = ticks.flatMap((word, value): Tick[] => (word === '' ? [] : [{ value }]));
    },
  });
  scatter(canvas, datasets, paint, {
    scales: (fg, grid) => ({ x: axis(figure.dataset.xLabel, fg, grid), y: axis(figure.dataset.yLabel, fg, grid) }),
    label: (raw) => (raw as { label: string }).label,
  });
}

/**
 * Draws a distribution (src/site/components/internal/PointsChart.astro): every incident a point on
 * a logarithmic duration axis (durations are heavy-tailed), one row per severity, the severity's
 * target as a bar; read from the data table beside it.
 */
/** Ticks of the KPI distributions' time axis: 1, 5, 15 and 30 minutes, 1, 4 and 12 hours, 1, 2 and 7 days, 30 days. */
const SPOKEN_MINUTES = [1, 5, 15, 30, 60, 240, 720, 1440, 2880, 10080, 43200];

export function drawPoints(figure: HTMLElement): void {
  const canvas = figure.querySelector('canvas');
  if (!canvas) return;
  const rows = JSON.parse(figure.dataset.rows ?? '[]') as { label: string; targetMinutes: number | null }[];
  const points = [...figure.querySelectorAll<HTMLElement>('tbody tr')].map((r) => ({
    row: Number(r.dataset.row),
    minutes: Math.max(Number(r.querySelector<HTMLElement>('td[data-v]')?.dataset.v ?? '0') / 60_000, 0.5),
    within: r.dataset.within,
    title: r.querySelector('th')?.textContent?.trim() ?? '',
  }));
  const y = (row: number) => rows.length - 1 - row;
  const minutes = (m: number) => (m < 60 ? `${Math.round(m)} min` : m < 1440 ? `${+(m / 60).toFixed(1)} h` : `${+(m / 1440).toFixed(1)} d`);
  const datasets: ChartDataset<'scatter', { x: number; y: number; title?: string }[]>[] = [
    { label: 'Incident', data: points.map((p) => ({ x: p.minutes, y: y(p.row), title: p.title })), pointRadius: 5, pointStyle: 'circle' },
    {
      label: 'Target',
      data: rows.flatMap((r, i) => (r.targetMinutes === null ? [] : [{ x: r.targetMinutes, y: y(i) }])),
      pointStyle: 'line',
      pointRotation: 90,
      pointRadius: 12,
      borderWidth: 3,
    },
  ];
  const paint = () => {
    datasets[0]!.borderColor = datasets[0]!.backgroundColor = colour(figure, '--chart-1');
    datasets[1]!.borderColor = datasets[1]!.backgroundColor = colour(figure, '--chart-threshold');
    return { fg: colour(figure, '--fg'), grid: colour(figure, '--chart-grid') };
  };
  scatter(canvas, datasets, paint, {
    scales: (fg, grid) => ({
      x: {
        type: 'logarithmic',
        grid: { color: grid },
        // A log axis ticks every 1–9 × 10ⁿ minutes, labels on top of each other: mark the durations people speak in instead.
        afterBuildTicks: (scale) => {
          const ticks = SPOKEN_MINUTES.filter((m) => m >= scale.min && m <= scale.max).map((value): Tick => ({ value }));
          if (ticks.length > 1) scale.ticks = ticks;
        },
        ticks: { color: fg, callback: (v) => minutes(Number(v)) },
      },
      y: {
        min: -0.5,
        max: rows.length - 0.5,
        grid: { color: grid },
        afterBuildTicks: (scale) => {
          scale.ticks = rows.map((_, i): Tick => ({ value: y(i) }));
        },
        ticks: { color: fg, callback: (v) => rows[rows.length - 1 - Number(v)]?.label ?? '' },
      },
    }),
    label: (raw, dataset) => {
      const point = raw as { x: number; title?: string };
      return `${point.title ?? dataset}: ${minutes(point.x)}`;
    },
  });
}

/**
 * A scatter chart (the council's matrix, the KPIs' distributions): drawn with the scales and the
 * tooltip a caller gives, repainted from the page's custom properties when the scheme changes.
 */
function scatter<D extends ChartDataset<'scatter', { x: number; y: number }[]>>(
  canvas: HTMLCanvasElement,
  datasets: D[],
  paint: () => { fg: string; grid: string },
  how: { scales: (fg: string, grid: string) => NonNullable<ChartOptions<'scatter'>['scales']>; label: (raw: unknown, dataset: string) => string },
): void {
  const { fg, grid } = paint();
  const chart = new Chart(canvas, {
    type: 'scatter',
    data: { datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      color: fg,
      scales: how.scales(fg, grid),
      plugins: {
        legend: { labels: { color: fg } },
        tooltip: { callbacks: { label: (item) => how.label(item.raw, item.dataset.label ?? '') } },
      },
    },
  });
  canvas.parentElement?.classList.add('drawn');
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    const next = paint();
    chart.options.color = next.fg;
    chart.options.scales = how.scales(next.fg, next.grid);
    chart.options.plugins!.legend!.labels!.color = next.fg;
    chart.update();
  });
}
