import { describe, expect, it } from 'vitest';
import { problems } from '../../tests/support/schema-problems.ts';
import { isTimeZone } from '../core/time.ts';
import { RETROSPECTIVE_SECTIONS } from './retrospective.ts';
import { SettingsSchema, SEVERITY_DEFAULTS } from './settings.ts';

const minimal = { organisation: { name: 'Example Corp', url: 'https://example.com' }, timeZone: 'Europe/Berlin' };

describe('SettingsSchema', () => {
  it('fills in every default from a minimal keel.yaml', () => {
    expect(SettingsSchema.parse(minimal)).toEqual({
      organisation: { name: 'Example Corp', url: 'https://example.com' },
      timeZone: 'Europe/Berlin',
      severities: SEVERITY_DEFAULTS,
      publicUpdateCadence: '60m',
      rules: {},
      runbookReviewInterval: '90d',
      measurementStaleAfter: '2h',
      monitoringUpdateCadence: '2h',
      retrospective: { requiredSections: RETROSPECTIVE_SECTIONS.map((s) => ({ heading: s.heading, aliases: [...s.aliases] })) },
    });
  });

  it('merges a partial severity with its defaults, field by field', () => {
    const settings = SettingsSchema.parse({ ...minimal, severities: { SEV1: { timeToAction: '15m' }, SEV3: {} } });
    expect(settings.severities.SEV1).toEqual({ ...SEVERITY_DEFAULTS.SEV1, timeToAction: '15m' });
    expect(settings.severities.SEV3).toEqual(SEVERITY_DEFAULTS.SEV3);
    expect(settings.severities.SEV0).toEqual(SEVERITY_DEFAULTS.SEV0);
  });

  it('has the documented severity defaults', () => {
    expect(Object.fromEntries(Object.entries(SEVERITY_DEFAULTS).map(([k, v]) => [k, [v.timeToAction, v.retrospectiveDueDays]]))).toEqual({
      SEV0: ['5m', 5],
      SEV1: ['30m', 5],
      SEV2: ['1h', 10],
      SEV3: ['1d', 20],
      SEV4: ['1w', 30],
    });
  });

  it('keeps given values', () => {
    const settings = SettingsSchema.parse({
      ...minimal,
      publicUpdateCadence: '30m',
      runbookReviewInterval: '1Q',
      launchedOn: '2026-01-01',
      organisation: { ...minimal.organisation, statusPageUrl: 'https://status.example.com' },
    });
    expect([settings.publicUpdateCadence, settings.runbookReviewInterval, settings.launchedOn, settings.organisation.statusPageUrl]).toEqual([
      '30m',
      '1Q',
      '2026-01-01',
      'https://status.example.com',
    ]);
  });

  it('requires organisation and timeZone', () => {
    expect(problems(SettingsSchema, {})).toEqual([
      'schema/required organisation is required | add organisation — who runs the portal',
      'schema/required timeZone is required | add timeZone — IANA time zone used to show times, e.g. Europe/Berlin',
    ]);
  });

  it('rejects an unknown time zone, a bad URL, a bad duration, an unknown severity and unknown fields', () => {
    expect(
      problems(SettingsSchema, {
        organisation: { name: 'X', url: 'example.com' },
        timeZone: 'Europe/Berlinn',
        publicUpdateCadence: '1 hour',
        severities: { SEV5: {}, SEV1: { timeToAction: '30 min', retrospectiveDueDays: 0 } },
        theme: 'dark',
      }),
    ).toEqual([
      'schema/format organisation.url must be a valid http(s) URL (got "example.com")',
      'schema/time-zone timeZone must be an IANA time zone such as Europe/Berlin | see the "TZ identifier" column of the IANA tz database, e.g. America/New_York or UTC',
      'schema/duration severities.SEV1.timeToAction must be a duration like 5m, 1h, 28d (got "30 min") | use one of the units m h d w M Q Y after a whole number, e.g. 30m or 4h',
      'schema/range severities.SEV1.retrospectiveDueDays must be greater than 0 (got 0)',
      'schema/unknown-field unknown field "SEV5" in severities | known fields here: SEV0, SEV1, SEV2, SEV3, SEV4',
      'schema/duration publicUpdateCadence must be a duration like 5m, 1h, 28d (got "1 hour") | use one of the units m h d w M Q Y after a whole number, e.g. 30m or 4h',
      'schema/unknown-field unknown field "theme" | known fields here: organisation, timeZone, severities, publicUpdateCadence, monitoringUpdateCadence, runbookReviewInterval, measurementStaleAfter, internalSiteUrl, prometheus, rules, retrospectivesFrom, launchedOn, retrospective',
    ]);
  });

  it('knows IANA time zones', () => {
    expect(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'].every(isTimeZone)).toBe(true);
    expect(['Mars/Olympus_Mons', 'CEST+1', ''].some(isTimeZone)).toBe(false);
  });

  it("takes a required section as a heading or { heading, aliases }, and rejects an alias that is another section's heading or alias", () => {
    const base = { organisation: { name: 'E', url: 'https://e.example' }, timeZone: 'UTC' };
    const parsed = SettingsSchema.parse({ ...base, retrospective: { requiredSections: ['Summary', { heading: 'Action items', aliases: ['Next steps'] }] } });
    expect(parsed.retrospective.requiredSections).toEqual([
      { heading: 'Summary', aliases: [] },
      { heading: 'Action items', aliases: ['Next steps'] },
    ]);
    const bad = SettingsSchema.safeParse({
      ...base,
      retrospective: {
        requiredSections: [
          'Timeline',
          { heading: 'Follow-up actions', aliases: ['Next steps', 'timeline'] },
          { heading: 'Narrative', aliases: ['Next Steps'] },
        ],
      },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => `${i.path.join('.')} ${i.message}`)).toEqual([
      'retrospective.requiredSections.1.aliases.1 alias "timeline" of "Follow-up actions" is the heading of "Timeline": a heading can count as one section only',
      'retrospective.requiredSections.2.aliases.0 alias "Next Steps" of "Narrative" is an alias of "Follow-up actions": a heading can count as one section only',
    ]);
  });
});
