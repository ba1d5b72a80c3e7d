import { describe, expect, it } from 'vitest';
import { sortDiagnostics, type Diagnostic } from '../core/diagnostic.ts';
import { formatDiagnosticGithub, formatDiagnosticText, formatReport, formatSummary, summarize } from './report.ts';

const severity: Diagnostic = {
  file: 'content/incidents/2024-03-04-settings-latency.md',
  line: 7,
  column: 11,
  severity: 'error',
  message: 'severity must be one of SEV0, SEV1, SEV2, SEV3, SEV4 (got "sev1")',
  rule: 'schema/enum',
  hint: 'values are case-sensitive: write "SEV1"',
};
const stale: Diagnostic = {
  file: 'content/runbooks/api.md',
  line: 6,
  column: 15,
  severity: 'warning',
  message: 'runbook last reviewed 2026-03-01, more than 90d ago',
  rule: 'runbook/stale',
};

describe('text format', () => {
  it('is file:line:col severity message  rule, the hint indented below', () => {
    expect(formatDiagnosticText(severity)).toBe(
      'content/incidents/2024-03-04-settings-latency.md:7:11 error severity must be one of SEV0, SEV1, SEV2, SEV3, SEV4 (got "sev1")  schema/enum\n' +
        '  hint: values are case-sensitive: write "SEV1"',
    );
    expect(formatDiagnosticText(stale)).toBe('content/runbooks/api.md:6:15 warning runbook last reviewed 2026-03-01, more than 90d ago  runbook/stale');
  });

  it('ends with a summary', () => {
    expect(
      formatReport([severity, stale], summarize([severity, stale], 12), 'text')
        .split('\n')
        .at(-1),
    ).toBe('12 files checked: 1 error, 1 warning');
    expect(formatReport([], summarize([], 1), 'text')).toBe('1 file checked: no problems');
  });
});

describe('summary', () => {
  it('counts errors and warnings, in the plural where needed', () => {
    expect(summarize([severity, severity, stale], 3)).toEqual({ files: 3, errors: 2, warnings: 1 });
    expect(formatSummary({ files: 3, errors: 2, warnings: 1 })).toBe('3 files checked: 2 errors, 1 warning');
    expect(formatSummary({ files: 1, errors: 1, warnings: 0 })).toBe('1 file checked: 1 error, 0 warnings');
    expect(formatSummary({ files: 0, errors: 0, warnings: 0 })).toBe('0 files checked: no problems');
    expect(formatSummary({ files: 2, errors: 0, warnings: 2 })).toBe('2 files checked: 0 errors, 2 warnings');
  });
});

describe('GitHub workflow commands', () => {
  it('puts the position and the rule in the properties, the hint after an escaped newline', () => {
    expect(formatDiagnosticGithub(severity)).toBe(
      '::error file=content/incidents/2024-03-04-settings-latency.md,line=7,col=11,title=schema/enum::severity must be one of SEV0, SEV1, SEV2, SEV3, SEV4 (got "sev1")%0Ahint: values are case-sensitive: write "SEV1"',
    );
    expect(formatDiagnosticGithub(stale)).toBe(
      '::warning file=content/runbooks/api.md,line=6,col=15,title=runbook/stale::runbook last reviewed 2026-03-01, more than 90d ago',
    );
  });

  it('escapes % and newlines in the message, and also : and , in properties', () => {
    const odd: Diagnostic = {
      file: 'content/a,b:c.yaml',
      line: 1,
      column: 2,
      severity: 'error',
      message: '100% wrong\r\nreally',
      rule: 'x/y',
      hint: 'a: b, c',
    };
    expect(formatDiagnosticGithub(odd)).toBe('::error file=content/a%2Cb%3Ac.yaml,line=1,col=2,title=x/y::100%25 wrong%0D%0Areally%0Ahint: a: b, c');
  });
});

describe('JSON', () => {
  it('is one document with the summary and the diagnostics', () => {
    const report: unknown = JSON.parse(formatReport([severity, stale], { files: 2, errors: 1, warnings: 1 }, 'json'));
    expect(report).toEqual({ summary: { files: 2, errors: 1, warnings: 1 }, diagnostics: [severity, stale] });
  });
});

describe('sortDiagnostics', () => {
  it('orders by file, line, column, then rule, without changing the input', () => {
    const d = (file: string, line: number, column: number, rule: string): Diagnostic => ({ file, line, column, rule, severity: 'error', message: '' });
    const input = [d('b.yaml', 1, 1, 'a/a'), d('a.yaml', 10, 1, 'a/a'), d('a.yaml', 2, 5, 'z/z'), d('a.yaml', 2, 5, 'b/b'), d('a.yaml', 2, 1, 'a/a')];
    const copy = [...input];
    expect(sortDiagnostics(input).map((x) => `${x.file}:${x.line}:${x.column} ${x.rule}`)).toEqual([
      'a.yaml:2:1 a/a',
      'a.yaml:2:5 b/b',
      'a.yaml:2:5 z/z',
      'a.yaml:10:1 a/a',
      'b.yaml:1:1 a/a',
    ]);
    expect(input).toEqual(copy);
  });
});

describe('gitlab format (code-quality report)', () => {
  it('is one Code Climate issue per finding, errors major and warnings minor, with stable fingerprints', () => {
    const issues = JSON.parse(formatReport([severity, stale], summarize([severity, stale], 2), 'gitlab')) as Record<string, unknown>[];
    expect(issues.map(({ fingerprint, ...rest }) => ({ ...rest, fingerprint: typeof fingerprint }))).toEqual([
      {
        description: 'severity must be one of SEV0, SEV1, SEV2, SEV3, SEV4 (got "sev1") (hint: values are case-sensitive: write "SEV1")',
        check_name: 'schema/enum',
        fingerprint: 'string',
        severity: 'major',
        location: { path: 'content/incidents/2024-03-04-settings-latency.md', lines: { begin: 7 } },
      },
      {
        description: 'runbook last reviewed 2026-03-01, more than 90d ago',
        check_name: 'runbook/stale',
        fingerprint: 'string',
        severity: 'minor',
        location: { path: 'content/runbooks/api.md', lines: { begin: 6 } },
      },
    ]);
    const again = JSON.parse(formatReport([severity], summarize([severity], 1), 'gitlab')) as { fingerprint: string }[];
    expect(again[0]!.fingerprint).toBe(issues[0]!.fingerprint);
    expect(issues[0]!.fingerprint).not.toBe(issues[1]!.fingerprint);
  });
});

describe('job summary (--format github in GitHub Actions)', () => {
  it('is a Markdown table in which content cannot break a cell or add HTML', async () => {
    const { formatJobSummary } = await import('./job-summary.ts');
    const hostile: Diagnostic = { ...stale, message: 'unknown service "a|b <script>x</script>"', rule: 'ref/unknown' };
    const text = formatJobSummary([severity, hostile], summarize([severity, hostile], 3));
    expect(text).toContain('3 files checked: 1 error, 1 warning');
    expect(text).toContain('| `content/incidents/2024-03-04-settings-latency.md:7:11` | **error** |');
    expect(text).toContain('unknown service "a\\|b \\<script>x\\</script>"');
    expect(text).not.toContain('<script>x</script>');
  });
});
