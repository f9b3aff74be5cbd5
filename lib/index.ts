// The package entry point, layer by layer: shared vocabulary, the Falco rules toolchain, the
// constructs, the stack that composes them, and the synth runner behind main.ts.
export * from './core';
export * from './rules';
export * from './argocd';
export * from './audit';
export * from './falco';
export * from './helm';
export * from './monitoring';
export * from './namespaces';
export * from './rules-delivery';
export * from './workloads';
export * from './stack';
export * from './synth';
