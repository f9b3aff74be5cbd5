import { crdValidator, type CrdValidator } from './crd-schema';
import { describeJsonType, isJsonObject } from './json-value';
import { prefixProblems } from './object-identity';
import { validateObjectMetadata } from './object-metadata';

/** The API version of the Prometheus Operator kinds the stack renders. */
export const MONITORING_API_VERSION = 'monitoring.coreos.com/v1';

const CRDS: Readonly<Record<string, () => CrdValidator>> = {
  ServiceMonitor: () => crdValidator('servicemonitors', 'v1'),
  PrometheusRule: () => crdValidator('prometheusrules', 'v1'),
  PodMonitor: () => crdValidator('podmonitors', 'v1'),
};

/**
 * Problems with a `monitoring.coreos.com/v1` object (empty = valid), checked against the pinned
 * Prometheus Operator CRDs in `../shared/upstream/crds/` (fields the API server would prune are
 * reported as unknown), plus metadata as the API server checks it.
 */
export function validateMonitoringObject(obj: unknown): string[] {
  if (!isJsonObject(obj)) return [`manifest must be an object, got ${describeJsonType(obj)}`];
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  const crd = Object.hasOwn(CRDS, kind) ? CRDS[kind]?.() : undefined;
  if (crd === undefined || obj.apiVersion !== MONITORING_API_VERSION) {
    return prefixProblems(obj, [`unknown kind ${JSON.stringify(obj.kind)} for apiVersion ${JSON.stringify(obj.apiVersion)} (pinned CRDs: ${Object.keys(CRDS).join(', ')} of '${MONITORING_API_VERSION}')`]);
  }
  if (crd.kind !== kind || crd.apiVersion !== MONITORING_API_VERSION) throw new Error(`the CRD for ${kind} defines ${crd.apiVersion} ${crd.kind}`);
  return prefixProblems(obj, [...crd.validate(obj), ...validateObjectMetadata(obj, MONITORING_API_VERSION, kind)]);
}
