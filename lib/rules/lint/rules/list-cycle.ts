import { findCycles } from '../graph-cycles';
import { defineLintRule } from '../lint-rule';

/**
 * Lists whose items name each other in a loop. Falco expands list references one level only
 * (`compile_list_infos`), so it does not loop, but the names end up as literal values in
 * conditions: almost certainly not what was meant. A warning because Falco loads it.
 */
export const listCycle = defineLintRule({
  id: 'list-cycle',
  severity: 'warning',
  description: 'Lists that include each other in a loop.',
  messages: {
    cycle: (path: readonly string[]) =>
      `list '${path[0]}' includes itself through ${path.map((p) => `'${p}'`).join(' -> ')}; Falco then matches the list names as literal values, so break the loop`,
  },
  check(ctx, report) {
    const names = ctx.ruleset.lists.map((l) => l.name);
    const edges = (name: string): string[] => (ctx.lists.get(name)?.items ?? []).filter((item) => ctx.lists.has(item));
    for (const cycle of findCycles(names, edges)) {
      const first = cycle[0] === undefined ? undefined : ctx.lists.get(cycle[0]);
      if (first !== undefined) report(first.defined, this.messages.cycle(cycle));
    }
  },
});
