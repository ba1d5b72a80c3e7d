import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertNameOf, alertPath, alertPathSegment, alertUrl } from '../../core/alert-url.ts';
import { alertTargets } from './alert-urls.ts';

describe('the alert URL contract', () => {
  it('keeps Prometheus alert names as written, case included', () => {
    for (const name of ['KubePodCrashLooping', 'NodeFilesystemSpaceFillingUp', 'KubeCPUOvercommit', 'etcd_high_fsync', 'TargetDown', 'x509-expiring.soon']) {
      expect(alertPathSegment(name)).toBe(name);
    }
    expect(alertPath('KubePodCrashLooping')).toBe('/runbooks/alerts/KubePodCrashLooping/');
    expect(alertUrl('https://reliability.example.internal/', 'KubePodCrashLooping')).toBe(
      'https://reliability.example.internal/runbooks/alerts/KubePodCrashLooping/',
    );
  });

  it('writes any other character as ~ and the hex of its UTF-8 bytes', () => {
    expect(alertPathSegment('job:errors:ratio_rate5m')).toBe('job~3Aerrors~3Aratio_rate5m');
    expect(alertPathSegment('Disk full / sda')).toBe('Disk~20full~20~2F~20sda');
    expect(alertPathSegment('Latenz hoch ü')).toBe('Latenz~20hoch~20~C3~BC');
    expect(alertPathSegment('a~b?c#d%e')).toBe('a~7Eb~3Fc~23d~25e');
    // Dot segments would climb out of the folder.
    expect(alertPathSegment('.')).toBe('~2E');
    expect(alertPathSegment('..')).toBe('~2E~2E');
    expect(alertPathSegment('...x')).toBe('...x');
  });

  it('is one-to-one and gives segments that URLs never escape', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), (name) => {
        const segment = alertPathSegment(name);
        expect(segment).toMatch(/^[A-Za-z0-9_.~-]+$/);
        expect(encodeURIComponent(segment)).toBe(segment);
        expect(segment === '.' || segment === '..').toBe(false);
        expect(alertNameOf(segment)).toBe(name);
      }),
    );
  });

  it('reads back no name from a segment it would not write', () => {
    expect(alertNameOf('a~3a')).toBeUndefined(); // lower-case hex
    expect(alertNameOf('a b')).toBeUndefined();
    expect(alertNameOf('~FF')).toBeUndefined(); // not UTF-8
    expect(alertNameOf('~41')).toBeUndefined(); // "A" is written as itself
  });
});

describe('alertTargets', () => {
  it('lists each alert once with every runbook naming it, sorted', () => {
    const targets = alertTargets([
      { id: 'kube-pod-crashlooping', title: 'KubePodCrashLooping', alerts: ['KubePodCrashLooping', 'KubePodNotReady'] },
      { id: 'node-filesystem', title: 'Node filesystem', alerts: ['NodeFilesystemSpaceFillingUp', 'NodeFilesystemAlmostOutOfSpace'] },
      { id: 'app-crashes', title: 'Application crashes', alerts: ['KubePodCrashLooping'] },
    ]);
    expect(targets.map((t) => [t.alert, t.runbooks.map((r) => r.id)])).toEqual([
      ['KubePodCrashLooping', ['app-crashes', 'kube-pod-crashlooping']],
      ['KubePodNotReady', ['kube-pod-crashlooping']],
      ['NodeFilesystemAlmostOutOfSpace', ['node-filesystem']],
      ['NodeFilesystemSpaceFillingUp', ['node-filesystem']],
    ]);
    expect(targets[0]!.path).toBe('/runbooks/alerts/KubePodCrashLooping/');
  });
});
