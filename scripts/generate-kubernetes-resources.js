#!/usr/bin/env node
'use strict';
/**
 * Generates lib/audit/kubernetes-resources-catalog.ts: the built-in resources of Kubernetes (API
 * group, plural resource name, namespaced or cluster-scoped, versions, kind), read from the tagged
 * sources of the release whose audit policy types the linter follows (kubernetes/apiserver@v0.36.3,
 * Kubernetes 1.36.3):
 *
 * - kubernetes/client-go@v0.36.3 `kubernetes/typed/<group>/<version>/<kind>.go`: client-gen writes
 *   one typed client per resource. Its constructor names the plural resource and says whether the
 *   resource is namespaced: `newPods(c *CoreV1Client, namespace string)` passes `namespace` to
 *   `gentype.NewClient...("pods", c.RESTClient(), scheme.ParameterCodec, namespace, ...)`, a
 *   cluster-scoped one (`newNodes(c *CoreV1Client)`) passes `""` (core/v1/pod.go:66-72,
 *   node.go:63-69). A client whose interface declares no verb, only its `<Kind>Expansion`
 *   (client-gen's `+genclient:noVerbs`), is no resource of its own: policy's `evictions` only
 *   carries the hand-written `Evict`, which posts to the subresource `pods/eviction`
 *   (policy/v1/eviction.go:34-36, eviction_expansion.go:30-36); it is left out, like every subresource.
 * - kubernetes/api@v0.36.3 `<group>/<version>/register.go` (`const GroupName`, "" for core) for the
 *   group of the package the client's type comes from, and `zz_generated.prerelease-lifecycle.go`
 *   (`APILifecycleRemoved`) for the beta versions the API server of that release no longer serves:
 *   a version removed at or before 1.36 is dropped (all of `extensions/v1beta1`, removed in 1.16
 *   and 1.22; `policy/v1beta1`, removed in 1.25).
 *
 * - kubernetes/apiextensions-apiserver@v0.36.3 (`customresourcedefinitions`) and
 *   kubernetes/kube-aggregator@v0.36.2 (`apiservices`): the two API groups kube-apiserver serves
 *   that client-go has no typed client for, read the same way from their own clientsets and
 *   `pkg/apis/<group>/<version>/register.go` (kube-aggregator at v0.36.2: see DEFAULT_TAGS).
 *
 * Every remaining version is kept and the entries are deduplicated by group + resource: an audit
 * policy rule names a group and resources, never a version (apiserver@v0.36.3
 * pkg/apis/audit/v1/types.go GroupResources), and a resource served only by an alpha or beta version
 * (off by default, enabled on some clusters) is still to be classified right. The generator refuses
 * versions of one resource that disagree on scope or kind. `versions` lists them in the order the
 * API server prefers them (GA, then beta, then alpha, higher numbers first: apimachinery's
 * `version.CompareKubeAwareVersionStrings`); the first is the preferred one. Alpha versions carry no
 * lifecycle, so a withdrawn alpha version still in client-go (rbac v1alpha1) stays in `versions`.
 *
 * Not derivable from these sources: the core `bindings` resource (client-go has no typed client
 * for it; a pod is bound through the subresource `pods/binding`, client-go@v0.36.3 kubernetes/typed/core/v1/pod_expansion.go:48-50).
 *
 * The script reads plain folders, never the network. To regenerate from the bare mirrors:
 *
 *   X=$(mktemp -d); mkdir -p $X/client-go $X/api $X/apiextensions $X/kube-aggregator
 *   git -C <client-go repo> archive v0.36.3 kubernetes/typed | tar -x -C $X/client-go
 *   git -C <api repo> archive v0.36.3 | tar -x -C $X/api
 *   git -C <apiextensions-apiserver repo> archive v0.36.3 pkg | tar -x -C $X/apiextensions
 *   git -C <kube-aggregator repo> archive v0.36.2 pkg | tar -x -C $X/kube-aggregator
 *   node scripts/generate-kubernetes-resources.js --client-go $X/client-go --api $X/api \
 *     --apiextensions $X/apiextensions --kube-aggregator $X/kube-aggregator
 *
 * `--check` writes nothing and exits 1 when the committed file differs; `--out DIR` writes
 * elsewhere; `--<source>-tag TAG` names other tags (v0.<minor>.<patch>, one Kubernetes minor).
 * The header names repository, tag, file and sha256 of each input read and the sha256 of the body.
 * Same inputs, same bytes.
 */
