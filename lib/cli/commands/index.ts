export * from './lint';
export * from './registry';
export * from './scope';
