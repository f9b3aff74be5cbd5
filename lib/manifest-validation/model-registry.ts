import * as fs from 'node:fs';
import * as path from 'node:path';

/** A generated model class: `new Deployment(data).validate()` throws when `data` breaks the schema. */
export interface ModelClass {
  new (data?: unknown): { validate(): void };
  readonly apiVersion: string;
  readonly kind: string;
}

/** Model packages, in lookup order. Argo CD's CRDs are published separately from the core API. */
const MODEL_PACKAGES = ['kubernetes-models', '@kubernetes-models/argo-cd'] as const;

/** Version folders (`v1`, `v1beta2`); any other folder is an API group holding version folders. */
const VERSION_FOLDER = /^v\d+((alpha|beta)\d+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

interface GroupVersionModule {
  readonly packageName: string;
  readonly folder: string;
  /** The package export path of the folder, e.g. `apps/v1`, or `v1` for the core group. */
  readonly subpath: string;
}

/**
 * Both packages lay their models out as `<package>/<group>/<version>/<Kind>` (`v1/<Kind>` for the
 * core group), e.g. `kubernetes-models/apps/v1/Deployment`. The table of API versions is read from
 * those folders rather than written by hand, so upgrading a package upgrades what is recognised.
 */
function readGroupVersions(): Map<string, GroupVersionModule> {
  const table = new Map<string, GroupVersionModule>();
  const add = (apiVersion: string, module: GroupVersionModule): void => {
    const existing = table.get(apiVersion);
    if (existing !== undefined) {
      throw new Error(`apiVersion '${apiVersion}' is in both ${existing.packageName} and ${module.packageName}`);
    }
    table.set(apiVersion, module);
  };
  for (const packageName of MODEL_PACKAGES) {
    const root = path.dirname(require.resolve(packageName));
    for (const group of subfolders(root)) {
      if (VERSION_FOLDER.test(group)) {
        add(group, { packageName, folder: path.join(root, group), subpath: group });
        continue;
      }
      for (const version of subfolders(path.join(root, group)).filter((v) => VERSION_FOLDER.test(v))) {
        add(`${group}/${version}`, { packageName, folder: path.join(root, group, version), subpath: `${group}/${version}` });
      }
    }
  }
  return table;
}

function subfolders(folder: string): string[] {
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
    .map((entry) => entry.name)
    .sort();
}

let groupVersions: Map<string, GroupVersionModule> | undefined;
const models = new Map<string, ModelClass | string>();

/**
 * The model class for `apiVersion` + `kind`, or a message saying why there is none. Only
 * top-level resources count: `apps/v1` `DeploymentSpec` has a module but no apiVersion/kind of its
 * own, so it is reported as an unknown kind.
 */
export function findModel(apiVersion: string, kind: string): ModelClass | string {
  const key = `${apiVersion} ${kind}`;
  let found = models.get(key);
  if (found === undefined) {
    found = loadModel(apiVersion, kind);
    models.set(key, found);
  }
  return found;
}

function loadModel(apiVersion: string, kind: string): ModelClass | string {
  groupVersions ??= readGroupVersions();
  const module = groupVersions.get(apiVersion);
  if (module === undefined) {
    return `unknown apiVersion '${apiVersion}' (not in ${MODEL_PACKAGES.join(' or ')}, and not helm.cattle.io/v1)`;
  }
  const unknownKind = `unknown kind '${kind}' for apiVersion '${apiVersion}' (no such resource in ${module.packageName})`;
  // The kind becomes part of a module path, so only plain identifiers are looked up.
  if (!KIND.test(kind) || !fs.existsSync(path.join(module.folder, `${kind}.js`))) return unknownKind;
  const exported = (require(`${module.packageName}/${module.subpath}/${kind}`) as Record<string, unknown>)[kind];
  if (typeof exported !== 'function') return unknownKind;
  const model = exported as ModelClass;
  return model.apiVersion === apiVersion && model.kind === kind ? model : unknownKind;
}
