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

  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; next: number };
      const out = edges(frame.node);
      if (frame.next < out.length) {
        const to = out[frame.next++] as string;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(to) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent !== undefined) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let n: string;
        do {
          n = stack.pop() as string;
          onStack.delete(n);
          component.push(n);
        } while (n !== frame.node);
        const selfLoop = component.length === 1 && edges(frame.node).includes(frame.node);
        if (component.length > 1 || selfLoop) components.push(component);
      }
    }
  }

  const order = new Map(nodes.map((n, i) => [n, i] as const));
  return components
    .map((component) => {
      const members = new Set(component);
      const start = [...component].sort((a, b) => (order.get(a) as number) - (order.get(b) as number))[0] as string;
      return [...pathBack(start, members, edges), start];
    })
    .sort((a, b) => (order.get(a[0] as string) as number) - (order.get(b[0] as string) as number));
}

/** A simple cycle through `start` inside `members` (breadth-first, so it is a shortest one). */
function pathBack(start: string, members: ReadonlySet<string>, edges: (node: string) => readonly string[]): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const n = queue.shift() as string;
    for (const to of edges(n)) {
      if (!members.has(to)) continue;
      if (to === start) {
        const path = [n];
        while (path[0] !== start) path.unshift(prev.get(path[0] as string) as string);
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
