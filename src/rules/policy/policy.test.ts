import { testRule } from '../../../tests/support/rule-tester.ts';
import incidentP0 from './incident-p0.ts';
import noData from './no-data.ts';
import stepOrder from './step-order.ts';

/** `extra` goes into the spec after slos (a schema error, say). */
const policy = (a: number, b: number, extra = '') => ({
  'slos/policy.yaml': `apiVersion: keel/v1\nkind: ErrorBudgetPolicy\nmetadata:\n  name: p\nspec:\n  slos: [api-latency]\n${extra}  steps:\n    - { name: first, when: { remainingBudgetBelow: ${a} }, actions: [a] }\n    - { name: second, when: { remainingBudgetBelow: ${b} }, actions: [b] }\n`,
});

// The policy names an SLO these folders do not define (ref/unknown): only step order is looked at.
testRule(stepOrder, {
  valid: [{ name: 'mildest first', files: policy(0.5, 0.25), otherErrors: true }],
  invalid: [
    {
      name: 'a later step at more budget',
      files: policy(0.25, 0.5),
      otherErrors: true,
      errors: ['slos/policy.yaml:9:53 warning step "second" holds at more remaining budget (0.5) than the step before it (0.25)'],
    },
    {
      name: 'the policy fails its schema elsewhere (approvers: nobody): its steps are still compared',
      files: policy(0.25, 0.5, '  approvers: nobody\n'),
      otherErrors: true,
      errors: ['slos/policy.yaml:10:53 warning step "second" holds at more remaining budget (0.5) than the step before it (0.25)'],
    },
  ],
});

// policy/incident-p0: a small SLO (99 % over 1 d, hourly rows of 1000 requests) whose budget is
// 240 bad requests; the incident from 10:00 to 12:00 spent 100 (83.3 %) or 20 (8.3 %).
const SLO_FILE = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout
spec:
  service: api
  indicator:
    metadata:
      name: checkout-requests
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec: { query: good }
        total:
          metricSource:
            type: Prometheus
            spec: { query: total }
  timeWindow:
    - duration: 1d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99
