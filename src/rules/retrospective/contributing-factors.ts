import { defineRule } from '../../core/rule.ts';
import { retrospectiveState } from '../retrospective-state.ts';
import { defineBodyRule } from '../rule.ts';

export default defineBodyRule({
  meta: defineRule({
    id: 'retrospective/contributing-factors',
    severity: 'error',
    summary:
      'A retrospective whose front matter lists no contributing factor (contributingFactors). An error once published; a warning on a draft or in-review retrospective of a resolved incident.',
    configurable: true,
    messages: {
      none: {
        text: '{status} retrospective lists no contributing factor',
        hint: 'add contributingFactors: in the front matter, each with a category (technical, process, people, external) and a description; the "## Contributing factors" section tells their story',
      },
    },
  }),
  collections: ['incidents'],
  check(body, { file, data, placeOf, report }) {
    const state = retrospectiveState(data, body.text);
    if (!state) return;
    const front = data as { contributingFactors?: unknown; review?: { status?: unknown } };
    const factors = front.contributingFactors;
    if (Array.isArray(factors) ? factors.length > 0 : factors !== undefined && factors !== null) return;
    const place =
      factors !== undefined
        ? placeOf(['contributingFactors'], 'key')
        : typeof front.review === 'object' && front.review !== null && front.review.status !== undefined
          ? placeOf(['review', 'status'])
          : { file, line: 1, column: 1 };
    report(place, { message: 'none', data: { status: state.status }, severity: state.severity });
  },
});
