import { testRule } from '../../../tests/support/rule-tester.ts';
import duplicateAlert from './duplicate-alert.ts';
import reservedId from './reserved-id.ts';
import reviewDate from './review-date.ts';
import sections from './sections.ts';
import stale from './stale.ts';

const FILE = 'runbooks/api-errors.md';
const SECTIONS = '## Meaning\n\nm\n\n## Impact\n\ni\n\n## Diagnosis\n\nd\n\n## Mitigation\n\nx\n';
const runbook = (lastReviewed: string, body = SECTIONS) => ({
  [FILE]: `---\ntitle: API errors\nservices: [api]\nowner: team-api\nlastReviewed: ${lastReviewed}\n---\n${body}`,
});

testRule(stale, {
  valid: [{ name: 'reviewed within 90 days', files: runbook('2026-10-01') }],
  invalid: [
    {
      name: 'reviewed more than 90 days ago',
      files: runbook('2026-03-01'),
      errors: [
        `${FILE}:5:15 warning runbook last reviewed 2026-03-01, more than 90d ago | walk through it against the current system, fix what changed, and update lastReviewed`,
      ],
    },
    {
      name: 'the interval of keel.yaml',
      files: { ...runbook('2026-10-01'), 'keel.yaml': 'organisation: { name: E, url: https://e.example }\ntimeZone: UTC\nrunbookReviewInterval: 30d\n' },
      errors: [`${FILE}:5:15 warning runbook last reviewed 2026-10-01, more than 30d ago`],
    },
  ],
});

testRule(reservedId, {
  valid: [{ name: 'any other id', files: { 'runbooks/stale-cache.md': runbook('2026-11-01')[FILE] } }],
  invalid: [
    {
      name: 'the file name is the stale list',
      files: { 'runbooks/stale.md': runbook('2026-11-01')[FILE] },
      errors: [
        'runbooks/stale.md:2:1 error runbook id "stale" is taken by the internal site\'s page /runbooks/stale/ | rename the file or set another id: (e.g. "stale-runbook"), so both pages can exist',
      ],
    },
    {
      name: 'an id written in the file',
      files: { [FILE]: runbook('2026-11-01')[FILE].replace('title:', 'id: alerts\ntitle:') },
      errors: [
        `${FILE}:2:5 error runbook id "alerts" is taken by the internal site's page /runbooks/alerts/ | rename the file or set another id: (e.g. "alerts-runbook"), so both pages can exist`,
      ],
    },
  ],
});

testRule(reviewDate, {
  valid: [{ name: 'reviewed today', files: runbook('2026-11-22') }],
  invalid: [{ name: 'reviewed in the future', files: runbook('2026-12-24'), errors: [`${FILE}:5:15 error lastReviewed 2026-12-24 is in the future`] }],
});

testRule(sections, {
  valid: [
    { name: 'all four sections', files: runbook('2026-11-01') },
    {
      name: 'read as retrospectives are: setext headings count, inline triple backticks open no fence',
      files: runbook('2026-11-01', 'Meaning\n-------\n\nm ```x``` y\n\n## Impact\n\ni\n\nDiagnosis\n---------\n\nd\n\n## Mitigation\n\nx\n'),
    },
  ],
  invalid: [
    {
      name: 'missing sections, headings in code blocks not counted',
      files: runbook('2026-11-01', '## Meaning\n\n```\n## Impact\n```\n\n## Diagnosis ##\n'),
      errors: [
        `${FILE}:7:1 warning runbook is missing sections Impact, Mitigation | add "## Impact" (every runbook has ## Meaning, ## Impact, ## Diagnosis, ## Mitigation)`,
      ],
    },
    {
      name: 'a bold line is not a heading; an unclosed fence is reported at its line and hides what follows',
      files: runbook('2026-11-01', '## Meaning\n\n**Impact**\n\n## Diagnosis\n\n```sh\nkubectl get pods\n\n## Mitigation\n\nx\n'),
      errors: [
        `${FILE}:7:1 warning runbook is missing sections Impact, Mitigation`,
        `${FILE}:13:1 warning code fence \`\`\` is never closed: every heading after it is read as code`,
      ],
    },
    {
      name: 'checked even when the front matter fails its schema',
      otherErrors: true,
      files: { [FILE]: '---\ntitle: API errors\nservices: [api]\nowner: team-api\nlastReviewed: soon\n---\n## Meaning\n## Impact\n## Diagnosis\n' },
      errors: [`${FILE}:7:1 warning runbook is missing section Mitigation`],
    },
  ],
});

const named = (file: string, alerts: string) => ({
  [file]: `---\ntitle: ${file}\nservices: [api]\nalerts: ${alerts}\nowner: team-api\nlastReviewed: 2026-11-01\n---\n${SECTIONS}`,
});

testRule(duplicateAlert, {
  valid: [
    {
      name: 'each alert in one runbook',
      files: { ...named('runbooks/pods.md', '[KubePodCrashLooping]'), ...named('runbooks/disk.md', '[NodeFilesystemSpaceFillingUp]') },
    },
    { name: 'one runbook listing an alert twice', files: named('runbooks/pods.md', '[KubePodCrashLooping, KubePodCrashLooping]') },
    {
      name: 'names differ by case (Prometheus alert names are case-sensitive)',
      files: { ...named('runbooks/a.md', '[KubeCPUOvercommit]'), ...named('runbooks/b.md', '[KubeCpuOvercommit]') },
    },
  ],
  invalid: [
    {
      name: 'two runbooks name one alert: a warning in each, naming both files',
      files: { ...named('runbooks/pods.md', '[KubePodNotReady, KubePodCrashLooping]'), ...named('runbooks/crashloop.md', '[KubePodCrashLooping]') },
      errors: [
        'runbooks/crashloop.md:4:10 warning alert "KubePodCrashLooping" is also named by runbooks/pods.md | keep the alert in one runbook, so that its alert URL opens that runbook directly, or merge the runbooks',
        'runbooks/pods.md:4:27 warning alert "KubePodCrashLooping" is also named by runbooks/crashloop.md | keep the alert in one runbook, so that its alert URL opens that runbook directly, or merge the runbooks',
      ],
    },
    {
      name: 'three runbooks',
      files: { ...named('runbooks/a.md', '[TargetDown]'), ...named('runbooks/b.md', '[TargetDown]'), ...named('runbooks/c.md', '[TargetDown]') },
      errors: [
        'runbooks/a.md:4:10 warning alert "TargetDown" is also named by runbooks/b.md and 1 more runbook',
        'runbooks/b.md:4:10 warning alert "TargetDown" is also named by runbooks/a.md and 1 more runbook',
        'runbooks/c.md:4:10 warning alert "TargetDown" is also named by runbooks/a.md and 1 more runbook',
      ],
    },
    {
      name: 'a runbook that fails its schema still counts',
      otherErrors: true,
      files: {
        ...named('runbooks/a.md', '[NodeFilesystemSpaceFillingUp]'),
        'runbooks/b.md': '---\ntitle: B\nservices: [api]\nalerts: [NodeFilesystemSpaceFillingUp]\nowner: team-api\nlastReviewed: soon\n---\n' + SECTIONS,
      },
      errors: [
        'runbooks/a.md:4:10 warning alert "NodeFilesystemSpaceFillingUp" is also named by runbooks/b.md',
        'runbooks/b.md:4:10 warning alert "NodeFilesystemSpaceFillingUp" is also named by runbooks/a.md',
      ],
    },
  ],
});
