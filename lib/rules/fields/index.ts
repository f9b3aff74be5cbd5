export * from './field-catalog';
export { EVENT_TABLE_NAMES, PLUGIN_ASYNC_EVENT_NAMES, SYSCALL_NAMES } from './catalog';
export { longestMatchingEventArgument, paramTypeCode } from './event-arguments';
export type { EventArgument } from './event-arguments';
