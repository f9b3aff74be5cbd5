export { DistError, type DistState } from './dist-error';
export type { DistWriteOptions } from './dist-env';
export { NODE_DIST_FS, type DistFs } from './dist-fs';
export * from './manifest-files';
export { needsDistRepair, repairDist } from './repair-dist';
export * from './run-synth';
export * from './synthesis-summary';
export * from './synthesize';
export * from './write-dist';
