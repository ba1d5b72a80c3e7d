import { testRule } from '../../../tests/support/rule-tester.ts';
import { excerpt } from '../../core/escape.ts';
import componentId from './component-id.ts';
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

const listed = (name: string, component: string, group?: string) =>
  `name: ${name}\nowner: team\ntier: 2\nstatusPage:\n  component: ${JSON.stringify(component)}\n${group === undefined ? '' : `  group: ${JSON.stringify(group)}\n`}`;

testRule(componentId, {
  valid: [
    {
      name: 'distinct names, and one component shared by two services',
      files: {
        'services/api.yaml': listed('API', 'REST API', 'Core'),
        'services/gateway.yaml': listed('Gateway', 'REST API', 'Core'),
        'services/web.yaml': listed('Web', 'Web app'),
      },
    },
    { name: 'a name of 255 characters', files: { 'services/long.yaml': listed('Long', 'x'.repeat(255)) } },
  ],
  invalid: [
    {
      name: 'two names that slug to one id, reported at the second with the first named',
      files: { 'services/api.yaml': listed('API', 'REST API'), 'services/rest.yaml': listed('REST', 'rest-API!') },
      errors: [
        'services/rest.yaml:5:14 error component "rest-API!" has the public id "rest-api", as component "REST API" has (services/api.yaml:5) | public ids are the names in lower case with every run of other characters as one hyphen: rename one of them',
      ],
    },
    {
      name: "a component whose id is a group's",
      files: { 'services/api.yaml': listed('API', 'API', 'Platform'), 'services/gp.yaml': listed('GP', 'Group Platform') },
      errors: ['services/gp.yaml:5:14 error component "Group Platform" has the public id "group-platform", as group "Platform" has (services/api.yaml:6)'],
    },
    {
      name: 'a name whose id is longer than a file name',
      files: { 'services/long.yaml': listed('Long', 'é'.repeat(256)) },
      errors: [
        `services/long.yaml:5:14 error component "${excerpt('é'.repeat(256))}" gives a public id of 256 characters, more than the 255 a file name may have | shorten the name: the id names the component's page, badge and feeds`,
      ],
    },
  ],
});
