import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The import rule of docs/architecture.md, checked on every file of lib/: layers import downward
 * only, folders form no cycle, a folder is entered only through its index, and index files only
 * re-export.
 */
const LIB = path.resolve(__dirname, '../../lib');

/** Rank of each folder of lib/: a file may import only from folders of a lower or equal rank. */
const LAYERS: Readonly<Record<string, number>> = {
  core: 0,
  rules: 1,
  'rules/condition': 2,
  'rules/fields': 2,
  'rules/vendor': 2,
  'rules/loader': 3,
  'rules/lint': 4,
  'rules/scope': 4,
  helm: 10,
  namespaces: 10,
  workloads: 10,
  argocd: 10,
  falco: 11,
  'rules-delivery': 11,
  audit: 11,
  monitoring: 12,
  stack: 20,
  'manifest-validation': 25,
  synth: 30,
  cli: 30,
  '.': 40,
};

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly spec: string;
}

function libFiles(dir = LIB): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? libFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** The layer folder a file belongs to: the deepest key of LAYERS that contains it. */
function layerOf(file: string): string {
  let dir = path.relative(LIB, path.dirname(file)) || '.';
  while (!(dir in LAYERS)) {
    const parent = path.dirname(dir);
    if (parent === dir) return '.';
    dir = parent;
  }
  return dir;
}

const files = libFiles();
const edges: Edge[] = files.flatMap((file) => {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"](\.{1,2}\/[^'"]*|\.)['"]/g)].map((m) => {
    const spec = m[1] as string;
    const to = resolveImport(file, spec);
    if (to === undefined) throw new Error(`${path.relative(LIB, file)}: cannot resolve '${spec}'`);
    return { from: file, to, spec };
  });
});
const rel = (f: string): string => path.relative(LIB, f);
/** An index re-exporting its own folder's modules is the folder's front door, not a dependency. */
const isOwnIndexEdge = (e: Edge): boolean =>
  path.basename(e.from) === 'index.ts' && e.to.startsWith(`${path.dirname(e.from)}${path.sep}`);
const dependencies = edges.filter((e) => !isOwnIndexEdge(e));

describe('the import rule (docs/architecture.md)', () => {
  it('every folder of lib/ has a layer', () => {
    const folders = [...new Set(files.map((f) => path.relative(LIB, path.dirname(f)) || '.'))];
    const unplaced = folders.filter((d) => !d.split('/').some((_, i, parts) => parts.slice(0, i + 1).join('/') in LAYERS) && d !== '.');
    expect(unplaced).toEqual([]);
  });

  it('no file imports from a higher layer', () => {
    const upward = dependencies
      .filter((e) => (LAYERS[layerOf(e.to)] as number) > (LAYERS[layerOf(e.from)] as number))
      .map((e) => `${rel(e.from)} -> ${rel(e.to)} (${layerOf(e.from)} imports ${layerOf(e.to)})`);
    expect(upward).toEqual([]);
  });

  it('folders import each other without a cycle', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of dependencies) {
      const [a, b] = [layerOf(e.from), layerOf(e.to)];
      if (a !== b) graph.set(a, (graph.get(a) ?? new Set()).add(b));
    }
    const cycles = new Set<string>();
    const done = new Set<string>();
    const visit = (node: string, trail: string[]): void => {
      if (trail.includes(node)) {
        cycles.add([...trail.slice(trail.indexOf(node)), node].join(' -> '));
        return;
      }
      if (done.has(node)) return;
      for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
      done.add(node);
    };
    for (const node of graph.keys()) visit(node, []);
    expect([...cycles]).toEqual([]);
  });

  it('a folder is entered from outside only through its index', () => {
    const bad = dependencies.filter((e) => {
      const fromDir = path.dirname(e.from);
      const toDir = path.dirname(e.to);
      // Same folder, or a file of an enclosing folder (the folder's own vocabulary): allowed.
      if (fromDir === toDir || fromDir.startsWith(`${toDir}${path.sep}`)) return false;
      // Otherwise the target must be the index of the first folder entered below the common ancestor.
      let common = fromDir;
      while (!`${toDir}${path.sep}`.startsWith(`${common}${path.sep}`)) common = path.dirname(common);
      const entered = path.join(common, path.relative(common, toDir).split(path.sep)[0] as string);
      return e.to !== path.join(entered, 'index.ts');
    });
    expect(bad.map((e) => `${rel(e.from)}: '${e.spec}' (use the folder's index)`)).toEqual([]);
  });

  it('index files only re-export', () => {
    const offenders = files
      .filter((f) => path.basename(f) === 'index.ts')
      .flatMap((f) =>
        fs
          .readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => [line.trim(), i + 1] as const)
          .filter(([line]) => line !== '' && !/^(\/\/|\/\*|\*)/.test(line) && !/^export (\*|type \*|\{[^}]*\}|type \{[^}]*\}) from '[^']+';$/.test(line))
          .map(([line, n]) => `${rel(f)}:${n}: ${line}`),
      );
    expect(offenders).toEqual([]);
  });
});
