export * from './load-rule-bundles';
export * from './rule-bundle';
export * from './discover-project-rules';
