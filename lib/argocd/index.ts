export * from './argocd-app-project';
export * from './argocd-application';
export * from './argocd-defaults';
