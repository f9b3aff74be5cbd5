/**
 * Orders the items of a flattened ruleset so that loading the flat files in order means what the
 * original files meant.
 *
 * Falco lets a macro see only the macros first defined before its own latest (re)definition
 * (`index < visibility`, falcosecurity/falco `rule_loader_compiler.cpp` `resolve_macros`).
 * Flattening writes each item once, so its index and visibility become its position: a macro
 * redefined by a later file to use a macro that came after its first definition must move after
 * that macro. Nothing else may move: rules keep their order (with `rule_matching: first` the
 * first matching rule wins) and lists keep theirs (conditions substitute lists in index order).
 * So this is a stable topological sort by index, where only macros have edges.
 */

/** One list, macro or rule to place. */
export interface OrderItem {
  /** Unique key, e.g. `macro:container`. */
  readonly key: string;
  /** Input file that first defined it (0-based load order); decides the output file, not the order. */
  readonly firstFile: number;
  /** Falco's index: the counter at its first definition. The order follows it. */
  readonly index: number;
  /** Keys of items that must come before it. */
  readonly after: readonly string[];
}

export interface PlacedItem {
  readonly key: string;
  /** Output file (0-based), never before `firstFile`. */
  readonly file: number;
}

/** Thrown when the constraints form a cycle; names the items involved. */
export class OrderCycleError extends Error {
  constructor(readonly keys: readonly string[]) {
    super(`cannot order ${keys.join(', ')}: they depend on each other`);
  }
}

/**
 * Places the items: dependencies first, otherwise by index; an item's output file is its first
 * file, or later when something it needs comes from a later file (files load in order, so the
 * output file never decreases along the order).
 */
export function emitOrder(items: readonly OrderItem[]): PlacedItem[] {
  const byKey = new Map(items.map((it) => [it.key, it] as const));
  const preds = new Map<string, Set<string>>(items.map((it) => [it.key, new Set<string>()]));
  for (const it of items) {
    for (const dep of it.after) if (byKey.has(dep) && dep !== it.key) preds.get(it.key)?.add(dep);
  }
  const succs = new Map<string, string[]>(items.map((it) => [it.key, []]));
  for (const [key, ps] of preds) for (const p of ps) succs.get(p)?.push(key);

  const less = (a: OrderItem, b: OrderItem): boolean => (a.index !== b.index ? a.index < b.index : a.key < b.key);

  const pending = new Map<string, number>([...preds].map(([k, ps]) => [k, ps.size]));
  const ready = new MinHeap<OrderItem>(less);
  for (const it of items) if (pending.get(it.key) === 0) ready.push(it);

  const placed: PlacedItem[] = [];
  let file = 0;
  for (let it = ready.pop(); it !== undefined; it = ready.pop()) {
    file = Math.max(file, it.firstFile);
    placed.push({ key: it.key, file });
    for (const s of succs.get(it.key) ?? []) {
      const left = (pending.get(s) ?? 0) - 1;
      pending.set(s, left);
      const next = byKey.get(s);
      if (left === 0 && next !== undefined) ready.push(next);
    }
  }
  if (placed.length !== items.length) {
    const done = new Set(placed.map((p) => p.key));
    throw new OrderCycleError(items.filter((it) => !done.has(it.key)).map((it) => it.key));
  }
  return placed;
}

/** A binary min-heap: the ready set is small, but the upstream files hold ~600 items. */
class MinHeap<T> {
  private readonly data: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.data.length;
  }

  push(value: T): void {
    const d = this.data;
    d.push(value);
    let i = d.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.swapIfLess(i, parent)) break;
      i = parent;
    }
  }

  pop(): T | undefined {
    const d = this.data;
    const top = d[0];
    const last = d.pop();
    if (d.length > 0 && last !== undefined) {
      d[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (this.isLess(l, m)) m = l;
        if (this.isLess(r, m)) m = r;
        if (m === i) break;
        this.swapIfLess(m, i);
        i = m;
      }
    }
    return top;
  }

  /** Whether the element at `a` is less than the one at `b`; false if either is out of range. */
  private isLess(a: number, b: number): boolean {
    const x = this.data[a];
    const y = this.data[b];
    return x !== undefined && y !== undefined && this.less(x, y);
  }

  /** Swaps the elements at `a` and `b` if the one at `a` is less; returns whether it did. */
  private swapIfLess(a: number, b: number): boolean {
    const x = this.data[a];
    const y = this.data[b];
    if (x === undefined || y === undefined || !this.less(x, y)) return false;
    this.data[a] = y;
    this.data[b] = x;
    return true;
  }
}
