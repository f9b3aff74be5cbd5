import { readYamlWithLibrary } from './yaml-library-reader';
import type { YamlReadResult } from './yaml-model';
import { readYamlSubset } from './yaml-subset-reader';

/**
 * The documents of a rules file: read by the fast subset reader when the file stays inside the
 * YAML it knows (all of the upstream rules files do), else by the `yaml` package, which also
 * words every syntax error. Both give the same nodes wherever both apply (tested).
 */
export function readYaml(text: string): YamlReadResult {
  const documents = readYamlSubset(text);
  return documents !== undefined ? { ok: true, documents } : readYamlWithLibrary(text);
}
