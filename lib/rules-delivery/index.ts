export * from './load-rule-bundles';
export * from './rule-bundle';
