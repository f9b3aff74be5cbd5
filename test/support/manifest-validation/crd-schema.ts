import * as fs from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { crdPath, type MonitoringCrdPlural } from '../shared-dir';
import { formatAjvErrors } from './ajv-errors';
import { isJsonObject, type JsonObject } from './json-value';

/** One served version of a CustomResourceDefinition, ready to check objects against. */
export interface CrdValidator {
  readonly apiVersion: string;
  readonly kind: string;
  /** Schema problems of `obj` as lines (`/spec/failurePolicy must be string`); empty = valid. */
  validate(obj: unknown): string[];
}

const validators = new Map<string, CrdValidator>();

/** The validator for `version` of the pinned CRD `plural` (helm.cattle.io or monitoring.coreos.com), loaded once. */
export function crdValidator(plural: 'helmcharts' | 'helmchartconfigs' | MonitoringCrdPlural, version = 'v1'): CrdValidator {
  const key = `${plural}/${version}`;
  let validator = validators.get(key);
  if (validator === undefined) {
    validator = loadCrdValidator(crdPath(plural), version);
    validators.set(key, validator);
  }
  return validator;
}

function loadCrdValidator(file: string, version: string): CrdValidator {
  const crd: unknown = parse(fs.readFileSync(file, 'utf8'));
  const spec = isJsonObject(crd) && isJsonObject(crd.spec) ? crd.spec : undefined;
  const names = spec !== undefined && isJsonObject(spec.names) ? spec.names : undefined;
  const versions = spec !== undefined && Array.isArray(spec.versions) ? spec.versions : [];
  const served = versions.find((v): v is JsonObject => isJsonObject(v) && v.name === version);
  const schema = served !== undefined && isJsonObject(served.schema) ? served.schema.openAPIV3Schema : undefined;
  if (typeof spec?.group !== 'string' || typeof names?.kind !== 'string' || !isJsonObject(schema)) {
    throw new Error(`${file} has no spec.group, spec.names.kind or openAPIV3Schema for version '${version}'`);
  }
  const validate = newAjv().compile(toAjvSchema(schema));
  return {
    apiVersion: `${spec.group}/${version}`,
    kind: names.kind,
    validate: (obj) => runValidate(validate, obj),
  };
}

function runValidate(validate: ValidateFunction, obj: unknown): string[] {
  return validate(obj) ? [] : formatAjvErrors(validate.errors ?? []);
}

function newAjv(): Ajv {
  // `strict: false`: CRD schemas carry keywords ajv does not know (`description`, `default`
  // alongside types, ...); they are documentation to ajv, not constraints.
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  return ajv;
}

const SUBSCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions']);
const SUBSCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);
const SUBSCHEMAS = new Set(['items', 'additionalProperties', 'not']);

/**
 * CRD patterns are Go (RE2) regular expressions. The one RE2 feature they use that a JavaScript
 * pattern lacks is a leading `(?i)` (the Prometheus Operator's `^(?i)(abort|warn)?$`): each letter
 * becomes a class of both cases, which is only sound without character classes or escapes, so
 * anything else with `(?i)` is refused.
 */
function toJsPattern(pattern: string): string {
  const m = /^\^\(\?i\)(.*)$/.exec(pattern);
  if (m === null) return pattern;
  const rest = m[1] ?? '';
  if (/[[\\]/.test(rest)) throw new Error(`cannot translate the RE2 pattern ${pattern}`);
  return `^${rest.replace(/[a-zA-Z]/g, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`)}`;
}

/**
 * Rewrites a Kubernetes structural schema into the JSON Schema ajv checks, applying the
 * Kubernetes extensions that change what is accepted:
 * - pruning: the API server silently drops fields not declared in `properties`, so such fields are
 *   rejected here (`additionalProperties: false`), except under
 *   `x-kubernetes-preserve-unknown-fields: true` (e.g. HelmChart `spec.values`);
 * - `x-kubernetes-int-or-string: true` accepts an integer or a string;
 * - `nullable: true` (OpenAPI) also accepts null.
 * The other `x-kubernetes-*` keys (list/map types for server-side apply, `x-kubernetes-validations`
 * CEL rules such as "driver is immutable", which only apply on update) are dropped.
 */
export function toAjvSchema(node: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-kubernetes-') || key === 'nullable') continue;
    if (SUBSCHEMA_MAPS.has(key) && isJsonObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, isJsonObject(sub) ? toAjvSchema(sub) : sub]),
      );
    } else if (SUBSCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map((sub) => (isJsonObject(sub) ? toAjvSchema(sub) : sub));
    } else if (SUBSCHEMAS.has(key) && isJsonObject(value)) {
      out[key] = toAjvSchema(value);
    } else if (key === 'pattern' && typeof value === 'string') {
      out[key] = toJsPattern(value);
    } else {
      out[key] = value;
    }
  }
  if (node['x-kubernetes-int-or-string'] === true && out.anyOf === undefined && out.oneOf === undefined) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (node.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  const preservesUnknown = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (isJsonObject(out.properties) && out.additionalProperties === undefined && !preservesUnknown) {
    out.additionalProperties = false;
  }
  return out;
}
