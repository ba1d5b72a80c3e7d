import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { issuesToDiagnostics } from '../content/zod-issues.ts';
import { durationMs, isTimestamp } from '../core/time.ts';
import { CalendarDate, Duration, Id, RFC1123_LABEL, Severity, Timestamp, Url } from './common.ts';

/** `rule message` (+ `hint`) for every problem the schema finds, as the validator prints them. */
function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return [];
  return issuesToDiagnostics(result.error.issues, { file: 'f', locate: () => ({ line: 1, column: 1 }), schema }).flatMap((d) =>
    d.hint ? [`${d.rule} ${d.message}`, `  hint: ${d.hint}`] : [`${d.rule} ${d.message}`],
  );
}

describe('Timestamp', () => {
  it.each([
    '2026-03-04T10:15:00Z',
    '2026-03-04T10:15:00z',
    '2026-03-04t10:15:00+01:00',
    '2026-03-04T10:15:00.123-05:30',
    '2024-02-29T00:00:00Z',
    // Leap seconds, at 23:59:60 UTC of the days that had one, in any offset.
    '2016-12-31T23:59:60Z',
    '2016-12-31T15:59:60-08:00',
    '2015-07-01T01:59:60+02:00',
    '2016-12-31T23:59:60.5Z',
  ])('accepts %s', (value) => {
    expect(problems(Timestamp, value)).toEqual([]);
    expect(isTimestamp(value)).toBe(true);
  });

  it('rejects a naive date and time with rule schema/timestamp-offset and the fix in the hint', () => {
    expect(problems(Timestamp, '2026-03-04T10:15:00')).toEqual([
      'schema/timestamp-offset value must have a UTC offset (got "2026-03-04T10:15:00")',
      '  hint: every time needs an offset so it means one instant: write "2026-03-04T10:15:00Z" for UTC or add your offset, e.g. "2026-03-04T10:15:00+01:00"',
    ]);
  });

  it.each([
    ['2026-03-04 10:15', '2026-03-04T10:15:00'],
    ['2026-03-04T10:15', '2026-03-04T10:15:00'],
    ['2026-03-04 10:15:30.5', '2026-03-04T10:15:30.5'],
    ['2026-03-04', '2026-03-04T00:00:00'],
  ])('suggests the full instant for the naive %s', (value, base) => {
    expect(problems(Timestamp, value)).toEqual([
      `schema/timestamp-offset value must have a UTC offset (got "${value}")`,
      `  hint: every time needs an offset so it means one instant: write "${base}Z" for UTC or add your offset, e.g. "${base}+01:00"`,
    ]);
  });

  it.each([
    'yesterday',
    '2026-02-29T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-03-04T24:00:00Z',
    '2026-03-04T10:60:00Z',
    '2026-03-04T10:15:00+0100',
    '10:15',
    // A seconds field of 60 on a day without a leap second, or not at 23:59 UTC.
    '2026-12-31T23:59:60Z',
    '2016-12-31T22:59:60Z',
    '2016-12-31T23:59:60+01:00',
    // Offsets of 24 hours or more, or of 60 minutes.
    '2026-03-04T10:15:00+24:00',
    '2026-03-04T10:15:00+25:00',
    '2026-03-04T10:15:00-00:60',
    '2026-03-04T10:15:00+99:99',
  ])('rejects %s as not RFC 3339', (value) => {
    expect(isTimestamp(value)).toBe(false);
    expect(problems(Timestamp, value)).toEqual([
      `schema/timestamp value must be an RFC 3339 timestamp (got "${value}")`,
      '  hint: write times as 2026-03-04T10:15:00Z or 2026-03-04T11:15:00+01:00',
    ]);
  });

  it('is a string: a number is a type error', () => {
    expect(problems(Timestamp, 1_700_000_000)).toEqual(['schema/type document must be text (got 1700000000)', '  hint: quote the value to keep it as text']);
  });
});

