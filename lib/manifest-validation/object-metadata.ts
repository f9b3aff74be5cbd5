import { jsonPointer } from './json-pointer';
import {
  DNS1123_LABEL_RULE,
  LABEL_VALUE_RULE,
  QUALIFIED_NAME_RULE,
  isDns1123Label,
  isLabelValue,
  isQualifiedName,
} from './kubernetes-names';
import { nameRuleFor } from './name-rules';
import { isJsonObject, type JsonObject } from './json-value';
import { isClusterScoped } from './resource-scope';

/** The API server's limit on the total size of an object's annotations (keys plus values). */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/**
 * The metadata rules the API server enforces but OpenAPI schemas cannot express: a name in the
 * right format, a namespace exactly when the kind is namespaced, and labels/annotations whose keys
 * and values are well-formed. Messages use ajv's wording for type errors, so a fault that the schema
 * also reports reads the same and is reported once.
 */
export function validateObjectMetadata(obj: JsonObject, apiVersion: string, kind: string): string[] {
  const metadata = obj.metadata;
  if (metadata === undefined) return ["/ must have required property 'metadata'"];
  if (!isJsonObject(metadata)) return ['/metadata must be object'];
  return [
    ...checkName(metadata, apiVersion, kind),
    ...checkNamespace(metadata, apiVersion, kind),
    ...checkLabels(metadata.labels),
    ...checkAnnotations(metadata.annotations),
  ];
}

function checkName(metadata: JsonObject, apiVersion: string, kind: string): string[] {
  const name = metadata.name;
  if (name === undefined || name === '') return ["/metadata must have required property 'name'"];
  if (typeof name !== 'string') return ['/metadata/name must be string'];
  const rule = nameRuleFor(apiVersion, kind);
  return rule.test(name) ? [] : [`/metadata/name '${name}' must be ${rule.description}`];
}

function checkNamespace(metadata: JsonObject, apiVersion: string, kind: string): string[] {
  const namespace = metadata.namespace;
  if (isClusterScoped(apiVersion, kind)) {
    return namespace === undefined ? [] : [`/metadata/namespace must not be set: ${kind} is cluster-scoped`];
  }
  if (namespace === undefined || namespace === '') {
    // Without a namespace the object lands in whatever namespace the applying tool defaults to.
    return [`/metadata must have required property 'namespace': ${kind} is namespaced`];
  }
  if (typeof namespace !== 'string') return ['/metadata/namespace must be string'];
  return isDns1123Label(namespace) ? [] : [`/metadata/namespace '${namespace}' must be ${DNS1123_LABEL_RULE}`];
}

function checkLabels(labels: unknown): string[] {
  if (labels === undefined || labels === null) return [];
  if (!isJsonObject(labels)) return ['/metadata/labels must be object'];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const at = jsonPointer(['metadata', 'labels', key]);
    if (!isQualifiedName(key)) problems.push(`/metadata/labels key '${key}' must be ${QUALIFIED_NAME_RULE}`);
    if (typeof value !== 'string') problems.push(`${at} must be string`);
    else if (!isLabelValue(value)) problems.push(`${at} value '${value}' must be ${LABEL_VALUE_RULE}`);
  }
  return problems;
}

function checkAnnotations(annotations: unknown): string[] {
  if (annotations === undefined || annotations === null) return [];
  if (!isJsonObject(annotations)) return ['/metadata/annotations must be object'];
  const problems: string[] = [];
  let bytes = 0;
  for (const [key, value] of Object.entries(annotations)) {
    // The API server lower-cases annotation keys before checking them (`ValidateAnnotations`).
    if (!isQualifiedName(key.toLowerCase())) {
      problems.push(`/metadata/annotations key '${key}' must be ${QUALIFIED_NAME_RULE}`);
    }
    if (typeof value !== 'string') {
      problems.push(`${jsonPointer(['metadata', 'annotations', key])} must be string`);
    } else {
      bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
    }
  }
  if (bytes > ANNOTATIONS_MAX_BYTES) {
    problems.push(`/metadata/annotations total ${bytes} bytes, more than the ${ANNOTATIONS_MAX_BYTES} the API server accepts`);
  }
  return problems;
}
