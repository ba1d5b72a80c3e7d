import { testRule } from '../../../tests/support/rule-tester.ts';
import component from './component.ts';

const SLO =
  'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: api-availability\nspec:\n  service: api\n  indicator:\n    metadata: { name: api-ok }\n    spec:\n      ratioMetric:\n        good: { metricSource: { type: P, spec: {} } }\n        total: { metricSource: { type: P, spec: {} } }\n  timeWindow:\n    - { duration: 28d, isRolling: true }\n  budgetingMethod: Occurrences\n  objectives:\n    - target: 0.99\n';

/** The same SLO with two named objectives. */
const TWO = SLO.replace('api-availability', 'api-two').replace(
  '    - target: 0.99\n',
  '    - { displayName: 99% monthly, target: 0.99 }\n    - { displayName: 95% weekly, target: 0.95 }\n',
);

/** A composite SLO: two objectives, each with its own indicator. */
const ratio = (name: string) =>
  `      indicator:\n        metadata: { name: ${name} }\n        spec:\n          ratioMetric:\n            good: { metricSource: { type: P, spec: {} } }\n            total: { metricSource: { type: P, spec: {} } }\n`;
const COMPOSITE =
  'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: checkout-journey\nspec:\n  service: api\n  timeWindow:\n    - { duration: 28d, isRolling: true }\n  budgetingMethod: Occurrences\n  objectives:\n' +
  `    - displayName: cart\n      target: 0.99\n${ratio('cart-ok')}    - displayName: pay\n      target: 0.99\n${ratio('pay-ok')}`;

const FILE = 'incidents/2026-11-10-api.mdx';
/** An open SEV3 incident (no retrospective checks) whose body starts on line 7. */
const incident = (body: string, file = FILE) => ({
  'slos/api.yaml': SLO,
  'slos/two.yaml': TWO,
  'slos/composite.yaml': COMPOSITE,
  [file]: ['---', 'title: API errors', 'severity: SEV3', 'started: 2026-11-10T10:00:00Z', 'services: [api]', '---', body].join('\n'),
});

testRule(component, {
  valid: [
    { name: 'both components with literal props', files: incident('## Narrative\n\n<KeyTimes />\n\n<SloChart slo="api-availability" />\n') },
    {
      name: 'a chart with from and to',
      files: incident('<SloChart slo="api-availability" from="2026-11-10T08:00:00Z" to="2026-11-10T12:00:00+01:00" />\n'),
    },
    {
      name: 'an objective by its displayName, or by its position where it has none',
      files: incident('<SloChart slo="api-two" objective="95% weekly" />\n\n<SloChart slo="api-availability" objective="objective 0" />\n'),
    },
    { name: "a composite SLO's combination", files: incident('<SloChart slo="checkout-journey" objective="composite" />\n') },
    { name: 'HTML elements are not components', files: incident('<div class="note">\n\nquiet\n\n</div>\n') },
    { name: 'a .md body is not MDX', files: incident('<Unknown />\n', 'incidents/2026-11-10-api.md') },
  ],
  invalid: [
    {
      name: 'an unknown component, with a likely typo',
      files: incident('Text.\n\n<SloCharts slo="api-availability" />\n\n<Mermaid />\n'),
      errors: [
        `${FILE}:9:1 error unknown component <SloCharts> | did you mean <SloChart>?`,
        `${FILE}:11:1 error unknown component <Mermaid> | MDX bodies of incidents may use <SloChart>, <KeyTimes>`,
      ],
    },
    {
      name: 'an SLO that does not exist, with did you mean',
      files: incident('<SloChart slo="api-availabilty" />\n\n<SloChart slo="nothing" />\n'),
      errors: [
        `${FILE}:7:11 error <SloChart> names SLO "api-availabilty", which does not exist | did you mean "api-availability"?`,
        `${FILE}:9:11 error <SloChart> names SLO "nothing", which does not exist | SLOs are the metadata.name of the SLO documents in slos/`,
      ],
    },
    {
      name: 'an objective the SLO does not have, with did you mean',
      files: incident('<SloChart slo="api-two" objective="99 % monthly" />\n\n<SloChart objective="p99" slo="api-two" />\n'),
      errors: [
        `${FILE}:7:25 error <SloChart> names objective "99 % monthly", which SLO "api-two" does not have | did you mean "99% monthly"?`,
        `${FILE}:9:11 error <SloChart> names objective "p99", which SLO "api-two" does not have | its objectives: "99% monthly", "95% weekly" (a displayName, else "objective <i>" from 0); without objective the chart shows each`,
      ],
    },
    {
      name: 'a composite of an SLO that is not one',
      files: incident('<SloChart slo="api-two" objective="composite" />\n\n<SloChart slo="checkout-journey" objective="cart " />\n'),
      errors: [
        `${FILE}:7:25 error <SloChart> names objective "composite", which SLO "api-two" does not have | its objectives: "99% monthly", "95% weekly" (a displayName, else "objective <i>" from 0); without objective the chart shows each`,
        `${FILE}:9:34 error <SloChart> names objective "cart ", which SLO "checkout-journey" does not have | did you mean "cart"?`,
      ],
    },
    {
      name: 'props that are not literal strings, missing, unknown or not a time',
      files: incident(
        '<SloChart slo={name} />\n\n<SloChart />\n\n<SloChart slo="api-availability" form="2026-11-10T08:00:00Z" to="yesterday" />\n\n<KeyTimes {...props} />\n',
      ),
      errors: [
        `${FILE}:7:11 error <SloChart> prop slo must be a literal string (it is an expression) | write slo="…": Keel reads props without running the MDX, so expressions and bare names are not read`,
        `${FILE}:9:1 error <SloChart> needs the prop slo | e.g. <SloChart slo="…" />`,
        `${FILE}:11:34 error <SloChart> has no prop form | did you mean from?`,
        `${FILE}:11:62 error <SloChart> to must be a time with an offset (got "yesterday") | e.g. to="2026-11-10T14:00:00+02:00"; without it the chart shows as long before and after the incident as it lasted`,
        `${FILE}:13:11 error <KeyTimes> has no prop ... | <KeyTimes> takes no props`,
      ],
    },
    {
      name: 'a component in a runbook',
      files: {
        'runbooks/api.mdx': '---\ntitle: API\nservices: [api]\nowner: team-api\nlastReviewed: 2026-11-01\n---\n\n<KeyTimes />\n',
      },
      otherErrors: true,
      errors: ['runbooks/api.mdx:8:1 error component <KeyTimes> is for incident retrospectives, not runbooks | remove it, or describe the figure in words'],
    },
  ],
});
