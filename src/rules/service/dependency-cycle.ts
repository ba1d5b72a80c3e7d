import { defineRule } from '../../core/rule.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

/**
 * Services that depend on themselves, directly or through others. Each cycle is reported once,
 * at the dependsOn item of its first service (by id) that leads into it. Iterative (Kosaraju's
 * strongly connected components), so a long chain of services cannot overflow the stack.
 */
export default defineIndexRule({
  meta: defineRule({
    id: 'service/dependency-cycle',
    severity: 'error',
    summary: 'Services whose dependsOn lead back to themselves.',
    configurable: false,
    messages: {
      self: { text: 'service "{id}" depends on itself', hint: 'remove "{id}" from its own dependsOn' },
      cycle: { text: 'services depend on each other in a cycle: {cycle}', hint: 'a dependency graph has no cycles: remove the dependency that closes it' },
    },
  }),
  check({ index, report }) {
    const services = index.collections.services;
    const byId = new Map(services.map((s) => [s.id, s]));
    const edges = new Map<string, string[]>();
    for (const s of services) edges.set(s.id, [...new Set(s.data.dependsOn.filter((d) => byId.has(d)))]);
    for (const component of stronglyConnected(edges)) {
      const start = component.reduce((a, b) => (b < a ? b : a));
      const selfLoop = edges.get(start)!.includes(start);
      if (component.length === 1 && !selfLoop) continue;
      const entry = byId.get(start)!;
      const cycle = selfLoop ? [start, start] : cycleThrough(start, new Set(component), edges);
      const item = entry.data.dependsOn.indexOf(cycle[1]!);
      const place = placeOf(entry, ['dependsOn', item]);
      if (selfLoop) report(place, { message: 'self', data: { id: start } });
      else report(place, { message: 'cycle', data: { cycle: cycle.join(' → ') } });
    }
  },
});

/** Components of the graph, each a list of nodes (Kosaraju, with explicit stacks). */
function stronglyConnected(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const order: string[] = [];
  const visited = new Set<string>();
  for (const root of [...edges.keys()].sort()) {
    if (visited.has(root)) continue;
    visited.add(root);
    const stack: { node: string; next: number }[] = [{ node: root, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const targets = edges.get(top.node)!;
      if (top.next < targets.length) {
        const target = targets[top.next++]!;
        if (!visited.has(target)) {
          visited.add(target);
          stack.push({ node: target, next: 0 });
        }
      } else {
        order.push(top.node);
        stack.pop();
      }
    }
  }
  const reverse = new Map<string, string[]>([...edges.keys()].map((k) => [k, []]));
  for (const [from, targets] of edges) for (const to of targets) reverse.get(to)!.push(from);
  const assigned = new Set<string>();
  const components: string[][] = [];
  for (let i = order.length - 1; i >= 0; i--) {
    const root = order[i]!;
    if (assigned.has(root)) continue;
    assigned.add(root);
    const component: string[] = [];
    const stack = [root];
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
      component.push(node);
      for (const from of reverse.get(node)!) {
        if (assigned.has(from)) continue;
        assigned.add(from);
        stack.push(from);
      }
    }
    components.push(component);
  }
  return components;
}

/** The shortest cycle from `start` back to itself inside `component`: [start, …, start]. */
function cycleThrough(start: string, component: ReadonlySet<string>, edges: ReadonlyMap<string, readonly string[]>): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const to of [...edges.get(node)!].sort()) {
      if (to === start) {
        const path = [start];
        for (let at: string | undefined = node; at !== start && at !== undefined; at = parent.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!component.has(to) || parent.has(to)) continue;
      parent.set(to, node);
      queue.push(to);
    }
  }
  return [start, start];
}
