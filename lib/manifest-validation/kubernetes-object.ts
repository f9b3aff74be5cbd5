import type { ErrorObject } from 'ajv';
import { formatAjvErrors } from './ajv-errors';
import { HELM_CONTROLLER_API_VERSION, helmControllerObjectProblems } from './helm-chart';
import type { ManifestReferences } from './manifest-references';
import { findModel } from './model-registry';
import { MONITORING_API_VERSION, monitoringObjectProblems } from './monitoring-object';
import { validateObjectMetadata } from './object-metadata';
import { describeJsonType, isJsonObject } from './json-value';

/**
 * Problems with one manifest (empty = valid), not prefixed with the object:
 * `/spec/template/spec/containers/0/image must be string`.
 *
 * Core Kubernetes kinds are checked with the kubernetes-models schemas, Argo CD kinds with
 * @kubernetes-models/argo-cd, `helm.cattle.io/v1` kinds with the helm-controller CRDs of
 * `references`, `monitoring.coreos.com/v1` kinds with its Prometheus Operator CRDs; any other apiVersion/kind is an error, because nothing would check it. On top of
 * the schemas, metadata is checked the way the API server does.
 */
export function kubernetesObjectProblems(obj: unknown, references: ManifestReferences): string[] {
  if (!isJsonObject(obj)) return [`manifest must be an object, got ${describeJsonType(obj)}`];
  const { apiVersion, kind } = obj;
  if (typeof apiVersion !== 'string' || apiVersion === '' || typeof kind !== 'string' || kind === '') {
    return ['/ must have a non-empty string apiVersion and kind'];
  }
  if (apiVersion === HELM_CONTROLLER_API_VERSION) return helmControllerObjectProblems(obj, references);
  if (apiVersion === MONITORING_API_VERSION) return monitoringObjectProblems(obj, references);

  const model = findModel(apiVersion, kind);
  if (typeof model === 'string') return [model];
  if (kind.endsWith('List')) return [`${kind} is a list type; write each item as its own manifest`];
  return [...schemaProblems(() => new model(obj).validate()), ...validateObjectMetadata(obj, apiVersion, kind)];
}

/** Runs a kubernetes-models `validate()` and returns its ajv errors as lines. */
function schemaProblems(validate: () => void): string[] {
  try {
    validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: unknown }).errors;
    if (!Array.isArray(errors)) throw error;
    return formatAjvErrors(errors as ErrorObject[]);
  }
}
