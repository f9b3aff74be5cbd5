import type * as Yaml from 'yaml';

/**
 * The `yaml` package, required on first use. Requiring it loads some 70 modules, which a cold
 * `falco-gitops lint` (whose rules files the loader reads without it) does not need; the import
 * of a module that only may use it must not load it.
 */
export function yamlLibrary(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml') as typeof Yaml;
}
