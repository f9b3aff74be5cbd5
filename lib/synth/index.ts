export * from './manifest-files';
export * from './run-synth';
export * from './synthesize';
export * from './write-dist';
