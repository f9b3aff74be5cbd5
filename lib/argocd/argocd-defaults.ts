/** The defaults of the optional props shared by `ArgoCdApplication` and `ArgoCdAppProject`. */
export const ARGOCD_DEFAULTS = {
  /** Namespace Argo CD runs in; its Applications and AppProjects live there. */
  namespace: 'argocd',
  /** Name of the Application and of its AppProject. */
  name: 'falco-gitops',
  /** The API server of the cluster Argo CD runs in. */
  destinationServer: 'https://kubernetes.default.svc',
  /** Git revision the Application follows. */
  targetRevision: 'main',
  /** Folder of the repository with the cluster manifests. */
  path: 'dist/cluster',
} as const;
