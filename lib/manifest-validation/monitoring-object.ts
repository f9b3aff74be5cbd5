import type { ManifestReferences } from './manifest-references';
import { validateObjectMetadata } from './object-metadata';
import type { JsonObject } from './json-value';

/** The API version of the Prometheus Operator kinds the stack renders. */
export const MONITORING_API_VERSION = 'monitoring.coreos.com/v1';

/**
 * Problems with a `monitoring.coreos.com/v1` object (empty = valid), not prefixed with the object:
 * checked against the pinned Prometheus Operator CRD of its kind (fields the API server would
 * prune are reported as unknown), plus metadata as the API server checks it.
 */
export function monitoringObjectProblems(obj: JsonObject, references: ManifestReferences): string[] {
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const crd = obj.apiVersion === MONITORING_API_VERSION ? references.monitoringCrd(kind) : undefined;
  if (crd === undefined) {
    return [
      `unknown kind ${JSON.stringify(obj.kind)} for apiVersion ${JSON.stringify(obj.apiVersion)} (pinned CRDs: ${references.monitoringKinds.join(', ')} of '${MONITORING_API_VERSION}')`,
    ];
  }
  if (crd.kind !== kind || crd.apiVersion !== MONITORING_API_VERSION) throw new Error(`the CRD for ${kind} defines ${crd.apiVersion} ${crd.kind}`);
  return [...crd.validate(obj), ...validateObjectMetadata(obj, MONITORING_API_VERSION, kind)];
}
