export * from './demo-deployment';
export * from './demo-workloads';
