import type * as Yaml from 'yaml';

let loaded: typeof Yaml | undefined;

/**
 * The `yaml` package, required on first use. Requiring it loads some 70 modules, which a cold
 * `falco-gitops lint` (whose rules files the loader reads without it) does not need; the import
 * of a module that only may use it must not load it. Kept once loaded: under tsx (tests, bench)
 * every `require` call resolves the name again, which cost ~35 ms per synth.
 */
export function yamlLibrary(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('yaml') as typeof Yaml;
  return loaded;
}