`;

/** `extra` goes into the spec after slos (a schema error, say). */
const incidentPolicy = (threshold: number, extra = '') =>
  `apiVersion: keel/v1\nkind: ErrorBudgetPolicy\nmetadata:\n  name: checkout-policy\nspec:\n  slos: [checkout]\n${extra}  steps:\n    - name: Big incident\n      when: { incidentConsumedAbove: ${threshold} }\n      actions: [P0 follow-up]\n`;

/** 24 hourly rows ending 2026-11-21T01:00Z … 2026-11-22T00:00Z; `bad` bad requests in the two rows ending 11:00 and 12:00. */
function csv(bad: number): string {
  const rows = ['timestamp,good,total'];
  for (let h = 1; h <= 24; h++) {
    const end = Date.UTC(2026, 10, 21, h);
    const b = h === 11 || h === 12 ? bad / 2 : 0;
    rows.push(`${new Date(end).toISOString().replace('.000Z', 'Z')},${1000 - b},1000`);
  }
  return `${rows.join('\n')}\n`;
}

const incident = (followUps: string, resolved = 'resolved: 2026-11-21T12:00:00Z\n') =>
  `---\ntitle: Checkout failed\nseverity: SEV2\nstarted: 2026-11-21T10:00:00Z\ndetected: 2026-11-21T10:05:00Z\nmitigated: 2026-11-21T11:50:00Z\n${resolved}services: [api]\nslos: [checkout]\n${followUps}---\nBody.\n`;

const P1 = 'followUps:\n  - id: A-1\n    title: Fix it\n    type: prevent\n    owner: team-api\n    due: 2026-12-01\n    priority: P1\n';
const P0 = P1.replace('P1', 'P0');
const P0_WONT = 'followUps:\n  - id: A-1\n    title: Fix it\n    type: prevent\n    status: wont-do\n    priority: P0\n';

const files = (over: Record<string, string | null>) => ({
  'slos/checkout.yaml': SLO_FILE,
  'slos/policy.yaml': incidentPolicy(0.2),
  'measurements/checkout.csv': csv(100),
  'incidents/2026-11-21-checkout.md': incident(P1),
  ...over,
});

testRule(incidentP0, {
  valid: [
    { name: 'a P0 follow-up', files: files({ 'incidents/2026-11-21-checkout.md': incident(P0) }) },
    { name: 'the incident spent less than the threshold', files: files({ 'measurements/checkout.csv': csv(20) }) },
    { name: 'an active incident (its retrospective is still to come)', files: files({ 'incidents/2026-11-21-checkout.md': incident(P1, '') }) },
    {
      name: 'no policy step about incidents',
      files: files({ 'slos/policy.yaml': incidentPolicy(0.2).replace('incidentConsumedAbove: 0.2', 'remainingBudgetBelow: 0.5') }),
    },
    { name: 'no measurements', files: files({ 'measurements/checkout.csv': 'timestamp,good,total\n' }) },
    {
      // 100 bad requests of four weeks' budget (a day holds 24,000 requests): 1.5 %, under 20 %.
      name: 'over 20 % of a day, under 20 % of the four weeks the policy names (of: 4w)',
      files: files({ 'slos/policy.yaml': incidentPolicy(0.2).replace('incidentConsumedAbove: 0.2', 'incidentConsumedAbove: { share: 0.2, of: 4w }') }),
    },
    {
      name: 'a P0 follow-up that fails its schema elsewhere (no type) is still a P0',
      files: files({ 'incidents/2026-11-21-checkout.md': incident(P0.replace('    type: prevent\n', '')) }),
      otherErrors: true,
    },
  ],
  invalid: [
    {
      name: 'over the threshold without a P0 follow-up',
      files: files({}),
      errors: [
        'incidents/2026-11-21-checkout.md:10:1 warning the incident consumed 41.7 % of the error budget of SLO "checkout", over the 20 % at which policy "checkout-policy" requires a P0 follow-up; none of its follow-ups is P0 | add the follow-up that most reduces the risk of a repeat with priority: P0 (the policy step "Big incident")',
      ],
    },
    {
      name: 'a P0 that will not be done does not count',
      files: files({ 'incidents/2026-11-21-checkout.md': incident(P0_WONT), 'slos/policy.yaml': incidentPolicy(0.4) }),
      errors: [
        'incidents/2026-11-21-checkout.md:10:1 warning the incident consumed 41.7 % of the error budget of SLO "checkout", over the 40 % at which policy "checkout-policy" requires a P0 follow-up; none of its follow-ups is P0',
      ],
    },
    {
      name: 'the policy fails its schema elsewhere (approvers: nobody)',
      files: files({ 'slos/policy.yaml': incidentPolicy(0.2, '  approvers: nobody\n') }),
      otherErrors: true,
      errors: [
        'incidents/2026-11-21-checkout.md:10:1 warning the incident consumed 41.7 % of the error budget of SLO "checkout", over the 20 % at which policy "checkout-policy" requires a P0 follow-up; none of its follow-ups is P0',
      ],
    },
    {
      name: 'the incident fails its schema elsewhere (severity: sev2)',
      files: files({ 'incidents/2026-11-21-checkout.md': incident(P1).replace('SEV2', 'sev2') }),
      otherErrors: true,
      errors: [
        'incidents/2026-11-21-checkout.md:10:1 warning the incident consumed 41.7 % of the error budget of SLO "checkout", over the 20 % at which policy "checkout-policy" requires a P0 follow-up; none of its follow-ups is P0',
      ],
    },
    {
      name: 'the SLO fails its schema outside its spec (a label key): the engine still reads its spec',
      files: files({ 'slos/checkout.yaml': SLO_FILE.replace('  name: checkout\n', '  name: checkout\n  labels: { team-: x }\n') }),
      otherErrors: true,
      errors: [
        'incidents/2026-11-21-checkout.md:10:1 warning the incident consumed 41.7 % of the error budget of SLO "checkout", over the 20 % at which policy "checkout-policy" requires a P0 follow-up; none of its follow-ups is P0',
      ],
    },
    {
      name: 'no follow-ups at all: the place is the SLO it names',
      files: files({ 'incidents/2026-11-21-checkout.md': incident('') }),
      errors: [
        'incidents/2026-11-21-checkout.md:9:8 warning the incident consumed 41.7 % of the error budget of SLO "checkout", over the 20 % at which policy "checkout-policy" requires a P0 follow-up; none of its follow-ups is P0',
      ],
    },
  ],
});

const NO_ROWS = { 'measurements/checkout.csv': 'timestamp,good,total\n', 'incidents/2026-11-21-checkout.md': null };

testRule(noData, {
  valid: [
    { name: 'an SLO with measurements', files: files({}) },
    {
      name: 'an SLO with measurements, the policy failing its schema elsewhere',
      files: files({ 'slos/policy.yaml': incidentPolicy(0.2, '  approvers: nobody\n') }),
      otherErrors: true,
    },
  ],
  invalid: [
    {
      name: 'the policy fails its schema elsewhere (approvers: nobody)',
      files: files({ ...NO_ROWS, 'slos/policy.yaml': incidentPolicy(0.2, '  approvers: nobody\n') }),
      otherErrors: true,
      errors: [
        'slos/policy.yaml:6:10 warning policy "checkout-policy" governs SLO "checkout", which has no valid measurements: it is reported as no data and no step can hold',
      ],
    },
    {
      name: 'the SLO fails its schema (a label key): it exists, without measurements',
      files: files({ ...NO_ROWS, 'slos/checkout.yaml': SLO_FILE.replace('  name: checkout\n', '  name: checkout\n  labels: { team-: x }\n') }),
      otherErrors: true,
      errors: [
        'slos/policy.yaml:6:10 warning policy "checkout-policy" governs SLO "checkout", which has no valid measurements: it is reported as no data and no step can hold',
      ],
    },
    {
      name: 'an SLO without any',
      files: files({ 'measurements/checkout.csv': 'timestamp,good,total\n', 'incidents/2026-11-21-checkout.md': null }),
      errors: [
        'slos/policy.yaml:6:10 warning policy "checkout-policy" governs SLO "checkout", which has no valid measurements: it is reported as no data and no step can hold',
      ],
    },
  ],
});
