import type { Command } from 'commander';

/** The line under every usage error: `Run 'falco-gitops lint --help' for usage.` */
export function usageHint(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c !== null; c = c.parent) names.unshift(c.name());
  return `Run '${names.join(' ')} --help' for usage.`;
}
