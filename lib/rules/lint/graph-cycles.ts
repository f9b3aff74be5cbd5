/**
 * The cycles of a directed graph, one per strongly connected component that has a cycle
 * (Tarjan's algorithm, iterative). Each cycle is returned as a path that starts and ends at
 * the component's first node in `nodes` order, so results are deterministic.
 */
export function findCycles(nodes: readonly string[], edgesOf: (node: string) => readonly string[]): string[][] {
  const known = new Set(nodes);
  const adjacency = new Map<string, readonly string[]>();
  const edges = (node: string): readonly string[] => {
    let out = adjacency.get(node);
    if (out === undefined) {
      out = edgesOf(node).filter((n) => known.has(n));
      adjacency.set(node, out);
    }
    return out;
  };
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  // Every node on the work list has been given an index and a low link.
  const lowOf = (node: string): number => low.get(node) ?? Infinity;

  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    for (let frame = work.at(-1); frame !== undefined; frame = work.at(-1)) {
      const to = edges(frame.node)[frame.next++];
      if (to !== undefined) {
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(lowOf(frame.node), index.get(to) ?? Infinity));
        }
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent !== undefined) low.set(parent.node, Math.min(lowOf(parent.node), lowOf(frame.node)));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        for (let n = stack.pop(); n !== undefined; n = n === frame.node ? undefined : stack.pop()) {
          onStack.delete(n);
          component.push(n);
        }
        const selfLoop = component.length === 1 && edges(frame.node).includes(frame.node);
        if (component.length > 1 || selfLoop) components.push(component);
      }
    }
  }

  const order = new Map(nodes.map((n, i) => [n, i] as const));
  const rank = (node: string | undefined): number => (node === undefined ? Infinity : (order.get(node) ?? Infinity));
  return components
    .flatMap((component) => {
      const start = [...component].sort((a, b) => rank(a) - rank(b))[0];
      return start === undefined ? [] : [[...pathBack(start, new Set(component), edges), start]];
    })
    .sort((a, b) => rank(a[0]) - rank(b[0]));
}

/** A simple cycle through `start` inside `members` (breadth-first, so it is a shortest one). */
function pathBack(start: string, members: ReadonlySet<string>, edges: (node: string) => readonly string[]): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
    for (const to of edges(n)) {
      if (!members.has(to)) continue;
      if (to === start) {
        // Walk back to `start`: every node reached from it has a predecessor.
        const path = [n];
        for (let p = prev.get(n); n !== start && p !== undefined; p = p === start ? undefined : prev.get(p)) path.unshift(p);
        return path;
      }
      if (!prev.has(to)) {
        prev.set(to, n);
        queue.push(to);
      }
    }
  }
  return [start];
}
