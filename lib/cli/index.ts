// The command line's front door: main(argv, io) and run() for bin/falco-gitops.js, the io and
// command types, and the exit codes. The commands' implementations load when they run.
export * from './cli-command';
export * from './cli-io';
export * from './exit-code';
export * from './tool-info';
export { main, run } from './main';
export { COMMANDS } from './commands';
