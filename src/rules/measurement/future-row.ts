import { defineRule } from '../../core/rule.ts';
import { formatDuration, wallClockText } from '../../core/time.ts';
import { upperBound } from '../../domain/slo/series.ts';
import { defineIndexRule } from '../rule.ts';

/**
 * A measurement row stamped after "now" has not happened yet: a clock skew in the exporter, a
 * time zone mistake, or a test row left behind. The SLO engine ignores such rows (they would
 * otherwise silence the alerts); this says where they are, once per file, at the first one.
 */
export default defineIndexRule({
  meta: defineRule({
    id: 'measurement/future-row',
    severity: 'warning',
    summary: 'A measurement row is stamped after now; the SLO report ignores it.',
    configurable: true,
    messages: {
      future: {
        text: 'this row is stamped {at}, {ahead} after now ({count} row(s) from here on); the SLO report ignores them until then',
        hint: 'check the exporter’s clock and time zone (timestamps need their offset), or remove the rows',
      },
    },
  }),
  check({ index, now, report }) {
    const zone = index.settings?.data.timeZone ?? 'UTC';
    for (const measurement of index.measurements) {
      const time = measurement.series.time;
      const first = upperBound(time, now);
      if (first >= time.length) continue;
      report(
        { file: measurement.file, line: measurement.rowLines[first] ?? 1, column: 1 },
        { message: 'future', data: { at: wallClockText(time[first]!, zone), ahead: formatDuration(time[first]! - now), count: String(time.length - first) } },
      );
    }
  },
});
