export * from './metric-catalog';
export * from './metric-catalog-lookup';
export * from './metric-info';
export * from './promql-check';
