import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { stackLabels } from '../core';
import { ARGOCD_DEFAULTS } from './argocd-defaults';

/** A Kubernetes kind by API group, as AppProject whitelists name them. */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

export interface ArgoCdAppProjectProps {
  /**
   * `metadata.name` of the AppProject.
   * @default 'falco-gitops'
   */
  readonly name?: string;
  /**
   * Namespace Argo CD runs in.
   * @default 'argocd'
   */
  readonly namespace?: string;
  /** The only source repository the project's Applications may sync from. */
  readonly repoUrl: string;
  /**
   * API server of the destination cluster.
   * @default 'https://kubernetes.default.svc'
   */
  readonly destinationServer?: string;
  /** The only namespaces the Application may write to. */
  readonly destinationNamespaces: readonly string[];
  /** The only cluster-scoped kinds it may manage. */
  readonly clusterResources: readonly GroupKind[];
  /** The only namespaced kinds it may manage. */
  readonly namespaceResources: readonly GroupKind[];
  /**
   * `spec.description`, shown in Argo CD's UI: what the project deploys.
   * @default 'falco-gitops: Falco, Falcosidekick and their rules'
   */
  readonly description?: string;
}

/** What the project deploys when the caller does not say (the stack adds the demo workloads when it renders them). */
export const ARGOCD_APP_PROJECT_DESCRIPTION = 'falco-gitops: Falco, Falcosidekick and their rules';

/**
 * An AppProject that confines the Application to this stack: one source repository, the stack's
 * namespaces, and exactly the kinds the stack renders. A compromised or mistaken commit to `dist/`
 * cannot create, say, a ClusterRoleBinding.
 */
export class ArgoCdAppProject extends Construct {
  constructor(scope: Construct, id: string, props: ArgoCdAppProjectProps) {
    super(scope, id);
    new ApiObject(this, 'Resource', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: {
        name: props.name ?? ARGOCD_DEFAULTS.name,
        namespace: props.namespace ?? ARGOCD_DEFAULTS.namespace,
        labels: stackLabels(),
      },
      spec: {
        description: props.description ?? ARGOCD_APP_PROJECT_DESCRIPTION,
        sourceRepos: [props.repoUrl],
        destinations: [...props.destinationNamespaces]
          .sort()
          .map((namespace) => ({ server: props.destinationServer ?? ARGOCD_DEFAULTS.destinationServer, namespace })),
        clusterResourceWhitelist: sortGroupKinds(props.clusterResources),
        namespaceResourceWhitelist: sortGroupKinds(props.namespaceResources),
      },
    });
  }
}

function sortGroupKinds(kinds: readonly GroupKind[]): GroupKind[] {
  return [...kinds].sort((a, b) => `${a.group}/${a.kind}`.localeCompare(`${b.group}/${b.kind}`));
}
