export * from './field-catalog';
