// The package entry point: the stack and its synth runner, and the Falco rules toolchain.
export * from './stack/falco-gitops-stack';
export * from './stack/falco-gitops-stack-props';
export * from './stack/resolved-stack-props';
export * from './errors/stack-props-error';
export * from './synth/run-synth';
export * from './synth/synthesize';
export * from './synth/yaml';
export * from './rules';
