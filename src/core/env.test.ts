import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { audience, contentDir, now, outRoot } from './env.ts';
import { UsageError } from './usage-error.ts';

describe('now', () => {
  it('takes KEEL_NOW first, then SOURCE_DATE_EPOCH, then the system clock', () => {
    expect(now({ KEEL_NOW: '2026-11-22T13:00:00+01:00', SOURCE_DATE_EPOCH: '0' })).toBe(Date.parse('2026-11-22T12:00:00Z'));
    expect(now({ SOURCE_DATE_EPOCH: '1795000000' })).toBe(1_795_000_000_000);
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-01-02T03:04:05Z'));
    expect(now({})).toBe(Date.parse('2030-01-02T03:04:05Z'));
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('rejects a malformed KEEL_NOW instead of silently using the real clock', () => {
    expect(() => now({ KEEL_NOW: '2026-11-22 12:00' })).toThrow(UsageError);
    expect(() => now({ KEEL_NOW: '2026-11-22 12:00' })).toThrow(
      'KEEL_NOW must be an RFC 3339 timestamp with an offset, e.g. 2026-11-22T12:00:00Z (got "2026-11-22 12:00")',
    );
  });

  it('rejects a SOURCE_DATE_EPOCH that is not whole seconds', () => {
    expect(() => now({ SOURCE_DATE_EPOCH: '1.5e9' })).toThrow('SOURCE_DATE_EPOCH must be whole seconds since 1970 (got "1.5e9")');
  });
});

describe('audience', () => {
  it('defaults to internal and accepts public', () => {
    expect(audience({})).toBe('internal');
    expect(audience({ KEEL_AUDIENCE: '' })).toBe('internal');
    expect(audience({ KEEL_AUDIENCE: 'public' })).toBe('public');
  });
  it('rejects anything else with a clear message', () => {
    expect(() => audience({ KEEL_AUDIENCE: 'Public' })).toThrow('KEEL_AUDIENCE must be one of public, internal (got "Public")');
  });
});

describe('folders', () => {
  it('resolves content and output against the project root', () => {
    expect(contentDir('/p', {})).toBe('/p/content');
    expect(contentDir('/p', { KEEL_CONTENT: 'x/site' })).toBe('/p/x/site');
    expect(outRoot('/p', {})).toBe('/p/dist');
    expect(outRoot('/p', { KEEL_OUT_DIR: '/tmp/out' })).toBe('/tmp/out');
  });

  it('takes the project root itself as the content folder when it holds keel.yaml (a content repository)', () => {
    const repo = mkdtempSync(join(tmpdir(), 'keel-env-'));
    try {
      expect(contentDir(repo, {})).toBe(join(repo, 'content'));
      writeFileSync(join(repo, 'keel.yaml'), '');
      expect(contentDir(repo, {})).toBe(repo);
      expect(contentDir(repo, { KEEL_CONTENT: 'elsewhere' })).toBe(join(repo, 'elsewhere'));
      expect(contentDir(repo, {}, 'given')).toBe(join(repo, 'given'));
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe('now, on values RFC 3339 does not allow', () => {
  it.each(['2026-11-22T12:00:60Z', '2026-11-22T12:00:00+25:00', '2026-11-22T12:00:00-00:60', '2026-11-22T12:00:00+24:00'])('rejects KEEL_NOW=%s', (value) => {
    expect(() => now({ KEEL_NOW: value })).toThrow(UsageError);
  });

  it('reads the leap second of 2016 as the first instant of 2017', () => {
    expect(now({ KEEL_NOW: '2016-12-31T23:59:60Z' })).toBe(Date.parse('2017-01-01T00:00:00Z'));
  });

  it('rejects a SOURCE_DATE_EPOCH no date can hold', () => {
    expect(() => now({ SOURCE_DATE_EPOCH: '99999999999999999999' })).toThrow(UsageError);
    expect(now({ SOURCE_DATE_EPOCH: '8640000000' })).toBe(8.64e12);
  });
});
