import type { ChartReference } from './chart-reference';
import type { CrdValidator } from './crd-schema';

/**
 * What manifests are checked against beyond the kubernetes-models schemas: the helm.cattle.io and
 * monitoring.coreos.com CRDs and the pinned charts' values. The library's `CATALOG_REFERENCES` read the catalogs generated
 * into this folder (what `falco-gitops check` uses, in any repository); the product's tests pass
 * references read from ../shared.
 */
export interface ManifestReferences {
  /** The validator of a `helm.cattle.io/v1` kind, or undefined when helm-controller defines no such kind. */
  helmControllerCrd(kind: string): CrdValidator | undefined;
  /** The kinds `helmControllerCrd` knows, for messages. */
  readonly helmControllerKinds: readonly string[];
  /** The validator of a `monitoring.coreos.com/v1` kind, or undefined when no such kind is pinned. */
  monitoringCrd(kind: string): CrdValidator | undefined;
  /** The kinds `monitoringCrd` knows, for messages. */
  readonly monitoringKinds: readonly string[];
  /** The reference of chart `chart` at `version`, or why there is none (a sentence). */
  chart(chart: string, version: string): ChartReference | { readonly problem: string };
}
