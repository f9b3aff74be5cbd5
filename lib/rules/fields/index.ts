export * from './field-catalog';
export { EVENT_TABLE_NAMES, PLUGIN_ASYNC_EVENT_NAMES, SYSCALL_NAMES } from './catalog';
