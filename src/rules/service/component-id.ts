import { MAX_NAME_BYTES } from '../../core/limits.ts';
import { defineRule } from '../../core/rule.ts';
import { groupId, publicId } from '../../core/slug.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

/** What a public id is made from: a component's name or a group's. */
interface Owner {
  what: 'component' | 'group';
  name: string;
  /** Where it is written, placed only for a finding (a position parses the file again). */
  where: () => string;
}

/**
 * The public site names each status-page component by an id made from its name (src/core/slug.ts):
 * its page `/components/<id>/`, badge and feeds, and its id in `api/v2/components.json`, beside the
 * groups' ids. Two names that give one id would share (and lose) a page; an id longer than a file
 * name fails the build. Both are caught here, before a build.
 */
export default defineIndexRule({
  meta: defineRule({
    id: 'service/component-id',
    severity: 'error',
    summary: 'Two status-page components (or groups) whose names give one public id, or a name whose id is too long for a file name.',
    configurable: false,
    messages: {
      collision: {
        text: '{what} "{name}" has the public id "{id}", as {otherWhat} "{otherName}" has ({where})',
        hint: 'public ids are the names in lower case with every run of other characters as one hyphen: rename one of them',
      },
      long: {
        text: 'component "{name}" gives a public id of {length} characters, more than the {max} a file name may have',
        hint: "shorten the name: the id names the component's page, badge and feeds",
      },
    },
  }),
  check({ index, report }) {
    const owners = new Map<string, Owner>();
    for (const service of index.collections.services) {
      const statusPage = service.data.statusPage;
      if (statusPage === false) continue;
      const named: [Owner['what'], string, string, string[]][] = [
        ['component', statusPage.component, publicId(statusPage.component), ['statusPage', 'component']],
      ];
      if (statusPage.group !== undefined) named.push(['group', statusPage.group, groupId(statusPage.group), ['statusPage', 'group']]);
      for (const [what, name, id, path] of named) {
        if (what === 'component' && id.length > MAX_NAME_BYTES) {
          report(placeOf(service, path), { message: 'long', data: { name, length: id.length, max: MAX_NAME_BYTES } });
          continue;
        }
        const other = owners.get(id);
        const where = () => {
          const place = placeOf(service, path);
          return `${place.file}:${place.line}`;
        };
        if (!other) owners.set(id, { what, name, where });
        // The same component named by several services is one component; only other names collide.
        else if (other.what !== what || other.name !== name) {
          report(placeOf(service, path), {
            message: 'collision',
            data: { what, name, id, otherWhat: other.what, otherName: other.name, where: other.where() },
          });
        }
      }
    }
  },
});
