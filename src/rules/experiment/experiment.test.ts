import { testRule } from '../../../tests/support/rule-tester.ts';
import { EXPERIMENT_RESULTS } from '../../schemas/rules.ts';
import refUnknown from '../ref/unknown.ts';
import type { Rule } from '../rule.ts';
import runWindow from './run-window.ts';

const FILE = 'experiments/pod-kill.md';
const experiment = (times: string, { status = 'planned', slo = 'api-availability' } = {}) => ({
  [FILE]: `---
title: Kill an API pod
gameDay: 2026-q4
status: ${status}
services: [api]
hypothesis: Traffic moves to the other pods.
steadyState: { slo: ${slo} }
method: kubectl delete pod
blastRadius: One pod of three.
backOutPlan: None needed.
roles: { driver: "@a", recorder: "@b", commander: "@c" }
${times}---
`,
  'slos/api.yaml': `apiVersion: openslo/v1
kind: SLO
metadata: { name: api-availability }
spec:
  service: api
  indicator:
    metadata: { name: api-requests }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: Prometheus, spec: { query: good } } }
        total: { metricSource: { type: Prometheus, spec: { query: total } } }
  timeWindow: [{ duration: 28d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
`,
});

testRule(runWindow, {
  valid: [
    { name: 'ends after it starts', files: experiment('executedAt: 2026-10-28T11:05:00+01:00\nendedAt: 2026-10-28T11:50:00+01:00\n') },
    { name: 'no end recorded', files: experiment('executedAt: 2026-10-28T11:05:00+01:00\n') },
  ],
  invalid: [
    {
      name: 'ends before it starts (offsets compared as instants)',
      files: experiment('executedAt: 2026-10-28T11:05:00+01:00\nendedAt: 2026-10-28T09:50:00Z\n'),
      errors: [
        `${FILE}:13:10 error endedAt (2026-10-28T09:50:00Z) is not after executedAt (2026-10-28T11:05:00+01:00) | it ends 15 min before it starts: check the date and the offset`,
      ],
    },
    {
      name: 'ends as it starts',
      files: experiment('executedAt: 2026-10-28T11:05:00+01:00\nendedAt: 2026-10-28T10:05:00Z\n'),
      errors: [
        `${FILE}:13:10 error endedAt (2026-10-28T10:05:00Z) is not after executedAt (2026-10-28T11:05:00+01:00) | the steady-state SLO is read from executedAt to endedAt; check the date and the offset`,
      ],
    },
    {
      name: 'an end without a start',
      files: experiment('endedAt: 2026-10-28T10:50:00Z\n'),
      errors: [`${FILE}:12:10 error endedAt without executedAt | record when the fault was injected (executedAt), or remove endedAt`],
    },
  ],
});

/** A schema rule's findings through the same tester: the rule as the validator reports it. */
const schemaRule = (meta: Rule['meta']): Rule => ({ meta, check: () => undefined }) as unknown as Rule;
const RESULTS = 'results: { timeToKnow: 2m, timeToDetection: 4m, blackBoxAlertsFired: true, hypothesisHeld: true }\n';

testRule(schemaRule(EXPERIMENT_RESULTS), {
  valid: [
    { name: 'executed, with its time and results', files: experiment(`executedAt: 2026-10-28T11:05:00+01:00\n${RESULTS}`, { status: 'executed' }) },
    { name: 'aborted without results', files: experiment('', { status: 'aborted' }) },
  ],
  invalid: [
    {
      name: 'executed without results: at the status line',
      files: experiment('executedAt: 2026-10-28T11:05:00+01:00\n', { status: 'executed' }),
      errors: [
        `${FILE}:4:9 error an executed experiment needs executedAt and results | record when it ran and timeToKnow, timeToDetection, blackBoxAlertsFired, hypothesisHeld`,
      ],
    },
  ],
});

testRule(refUnknown, {
  valid: [{ name: 'a defined steady-state SLO', files: experiment('') }],
  invalid: [
    {
      name: 'a misspelt steady-state SLO, with "did you mean"',
      files: experiment('', { slo: 'api-availabilty' }),
      errors: [`${FILE}:7:21 error unknown SLO "api-availabilty" | did you mean "api-availability"?`],
    },
  ],
});
