import { testRule } from '../../../tests/support/rule-tester.ts';
import { excerpt } from '../../core/escape.ts';
import dependencyCycle from './dependency-cycle.ts';

const service = (name: string, dependsOn: string[]) => `name: ${name}\nowner: team\ntier: 2\nstatusPage: false\ndependsOn: [${dependsOn.join(', ')}]\n`;

testRule(dependencyCycle, {
  valid: [
    { name: 'a chain without a cycle', files: { 'services/web.yaml': service('Web', ['api']), 'services/edge.yaml': service('Edge', ['web', 'api']) } },
    {
      name: 'a dependency on a service that does not exist is ref/unknown, not a cycle',
      files: { 'services/web.yaml': service('Web', ['nowhere']) },
      otherErrors: true,
    },
  ],
  invalid: [
    {
      name: 'a service that depends on itself',
      files: { 'services/web.yaml': service('Web', ['api', 'web']) },
      errors: ['services/web.yaml:5:18 error service "web" depends on itself | remove "web" from its own dependsOn'],
    },
    {
      name: 'two services that depend on each other, reported once at the first by id',
      files: { 'services/api.yaml': service('API', ['web']), 'services/web.yaml': service('Web', ['api']) },
      errors: ['services/api.yaml:5:13 error services depend on each other in a cycle: api → web → api'],
    },
    {
      name: 'a cycle of three, named in order',
      files: { 'services/a.yaml': service('A', ['b']), 'services/b.yaml': service('B', ['c']), 'services/c.yaml': service('C', ['a', 'api']) },
      errors: ['services/a.yaml:5:13 error services depend on each other in a cycle: a → b → c → a'],
    },
    {
      name: 'a long chain closed at its end: no stack overflow',
      files: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`services/s${i}.yaml`, service(`S${i}`, [`s${(i + 1) % 3000}`])])),
      // The message quotes a short excerpt of the cycle.
      errors: [
        `services/s0.yaml:5:13 error services depend on each other in a cycle: ${excerpt(`${Array.from({ length: 3000 }, (_, i) => `s${i}`).join(' → ')} → s0`)}`,
      ],
    },
  ],
});
