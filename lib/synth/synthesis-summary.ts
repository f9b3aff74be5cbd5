import type { SynthesisResult } from './synthesize';

/**
 * What synth (and `falco-gitops check`) tells the user it loaded: the rule files of each Falco,
 * in its load order, one line per Falco (discovery never skips a file silently).
 */
export function loadedRuleFileLines(result: Pick<SynthesisResult, 'ruleFiles' | 'auditRuleFiles'>): string[] {
  const lines: string[] = [];
  const { ruleFiles, auditRuleFiles } = result;
  if (ruleFiles.length > 0) lines.push(`loaded ${ruleFiles.length} rule ${plural(ruleFiles.length)}, in order: ${ruleFiles.join(', ')}`);
  // The audit Falco (release falco-k8saudit) loads its own files, in its own order.
  if (auditRuleFiles.length > 0) {
    lines.push(`loaded ${auditRuleFiles.length} audit rule ${plural(auditRuleFiles.length)} (the audit Falco), in order: ${auditRuleFiles.join(', ')}`);
  }
  return lines;
}

/**
 * `26 manifests and 8 host files`: dist/host/ (audit policy, API server settings for the
 * control-plane nodes) holds no Kubernetes objects, so it is counted apart.
 */
export function writtenFilesText(result: Pick<SynthesisResult, 'files'>): string {
  const hostFiles = result.files.filter((file) => file.path.startsWith('host/')).length;
  const manifests = `${result.files.length - hostFiles} manifests`;
  return hostFiles > 0 ? `${manifests} and ${hostFiles} host ${hostFiles === 1 ? 'file' : 'files'}` : manifests;
}

function plural(count: number): string {
  return count === 1 ? 'file' : 'files';
}
