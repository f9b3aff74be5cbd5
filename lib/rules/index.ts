export * from './condition';
export * from './loader';
export * from './lint';
export * from './fields';
