export * from './fail-on-errors';
export * from './load-rule-bundles';
export * from './rule-bundle';
export * from './discover-project-rules';
export * from './rule-file-secrets';
export * from './rule-file-warnings';