const fs = require('node:fs');
const path = require('node:path');
const { InputError, parseGeneratorArgs, sha256, stripComments, writeOrCheckOutputs } = require('./c-source');

const ROOT = path.resolve(__dirname, '..');
const DEFAULT_OUT = path.join(ROOT, 'lib', 'audit');
const OUTPUT = 'kubernetes-resources-catalog.ts';

/**
 * The source folders: `opt` is the option key (`--client-go` → clientGo), `typed` the folder of
 * typed clients in a clientset repository, `module` the Go module whose API types it holds.
 */
const SOURCES = {
  clientGo: { flag: 'client-go', repo: 'kubernetes/client-go', typed: 'kubernetes/typed' },
  api: { flag: 'api', repo: 'kubernetes/api', module: 'k8s.io/api' },
  apiextensions: {
    flag: 'apiextensions',
    repo: 'kubernetes/apiextensions-apiserver',
    typed: 'pkg/client/clientset/clientset/typed',
    module: 'k8s.io/apiextensions-apiserver',
  },
  kubeAggregator: {
    flag: 'kube-aggregator',
    repo: 'kubernetes/kube-aggregator',
    typed: 'pkg/client/clientset_generated/clientset/typed',
    module: 'k8s.io/kube-aggregator',
  },
};
/**
 * kube-aggregator is read at v0.36.2: the stored snapshot of that repository carries no v0.36.3
 * tag. It contributes `apiservices` only, whose group, plural and scope a patch release does not
 * change; the header names the tag read.
 */
const DEFAULT_TAGS = { clientGoTag: 'v0.36.3', apiTag: 'v0.36.3', apiextensionsTag: 'v0.36.3', kubeAggregatorTag: 'v0.36.2' };

const USAGE = `usage: node scripts/generate-kubernetes-resources.js --client-go DIR --api DIR --apiextensions DIR --kube-aggregator DIR
       [--client-go-tag TAG] [--api-tag TAG] [--apiextensions-tag TAG] [--kube-aggregator-tag TAG] [--out DIR] [--check]`;

/** The files of a typed client folder that are not one resource's client. */
const isClientFile = (name) =>
  name.endsWith('.go') && !name.endsWith('_test.go') && !name.endsWith('_expansion.go') && !name.endsWith('_client.go') && name !== 'doc.go';

/** Kubernetes' order of API versions, most preferred first (apimachinery version/helpers.go). */
function parseVersion(v) {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) throw new InputError(`unexpected API version folder "${v}"`);
  return { major: Number(m[1]), rank: m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0, minor: Number(m[3] ?? 0) };
}
function compareVersions(a, b) {
  const x = parseVersion(a);
  const y = parseVersion(b);
  return y.rank - x.rank || y.major - x.major || y.minor - x.minor;
}

const lineOf = (text, index) => text.slice(0, index).split('\n').length;

