import { findCycles } from '../graph-cycles';
import { defineLintRule } from '../lint-rule';

/**
 * Macros that reference each other in a loop (Falco `filter_macro_resolver`: "reference loop in
 * macro"). Only references Falco follows are edges: to a macro defined before the referring
 * macro's last change. Forward references are `undefined-macro` findings instead.
 */
export const macroCycle = defineLintRule({
  id: 'macro-cycle',
  severity: 'error',
  description: 'Macros that reference each other in a loop.',
  messages: {
    cycle: (path: readonly string[]) =>
      `macro '${path[0]}' references itself through ${path.map((p) => `'${p}'`).join(' -> ')}; Falco fails with 'reference loop in macro', so break the loop`,
  },
  check(ctx, report) {
    const names = ctx.ruleset.macros.map((m) => m.name);
    const edges = (name: string): string[] => {
      const m = ctx.macros.get(name);
      if (m === undefined) return [];
      return ctx
        .identifiers(ctx.macroCondition(name).ast)
        .map((i) => i.identifier)
        .filter((ref) => (ctx.macros.get(ref)?.index ?? Infinity) < m.visibility);
    };
    for (const cycle of findCycles(names, edges)) {
      const first = cycle[0] === undefined ? undefined : ctx.macros.get(cycle[0]);
      if (first !== undefined) report(first.defined, this.messages.cycle(cycle));
    }
  },
});
