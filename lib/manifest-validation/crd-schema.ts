import Ajv, { type ValidateFunction } from 'ajv';
import { formatAjvErrors } from './ajv-errors';
import { isJsonObject, type JsonObject } from './json-value';

/** One served version of a CustomResourceDefinition, ready to check objects against. */
export interface CrdValidator {
  readonly apiVersion: string;
  readonly kind: string;
  /** Schema problems of `obj` as lines (`/spec/failurePolicy must be string`); empty = valid. */
  validate(obj: unknown): string[];
}

/**
 * The validator of one CRD version from its `openAPIV3Schema`: `group`/`version` make the
 * apiVersion, `kind` is `spec.names.kind`. Compiled once per call: callers keep the result.
 */
export function compileCrdSchema(group: string, version: string, kind: string, openAPIV3Schema: JsonObject): CrdValidator {
  const validate = newAjv().compile(toAjvSchema(openAPIV3Schema));
  return { apiVersion: `${group}/${version}`, kind, validate: (obj) => runValidate(validate, obj) };
}

/** The served `version` of a CRD object (as parsed from its YAML), or an Error saying what is missing. */
export function crdVersionSchema(crd: unknown, version: string): { group: string; kind: string; schema: JsonObject } {
  const spec = isJsonObject(crd) && isJsonObject(crd.spec) ? crd.spec : undefined;
  const names = spec !== undefined && isJsonObject(spec.names) ? spec.names : undefined;
  const versions = spec !== undefined && Array.isArray(spec.versions) ? spec.versions : [];
  const served = versions.find((v): v is JsonObject => isJsonObject(v) && v.name === version);
  const schema = served !== undefined && isJsonObject(served.schema) ? served.schema.openAPIV3Schema : undefined;
  if (typeof spec?.group !== 'string' || typeof names?.kind !== 'string' || !isJsonObject(schema)) {
    throw new Error(`the CRD has no spec.group, spec.names.kind or openAPIV3Schema for version '${version}'`);
  }
  return { group: spec.group, kind: names.kind, schema };
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
  // The Prometheus Operator CRDs' `status...lastTransitionTime`. Without it ajv warns on stderr
  // (in the middle of `falco-gitops check`'s output) and checks nothing. As go-openapi/strfmt's
  // IsDateTime, which the API server's format check uses: a calendar date, `T` (either case), a
  // time with optional fraction, and `Z` or a `+hh:mm` offset.
  ajv.addFormat('date-time', { type: 'string', validate: isDateTime });
  return ajv;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^\d{2}:\d{2}:\d{2}(\.\d+)?(z|[+-]\d{2}:\d{2})$/;

function isDateTime(text: string): boolean {
  const [date, time, ...rest] = text.toLowerCase().split('t');
  const ymd = DATE.exec(date ?? '');
  if (ymd === null || time === undefined || rest.length > 0 || !TIME.test(time)) return false;
  const [year, month, day] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  return calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
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
 * - `nullable: true` (OpenAPI) also accepts null;
 * - a `pattern` is RE2; the one RE2-only form CRDs use, a leading `(?i)`, is translated.
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
