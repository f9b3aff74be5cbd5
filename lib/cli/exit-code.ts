/**
 * Process exit codes shared by every command, following the grep/eslint convention: 0 nothing
 * wrong (warnings allowed), 1 the input has errors, 2 the command line itself is wrong. A bug in
 * falco-gitops exits 70, sysexits.h's EX_SOFTWARE, so a script or CI job can tell "your rules are
 * wrong" (1) from "the tool broke" (70) and report the latter instead of fixing the rules.
 */
export const ExitCode = {
  Ok: 0,
  Findings: 1,
  Usage: 2,
  Internal: 70,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
