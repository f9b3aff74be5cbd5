// Only the commands' definitions: their *-action modules are loaded by the actions when they run.
export * from './check';
export * from './drift';
export * from './lint';
export * from './registry';
export * from './scope';
export * from './vendor';
