/**
 * Traversal helpers over the condition AST: `walk` (read-only, pre-order),
 * `transform` (pure, returns new nodes) and `stripLocations` (for comparing
 * trees regardless of where they were written).
 */
import type { Expr, Node, NodeOfType, NodeType } from './ast';

/**
 * Passed to visitors that declare a second parameter (`(node, context) => …`; `walk` tracks parents
 * only for them): the parent of the node (undefined at the root).
 */
export interface VisitContext {
  readonly parent: Node | undefined;
  /** Nesting depth, 0 at the root. */
  readonly depth: number;
}

/** Return `'skip'` from a visitor to not descend into the node's children. */
export type VisitResult = void | 'skip';

/** Called for every node. */
export type VisitorFunction = (node: Node, context: VisitContext) => VisitResult;

/** Called for the nodes of one type only. */
export type VisitorMap = { readonly [T in NodeType]?: (node: NodeOfType<T>, context: VisitContext) => VisitResult };

/** The direct children of a node, in source order. */
export function childrenOf(node: Node): readonly Node[] {
  const children: Node[] = [];
  pushChildren(node, children);
  return children.reverse();
}

/**
 * Visits `root` and all its descendants, parents before children, children in
 * source order. Iterative, so arbitrarily deep trees cannot overflow the stack.
 */
export function walk(root: Node, visitor: VisitorFunction | VisitorMap): void {
  // Every lint rule walks every condition, mostly before the JIT has warmed up, so a walk
  // allocates as little as it can: no object per pending node, and the parent and depth are
  // tracked (and a context made) only when some visitor declares the context parameter.
  const byType = typeof visitor === 'function' ? undefined : (visitor as Readonly<Record<string, VisitorFunction | undefined>>);
  const wantsContext = byType === undefined ? (visitor as VisitorFunction).length > 1 : mapWantsContext(byType);
  if (!wantsContext) {
    const nodes: Node[] = [root];
    for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
      const visit = byType === undefined ? (visitor as VisitorFunction) : byType[node.type];
      if (visit !== undefined && (visit as (node: Node) => VisitResult)(node) === 'skip') continue;
      pushChildren(node, nodes);
    }
    return;
  }
  const nodes: Node[] = [root];
  const parents: (Node | undefined)[] = [undefined];
  const depths: number[] = [0];
  for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
    const parent = parents.pop();
    const depth = depths.pop() ?? 0;
    const visit = byType === undefined ? (visitor as VisitorFunction) : byType[node.type];
    if (visit !== undefined && visit(node, { parent, depth }) === 'skip') continue;
    const before = nodes.length;
    pushChildren(node, nodes);
    for (let i = before; i < nodes.length; i++) {
      parents.push(node);
      depths.push(depth + 1);
    }
  }
}

/** Whether a visitor of the map declares the context parameter (a for-in: no array per walk). */
function mapWantsContext(byType: Readonly<Record<string, VisitorFunction | undefined>>): boolean {
  for (const type in byType) {
    const visit = byType[type];
    if (visit !== undefined && visit.length > 1) return true;
  }
  return false;
}

function pushReversed(nodes: readonly Node[], stack: Node[]): void {
  for (let i = nodes.length - 1, n = nodes[i]; n !== undefined; n = nodes[--i]) stack.push(n);
}

/** Pushes the children of `node` on `stack` last child first, so they pop in source order. */
function pushChildren(node: Node, stack: Node[]): void {
  switch (node.type) {
    case 'and':
    case 'or':
    case 'transformer_list':
      pushReversed(node.children, stack);
      return;
    case 'field_transformer':
      pushReversed(node.values, stack);
      return;
    case 'not':
      stack.push(node.child);
      return;
    case 'unary_check':
      stack.push(node.left);
      return;
    case 'binary_check':
      stack.push(node.right, node.left);
      return;
    case 'identifier':
    case 'value':
    case 'list':
    case 'field':
      return;
    default:
      unknown(node);
  }
}

/**
 * Rebuilds a tree bottom-up: children are transformed first, then `fn` gets
 * the node (with its new children) and returns a replacement, or `undefined`
 * to keep it. The input is never modified; unchanged subtrees are shared.
 *
 * Everything else a rebuilt node has (a check's `op` and `modifier`, a
 * transformer's `arg`) is kept as it was.
 *
 * The replacement must fit where the node was (an `Expr` for an `Expr`, a
 * field or transformer for a check's left side, …); `printCondition` rejects
 * trees that break this.
 */
export function transform(root: Expr, fn: (node: Node) => Node | undefined): Expr;
export function transform(root: Node, fn: (node: Node) => Node | undefined): Node;
export function transform(root: Node, fn: (node: Node) => Node | undefined): Node {
  const rebuilt = withChildren(root, (child) => transform(child, fn));
  return fn(rebuilt) ?? rebuilt;
}

/** `node` with each child replaced by `map(child)`; `node` itself if nothing changed. */
function withChildren(node: Node, map: (child: Node) => Node): Node {
  switch (node.type) {
    case 'and':
    case 'or': {
      const children = mapAll(node.children, map);
      return children === node.children ? node : { ...node, children: children as Expr[] };
    }
    case 'transformer_list': {
      const children = mapAll(node.children, map);
      return children === node.children ? node : ({ ...node, children } as Node);
    }
    case 'not': {
      const child = map(node.child);
      return child === node.child ? node : { ...node, child: child as Expr };
    }
    case 'unary_check': {
      const left = map(node.left);
      return left === node.left ? node : ({ ...node, left } as Node);
    }
    case 'binary_check': {
      const left = map(node.left);
      const right = map(node.right);
      return left === node.left && right === node.right ? node : ({ ...node, left, right } as Node);
    }
    case 'field_transformer': {
      const values = mapAll(node.values, map);
      return values === node.values ? node : ({ ...node, values } as Node);
    }
    case 'identifier':
    case 'value':
    case 'list':
    case 'field':
      return node;
    default:
      return unknown(node);
  }
}

function mapAll(nodes: readonly Node[], map: (child: Node) => Node): readonly Node[] {
  let changed = false;
  const out = nodes.map((n) => {
    const m = map(n);
    changed ||= m !== n;
    return m;
  });
  return changed ? out : nodes;
}

/** `T` without `loc` and `valueLocs`, recursively. */
export type WithoutLocations<T> = T extends readonly (infer U)[]
  ? WithoutLocations<U>[]
  : T extends object
    ? { [K in keyof T as K extends 'loc' | 'valueLocs' ? never : K]: WithoutLocations<T[K]> }
    : T;

/** A deep copy of `node` without any `loc`/`valueLocs`, for comparing trees. */
export function stripLocations<T extends Node>(node: T): WithoutLocations<T> {
  return JSON.parse(JSON.stringify(node, (key, value: unknown) => (key === 'loc' || key === 'valueLocs' ? undefined : value)));
}

function unknown(node: never): never {
  throw new TypeError(`unknown condition node type '${(node as { type?: unknown }).type}'`);
}
