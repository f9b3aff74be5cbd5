import type { AuditLogFormat, AuditLogMode, AuditPolicyRule, AuditStage } from '../audit';
import type { FalcoPriority } from '../core';
import type { FalcoDriverKind } from '../falco';
import type { ExtraAlertRule } from '../monitoring';
import type { PodSecurityLevel } from '../namespaces';
import type { ScopeField } from '../rules';
import type { FalcoGitopsStackProps } from './falco-gitops-stack-props';
import { Derived, STACK_DEFAULTS } from './stack-defaults';

/** A namespace with every PSA level decided. */
export interface ResolvedNamespace {
  readonly name: string;
  readonly enforce: PodSecurityLevel;
  readonly warn: PodSecurityLevel;
  readonly audit: PodSecurityLevel;
}

/** The props with every default applied (`STACK_DEFAULTS`). */
export interface ResolvedStackProps {
  readonly namespaces: { readonly security: ResolvedNamespace; readonly dev: ResolvedNamespace; readonly prod: ResolvedNamespace };
  readonly demoWorkloads: { readonly enabled: boolean; readonly ubuntuImage: string; readonly nginxImage: string };
  readonly falco: {
    readonly repo: string;
    readonly chartVersion: string;
    readonly helmChartNamespace: string;
    readonly driverKind: FalcoDriverKind;
    readonly kubernetesMetadata: boolean;
    readonly appendOutput: string;
  };
  readonly falcosidekick: {
    readonly repo: string;
    readonly chartVersion: string;
    readonly helmChartNamespace: string;
    readonly imageTag: string;
    readonly replicas: number;
    readonly telegram: {
      readonly secretName: string;
      readonly minimumPriority: FalcoPriority;
      readonly messageThreadId: string | undefined;
      readonly checkCert: boolean;
    };
  };
  readonly rules: {
    readonly projectRulesDir: string;
    readonly upstreamRulesDir: string | undefined;
    readonly lockFile: string;
    readonly scope: {
      readonly namespaces: readonly string[];
      readonly field: ScopeField;
      readonly files: readonly string[] | undefined;
      readonly excludeRules: readonly string[];
      readonly excludeTags: readonly string[];
    };
  };
  readonly audit: {
    readonly enabled: boolean;
    readonly policy: {
      readonly rules: readonly AuditPolicyRule[];
      readonly omitStages: readonly AuditStage[];
      readonly omitManagedFields: boolean;
    };
    readonly volumeNamespaces: readonly string[];
    readonly feedFalco: boolean;
    readonly allowSecretBodies: boolean;
    readonly log: {
      readonly path: string;
      readonly maxAge: number;
      readonly maxBackup: number;
      readonly maxSize: number;
      readonly format: AuditLogFormat;
      readonly mode: AuditLogMode;
    };
    readonly hostConfigDir: string;
    readonly falco: {
      readonly enabled: boolean;
      readonly webhookClusterIP: string;
      readonly webhookPort: number;
      readonly projectRulesDir: string;
      readonly unscopedRules: readonly string[];
    };
  };
  readonly observability: {
    readonly enabled: boolean;
    readonly namespace: string;
    readonly kubePrometheusStack: { readonly enabled: boolean; readonly repo: string; readonly chartVersion: string; readonly helmChartNamespace: string };
    readonly prometheusReleaseLabel: string;
    readonly grafana: {
      readonly enabled: boolean;
      readonly dashboards: boolean;
      readonly adminSecretName: string;
      readonly dashboardLabel: string;
      readonly dashboardLabelValue: string;
    };
    readonly alerts: {
      readonly detectionMinimumPriority: FalcoPriority;
      readonly detectionFor: string;
      readonly integrityFor: string;
      readonly healthFor: string;
      readonly kernelDropRatio: number;
      readonly metadataGuardPerMinute: number;
      readonly metadataGuardFor: string;
      readonly extraRules: readonly ExtraAlertRule[];
    };
    readonly metadataGuard: { readonly enabled: boolean; readonly priority: FalcoPriority };
  };
  readonly argocd: {
    readonly repoUrl: string | undefined;
    readonly targetRevision: string;
    readonly path: string;
    readonly namespace: string;
    readonly name: string;
    readonly destinationServer: string;
  };
}

/**
 * Applies `STACK_DEFAULTS` to the user's props: a value the user gave wins (`??`, never `||`, which
 * would turn a valid `0` into the default); nested objects are resolved key by key; derived
 * defaults are computed last, in key order, from what is resolved by then.
 */
export function resolveStackProps(props: FalcoGitopsStackProps): ResolvedStackProps {
  const pending: Array<() => void> = [];
  const root = resolveLevel(STACK_DEFAULTS as unknown as Level, props, pending) as unknown as ResolvedStackProps;
  for (const step of pending) step();
  return root;

  function resolveLevel(defaults: Level, given: unknown, later: Array<() => void>): Record<string, unknown> {
    const givenLevel: Record<string, unknown> = isPlainObject(given) ? given : {};
    const out: Record<string, unknown> = {};
    for (const [key, fallback] of Object.entries(defaults)) {
      const value = givenLevel[key];
      if (fallback instanceof Derived) {
        out[key] = value;
        if (value === undefined) {
          later.push(() => {
            out[key] = fallback.compute({ given: givenLevel, siblings: out, root });
          });
        }
      } else if (isPlainObject(fallback)) {
        out[key] = resolveLevel(fallback as Level, value, later);
      } else {
        out[key] = value ?? fallback;
      }
    }
    return out;
  }
}

type Level = Readonly<Record<string, unknown>>;

/** A props level (not an array, not a `Derived`): what the user may nest keys in. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Derived);
}

/**
 * The known keys at each dotted path of the props (`''` for the top level), derived from
 * `STACK_DEFAULTS`: anything else a user writes is a typo that would otherwise be ignored silently.
 */
export const KNOWN_PROP_KEYS: ReadonlyMap<string, readonly string[]> = (() => {
  const known = new Map<string, readonly string[]>();
  const walk = (level: Level, path: string): void => {
    known.set(path, Object.keys(level));
    for (const [key, value] of Object.entries(level)) {
      if (isPlainObject(value)) walk(value, path ? `${path}.${key}` : key);
    }
  };
  walk(STACK_DEFAULTS as unknown as Level, '');
  return known;
})();