describe('CalendarDate', () => {
  it.each(['2026-03-04', '2024-02-29', '2000-02-29'])('accepts %s', (value) => expect(problems(CalendarDate, value)).toEqual([]));

  it.each(['2026-02-29', '1900-02-29', '2026-04-31', '2026-00-10', '2026-1-5', '2026-03-04T00:00:00Z', '04.03.2026'])('rejects %s', (value) => {
    expect(problems(CalendarDate, value)).toEqual([`schema/date value must be a date YYYY-MM-DD (got "${value}")`, '  hint: write dates as 2026-03-04']);
  });
});

describe('Duration (OpenSLO duration shorthand)', () => {
  it.each(['1m', '1M', '5m', '12h', '4w', '1Q', '365d', '1Y', '28d', '90d'])('accepts %s', (value) => expect(problems(Duration, value)).toEqual([]));

  it('reads 1m as a minute and 1M as a month: units are case-sensitive', () => {
    expect(durationMs('1m')).toBe(60_000);
    expect(durationMs('1M')).toBe(30 * 86_400_000);
    expect(durationMs('2h')).toBe(7_200_000);
    expect(durationMs('1w')).toBe(7 * 86_400_000);
    expect(durationMs('1Q')).toBe(90 * 86_400_000);
    expect(durationMs('1Y')).toBe(365 * 86_400_000);
  });

  it.each(['5 min', '1s', '30 minutes', '2 hours', '10sec'])('rejects %s, with the units to use', (value) => {
    expect(problems(Duration, value)).toEqual([
      `schema/duration value must be a duration like 5m, 1h, 28d (got "${value}")`,
      '  hint: use one of the units m h d w M Q Y after a whole number, e.g. 30m or 4h',
    ]);
  });

  it.each(['0d', '1D', '1H', '01h', '1.5h', '-1h', 'h', '1', '1mo'])('rejects %s, explaining the shorthand', (value) => {
    expect(problems(Duration, value)).toEqual([
      `schema/duration value must be a duration like 5m, 1h, 28d (got "${value}")`,
      '  hint: a whole number followed by one unit: m (minute) h d w M (month) Q Y; units are case-sensitive',
    ]);
  });
});

describe('Id (RFC 1123 label)', () => {
  it.each(['a', '0', 'api', 'api-v2', '2026-11-03-checkout-outage', 'a'.repeat(63)])('accepts %s', (value) => {
    expect(RFC1123_LABEL.test(value)).toBe(true);
    expect(problems(Id, value)).toEqual([]);
  });

  it.each([
    ['Api', 'api'],
    ['my_service', 'my-service'],
    ['-api', 'api'],
    ['api-', 'api'],
    ['OnCallDevopsMailNotification', 'on-call-devops-mail-notification'],
    ['web.shop', 'web-shop'],
    ['a'.repeat(64), 'a'.repeat(63)],
    ['', 'my-id'],
    ['!!!', 'my-id'],
  ])('rejects %j and suggests %j', (value, suggestion) => {
    expect(RFC1123_LABEL.test(value)).toBe(false);
    expect(problems(Id, value)).toEqual([
      `schema/id value is not a valid id (got "${value}")`,
      `  hint: ids use lower-case letters, digits and hyphens (at most 63), e.g. "${suggestion}"`,
    ]);
  });
});

describe('Url, Severity', () => {
  it('accepts http and https only', () => {
    expect(problems(Url, 'https://example.com/x')).toEqual([]);
    expect(problems(Url, 'http://example.com')).toEqual([]);
    expect(problems(Url, 'ftp://example.com')).toEqual(['schema/format value must be a valid http(s) URL (got "ftp://example.com")']);
    expect(problems(Url, 'example.com')).toEqual(['schema/format value must be a valid http(s) URL (got "example.com")']);
  });

  it('severities are upper case, SEV0 to SEV4', () => {
    expect(Severity.options).toEqual(['SEV0', 'SEV1', 'SEV2', 'SEV3', 'SEV4']);
    expect(problems(Severity, 'sev2')).toEqual([
      'schema/enum value must be one of SEV0, SEV1, SEV2, SEV3, SEV4 (got "sev2")',
      '  hint: values are case-sensitive: write "SEV2"',
    ]);
    expect(problems(Severity, 'SEV5')).toEqual(['schema/enum value must be one of SEV0, SEV1, SEV2, SEV3, SEV4 (got "SEV5")']);
  });
});
