/**
 * Process exit codes shared by every command, following the grep/eslint convention:
 * 0 nothing wrong (warnings allowed), 1 the input has errors, 2 the command line itself is wrong.
 */
export const ExitCode = {
  Ok: 0,
  Findings: 1,
  Usage: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
