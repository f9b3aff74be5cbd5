export * from './falco-gitops-stack';
export * from './falco-gitops-stack-props';
export * from './resolved-stack-props';
export * from './stack-defaults';
export * from './stack-prop-types';
export * from './stack-props-error';
export * from './validate-stack-props';