/** One typed client file: the resource it serves, whether it has verbs, the Go package of its type. */
function parseClient(text, file) {
  const src = stripComments(text);
  const imports = new Map([...src.matchAll(/^\s*(\w+)\s+"(k8s\.io\/[^"]+)"/gm)].map((m) => [m[1], m[2]]));
  const ctor = [
    ...src.matchAll(
      /func new(\w+)\(c \*\w+Client(, namespace string)?\) \*\w+ \{\s*return &\w+\{\s*gentype\.NewClient\w*\[\*(\w+)\.(\w+)\b[^\n]*\(\s*"([^"]+)",\s*c\.RESTClient\(\),\s*scheme\.ParameterCodec,\s*(namespace|""),/g,
    ),
  ];
  if (ctor.length !== 1) throw new InputError(`${file}: expected one gentype client constructor, found ${ctor.length}`);
  const [m] = ctor;
  const [, , nsParam, pkg, kind, resource, nsArg] = m;
  if ((nsParam !== undefined) !== (nsArg === 'namespace')) {
    throw new InputError(`${file}: the constructor's namespace parameter and the namespace it passes disagree`);
  }
  const importPath = imports.get(pkg);
  if (importPath === undefined) throw new InputError(`${file}: package ${pkg} of ${kind} is not imported`);
  const iface = new RegExp(`type ${kind}Interface interface \\{([^}]*)\\}`).exec(src);
  if (!iface) throw new InputError(`${file}: no ${kind}Interface`);
  const members = iface[1].split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const noVerbs = members.length === 1 && members[0] === `${kind}Expansion`;
  return { kind, resource, namespaced: nsArg === 'namespace', importPath, noVerbs, line: lineOf(text, m.index) };
}

/** The source folder and path of a Go package of API types (`k8s.io/api/apps/v1` → api, `apps/v1`). */
function typesPackage(importPath, file) {
  for (const [key, source] of Object.entries(SOURCES)) {
    if (source.module !== undefined && importPath.startsWith(`${source.module}/`)) return { key, rel: importPath.slice(source.module.length + 1) };
  }
  throw new InputError(`${file}: its type comes from ${importPath}, outside the modules read (${Object.values(SOURCES).map((s) => s.module).filter(Boolean).join(', ')})`);
}

function readInput(opts, key, rel, inputs) {
  const file = path.join(opts[key], rel);
  if (!fs.existsSync(file)) return undefined;
  const text = fs.readFileSync(file, 'utf8');
  inputs.set(`${SOURCES[key].repo}@${opts[`${key}Tag`]}:${rel}`, sha256(text));
  return text;
}

function readGroupName(opts, pkg, inputs) {
  const rel = `${pkg.rel}/register.go`;
  const text = readInput(opts, pkg.key, rel, inputs);
  if (text === undefined) throw new InputError(`${SOURCES[pkg.key].repo}: ${rel} is missing from ${opts[pkg.key]}`);
  const m = /^const GroupName = "([^"]*)"/m.exec(stripComments(text));
  if (!m) throw new InputError(`${SOURCES[pkg.key].repo}: ${rel} has no const GroupName`);
  return m[1];
}

/** The release (major, minor) in which the API server stopped serving `kind` of `pkg`, if any. */
function readRemoved(opts, pkg, kind, inputs) {
  const text = readInput(opts, pkg.key, `${pkg.rel}/zz_generated.prerelease-lifecycle.go`, inputs);
  if (text === undefined) return undefined; // alpha versions carry no lifecycle
  const m = new RegExp(`func \\(in \\*${kind}\\) APILifecycleRemoved\\(\\) \\(major, minor int\\) \\{\\s*return (\\d+), (\\d+)\\s*\\}`).exec(text);
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

function kubernetesRelease(tag) {
  const m = /^v0\.(\d+)\.(\d+)$/.exec(tag);
  if (!m) throw new InputError(`tag "${tag}" is not a v0.<minor>.<patch> tag of the Kubernetes staging repositories`);
  return { major: 1, minor: Number(m[1]), name: `1.${m[1]}.${m[2]}` };
}

/** Reads the inputs (`opts`: a folder per SOURCES key, tags as DEFAULT_TAGS) and returns `{ [OUTPUT]: text }`. */
function generate(options) {
  const opts = { ...DEFAULT_TAGS, ...options };
  const release = kubernetesRelease(opts.clientGoTag);
  for (const key of Object.keys(SOURCES)) {
    if (typeof opts[key] !== 'string') throw new InputError(`no folder given for ${SOURCES[key].repo} (--${SOURCES[key].flag})`);
    if (kubernetesRelease(opts[`${key}Tag`]).minor !== release.minor) {
      throw new InputError(`--${SOURCES[key].flag}-tag ${opts[`${key}Tag`]} is not a tag of Kubernetes 1.${release.minor} like --client-go-tag ${opts.clientGoTag}`);
    }
  }
  const inputs = new Map();
  const byKey = new Map();
  const left = [];
  for (const [key, source] of Object.entries(SOURCES)) {
    if (source.typed === undefined) continue;
    const typedDir = path.join(opts[key], source.typed);
    if (!fs.existsSync(typedDir)) throw new InputError(`${source.repo}: ${source.typed}/ is missing from ${opts[key]}`);
    let clients = 0;
    for (const groupDir of fs.readdirSync(typedDir).sort()) {
      if (!fs.statSync(path.join(typedDir, groupDir)).isDirectory()) continue;
      for (const version of fs.readdirSync(path.join(typedDir, groupDir)).sort()) {
        const dir = path.join(typedDir, groupDir, version);
        if (!fs.statSync(dir).isDirectory()) continue;
        parseVersion(version);
        for (const name of fs.readdirSync(dir).sort().filter(isClientFile)) {
          const rel = `${source.typed}/${groupDir}/${version}/${name}`;
          const text = readInput(opts, key, rel, inputs);
          const client = parseClient(text, `${source.repo}:${rel}`);
          clients++;
          const pkg = typesPackage(client.importPath, rel);
          if (path.posix.basename(pkg.rel) !== version) throw new InputError(`${source.repo}:${rel}: its type comes from ${client.importPath}, not a ${version} package`);
          if (client.noVerbs) {
            left.push(`${source.repo}:${rel}:${client.line} "${client.resource}": no verbs (a subresource's helper)`);
            continue;
          }
          const group = readGroupName(opts, pkg, inputs);
          const removed = readRemoved(opts, pkg, client.kind, inputs);
          if (removed && (removed.major < release.major || (removed.major === release.major && removed.minor <= release.minor))) {
            left.push(`${source.repo}:${rel}:${client.line} ${group || 'core'}/${version} "${client.resource}": removed in ${removed.major}.${removed.minor}`);
            continue;
          }
          const id = `${group}\0${client.resource}`;
          const seen = byKey.get(id);
          if (seen === undefined) {
            byKey.set(id, { group, resource: client.resource, namespaced: client.namespaced, kind: client.kind, versions: [version], source: `${source.repo}:${rel}:${client.line}` });
          } else {
            if (seen.namespaced !== client.namespaced || seen.kind !== client.kind) {
              throw new InputError(`${source.repo}:${rel}: "${client.resource}" of group "${group}" disagrees with ${seen.source} on its kind or scope`);
            }
            seen.versions.push(version);
          }
        }
      }
    }
    if (clients === 0) throw new InputError(`${source.repo}: no typed client under ${source.typed}/`);
  }
  const entries = [...byKey.values()]
    .map((e) => ({ ...e, versions: [...e.versions].sort(compareVersions) }))
    .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
  const q = (s) => `'${s}'`;
  const body =
    `import type { KubernetesResourceEntry } from './kubernetes-resources';\n\n` +
    `/** ${entries.length} built-in resources of Kubernetes ${release.name}, sorted by group then resource. */\n` +
    `export const KUBERNETES_RESOURCE_CATALOG: readonly KubernetesResourceEntry[] = [\n` +
    entries
      .map(
        (e) =>
          `  { group: ${q(e.group)}, resource: ${q(e.resource)}, namespaced: ${e.namespaced}, kind: ${q(e.kind)}, versions: [${e.versions.map(q).join(', ')}] },\n`,
      )
      .join('') +
    `];\n`;
  const header = [
    '// Generated by scripts/generate-kubernetes-resources.js; do not edit by hand. Regenerate as its header says:',
    '// test/audit/kubernetes-resources-catalog.test.ts fails when this body does not match its checksum.',
    '//',
    `// Built-in resources of Kubernetes ${release.name}: one typed client per resource and version (plural and scope from`,
    '// its constructor), the group from the register.go of its type, versions removed by',
    `// ${release.major}.${release.minor} dropped (zz_generated.prerelease-lifecycle.go), deduplicated by group + resource. Left out:`,
    ...left.map((l) => `//   ${l}`),
    '// Inputs:',
    ...[...inputs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([id, sha]) => `// input: ${id} sha256:${sha}`),
    `// body sha256:${sha256(body)}`,
    '',
  ].join('\n');
  return { [OUTPUT]: `${header}\n${body}` };
}

function parseArgs(argv) {
  return parseGeneratorArgs(argv, {
    names: {
      ...Object.fromEntries(Object.entries(SOURCES).flatMap(([key, s]) => [[s.flag, key], [`${s.flag}-tag`, `${key}Tag`]])),
      out: 'out',
    },
    required: Object.values(SOURCES).map((s) => s.flag),
    defaults: { ...DEFAULT_TAGS, out: DEFAULT_OUT },
    usage: USAGE,
  });
}

function main(argv) {
  const opts = parseArgs(argv);
  return writeOrCheckOutputs(generate(opts), opts, 'kubernetes resource catalog is');
}

module.exports = { generate, parseArgs, compareVersions, InputError, OUTPUT, DEFAULT_TAGS, SOURCES };

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    process.stderr.write(`generate-kubernetes-resources: ${error.message}\n`);
    process.exitCode = 1;
  }
}
