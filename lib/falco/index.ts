export * from './falco-chart-guards';
export * from './falco-driver-kind';
export * from './falco-helm-chart';
export * from './falco-values';
export * from './falcosidekick-helm-chart';
export * from './falcosidekick-values';
export * from './rules-config-map';
