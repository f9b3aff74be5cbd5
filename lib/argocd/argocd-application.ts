import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { stackLabels } from '../core';
import { ARGOCD_DEFAULTS } from './argocd-defaults';

export interface ArgoCdApplicationProps {
  /**
   * `metadata.name` of the Application.
   * @default 'falco-gitops'
   */
  readonly name?: string;
  /**
   * Namespace Argo CD runs in.
   * @default 'argocd'
   */
  readonly namespace?: string;
  /**
   * AppProject the Application belongs to.
   * @default - the Application's name
   */
  readonly project?: string;
  /** Git repository Argo CD syncs from. */
  readonly repoUrl: string;
  /**
   * Git revision (branch, tag or commit).
   * @default 'main'
   */
  readonly targetRevision?: string;
  /**
   * Folder of the repository with the cluster manifests (never the folder holding this Application).
   * @default 'dist/cluster'
   */
  readonly path?: string;
  /**
   * API server of the destination cluster.
   * @default 'https://kubernetes.default.svc'
   */
  readonly destinationServer?: string;
  /**
   * Destination namespace. Every synced object names its own namespace, but Argo CD checks the
   * Application's destination against the AppProject's `destinations` (util/argo ValidatePermissions):
   * an empty namespace matches none of them and the Application is refused (InvalidSpecError).
   */
  readonly destinationNamespace: string;
}

/**
 * The Argo CD Application that syncs the stack's cluster manifests (argoproj.io/v1alpha1).
 * It lives outside the synced folder, so Argo CD never prunes its own Application.
 */
export class ArgoCdApplication extends Construct {
  constructor(scope: Construct, id: string, props: ArgoCdApplicationProps) {
    super(scope, id);
    const name = props.name ?? ARGOCD_DEFAULTS.name;
    new ApiObject(this, 'Resource', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name,
        namespace: props.namespace ?? ARGOCD_DEFAULTS.namespace,
        labels: stackLabels(),
        // Deleting the Application deletes what it synced (cascading), instead of orphaning Falco.
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
      spec: {
        project: props.project ?? name,
        source: {
          repoURL: props.repoUrl,
          targetRevision: props.targetRevision ?? ARGOCD_DEFAULTS.targetRevision,
          path: props.path ?? ARGOCD_DEFAULTS.path,
          directory: { recurse: false },
        },
        destination: { server: props.destinationServer ?? ARGOCD_DEFAULTS.destinationServer, namespace: props.destinationNamespace },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          syncOptions: [
            // Rule ConfigMaps can be hundreds of KiB: client-side apply would copy them into the
            // last-applied-configuration annotation, which is limited to 256 KiB.
            'ServerSideApply=true',
            // Namespaces are rendered by the stack (wave -3), never created implicitly by Argo CD.
            'CreateNamespace=false',
            'PrunePropagationPolicy=foreground',
            'PruneLast=true',
          ],
          retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
        },
      },
    });
  }
}
