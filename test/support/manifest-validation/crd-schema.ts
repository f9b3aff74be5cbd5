import * as fs from 'node:fs';
import { parse } from 'yaml';
import { compileCrdSchema, crdVersionSchema, type CrdValidator } from '../../../lib/manifest-validation';
import { crdPath, type MonitoringCrdPlural } from '../shared-dir';

export { toAjvSchema } from '../../../lib/manifest-validation';

const validators = new Map<string, CrdValidator>();

/**
 * The validator for `version` of the pinned CRD `plural` (helm.cattle.io or monitoring.coreos.com),
 * read from ../shared (with its descriptions: the library's generated catalogs drop them), loaded once.
 */
export function crdValidator(plural: 'helmcharts' | 'helmchartconfigs' | MonitoringCrdPlural, version = 'v1'): CrdValidator {
  const key = `${plural}/${version}`;
  let validator = validators.get(key);
  if (validator === undefined) {
    const file = crdPath(plural);
    const { group, kind, schema } = crdVersionSchema(parse(fs.readFileSync(file, 'utf8')), version);
    validator = compileCrdSchema(group, version, kind, schema);
    validators.set(key, validator);
  }
  return validator;
}
