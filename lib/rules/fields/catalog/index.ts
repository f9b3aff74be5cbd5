export * from './container-plugin-fields';
export * from './generic-event-fields';
export * from './json-plugin-fields';
export * from './k8saudit-plugin-fields';
export * from './k8smeta-plugin-fields';
export * from './syscall-fields';
export * from './event-types';
