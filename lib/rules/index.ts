export * from './diagnostic';
export * from './line-counter';
export * from './condition';
export * from './fields';
export * from './loader';
export * from './lint';
export * from './scope';
export * from './vendor';
