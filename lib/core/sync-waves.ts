/**
 * Argo CD applies lower waves first and waits for them to be healthy
 * (argo-cd docs/user-guide/sync-waves.md): namespaces must exist before anything lands in them,
 * rule ConfigMaps before the Falco pods that mount them, and Falco before the workloads it watches.
 */
export const SyncWave = {
  NAMESPACES: -3,
  CONFIG_MAPS: -2,
  HELM_CHARTS: -1,
  WORKLOADS: 0,
} as const;

export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

export function syncWave(wave: number): Record<string, string> {
  return { [SYNC_WAVE_ANNOTATION]: String(wave) };
}
