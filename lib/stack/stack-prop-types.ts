import type { Problem } from '../core';
import type { FalcoGitopsStackProps } from './falco-gitops-stack-props';

/**
 * The JavaScript type of every prop, checked at synth time. main.ts is compiled by tsx (esbuild),
 * which strips types without checking them, so `demoWorkloads: { enabled: 'false' }` would reach
 * the stack and count as true. Running the type checker first costs seconds per synth (the whole
 * program is type-checked, see README "Synth"); this table costs nothing and says exactly which
 * prop is wrong.
 *
 * One source: `PropTypes<FalcoGitopsStackProps>` derives the kind of every key from the props
 * interfaces, so the table must name every prop, with the kind its type declares, or it does not
 * compile. What a kind allows beyond its type (names, versions, enums) is validate-stack-props's.
 */
export type PropKind = 'string' | 'boolean' | 'number' | 'string list' | 'object list';

/** The kind of a leaf prop of type `T` (`never` for a nested props object). */
type KindOf<T> = [T] extends [boolean]
  ? 'boolean'
  : [T] extends [number]
    ? 'number'
    : [T] extends [string]
      ? 'string'
      : [T] extends [readonly string[]]
        ? 'string list'
        : // A list of props objects (audit.policy.rules): each item's fields are the validator's (lib/audit).
          [T] extends [readonly object[]]
          ? 'object list'
          : never;

/** A props object's table: every key (optional or not) with its kind, or the table of the nested object. */
export type PropTypes<T> = {
  readonly [K in keyof T]-?: KindOf<NonNullable<T[K]>> extends never ? PropTypes<NonNullable<T[K]>> : KindOf<NonNullable<T[K]>>;
};

const NAMESPACE = { name: 'string', enforce: 'string', warn: 'string', audit: 'string' } as const;
const CHART_SOURCE = { repo: 'string', chartVersion: 'string', helmChartNamespace: 'string' } as const;

export const STACK_PROP_TYPES: PropTypes<FalcoGitopsStackProps> = {
  namespaces: { security: NAMESPACE, dev: NAMESPACE, prod: NAMESPACE },
  demoWorkloads: { enabled: 'boolean', ubuntuImage: 'string', nginxImage: 'string' },
  falco: { ...CHART_SOURCE, driverKind: 'string', kubernetesMetadata: 'boolean', appendOutput: 'string' },
  falcosidekick: {
    ...CHART_SOURCE,
    imageTag: 'string',
    replicas: 'number',
    telegram: { secretName: 'string', minimumPriority: 'string', messageThreadId: 'string', checkCert: 'boolean' },
  },
  rules: {
    projectRulesDir: 'string',
    upstreamRulesDir: 'string',
    lockFile: 'string',
    scope: { namespaces: 'string list', field: 'string', files: 'string list', excludeRules: 'string list', excludeTags: 'string list' },
  },
  argocd: { repoUrl: 'string', targetRevision: 'string', path: 'string', namespace: 'string', name: 'string', destinationServer: 'string' },
  audit: {
    enabled: 'boolean',
    policy: { rules: 'object list', omitStages: 'string list', omitManagedFields: 'boolean' },
    volumeNamespaces: 'string list',
    feedFalco: 'boolean',
    allowSecretBodies: 'boolean',
    log: { path: 'string', maxAge: 'number', maxBackup: 'number', maxSize: 'number', format: 'string', mode: 'string' },
    hostConfigDir: 'string',
    falco: { enabled: 'boolean', webhookClusterIP: 'string', webhookPort: 'number', projectRulesDir: 'string', unscopedRules: 'string list' },
  },
  observability: {
    enabled: 'boolean',
    namespace: 'string',
    kubePrometheusStack: { enabled: 'boolean', ...CHART_SOURCE },
    prometheusReleaseLabel: 'string',
    grafana: { enabled: 'boolean', dashboards: 'boolean', adminSecretName: 'string', dashboardLabel: 'string', dashboardLabelValue: 'string' },
    alerts: {
      detectionMinimumPriority: 'string',
      detectionFor: 'string',
      integrityFor: 'string',
      healthFor: 'string',
      kernelDropRatio: 'number',
      metadataGuardPerMinute: 'number',
      metadataGuardFor: 'string',
      // Each item's fields are checked by the extraRules rule (validate-stack-props.ts).
      extraRules: 'object list',
    },
    metadataGuard: { enabled: 'boolean', priority: 'string' },
  },
};

/** What each kind must be, and how to write it. */
const KIND_TEXT: Record<PropKind | 'object', { readonly what: string; readonly fix: string }> = {
  string: { what: 'a string', fix: 'write it in quotes' },
  boolean: { what: 'true or false', fix: 'write true or false, without quotes' },
  number: { what: 'a number', fix: 'write the number without quotes' },
  'string list': { what: 'a list of strings', fix: 'write a list, e.g. ["a", "b"]' },
  'object list': { what: 'a list of objects', fix: 'write a list of { ... }, e.g. [{ level: "Metadata" }]' },
  object: { what: 'an object of props', fix: 'write { ... } with the props of this level, or leave it out for the defaults' },
};

/** `typeof`, told apart where it matters to the user: null and lists are not objects to them. */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

function hasKind(value: unknown, kind: PropKind | 'object'): boolean {
  switch (kind) {
    case 'string':
    case 'boolean':
    case 'number':
      return typeof value === kind && !(kind === 'number' && !Number.isFinite(value));
    case 'string list':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'object list':
      return Array.isArray(value) && value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item));
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
  }
}

/** A prop given with the wrong JavaScript type: its dotted path and the problem to report. */
export interface PropTypeProblem {
  readonly path: string;
  readonly problem: Problem;
}

/**
 * Every prop the user gave (`undefined` is "not given") whose JavaScript type is not its kind.
 * Unknown keys are not looked at here (validateStackProps reports them).
 */
export function propTypeProblems(raw: unknown): PropTypeProblem[] {
  const out: PropTypeProblem[] = [];
  const walk = (types: Readonly<Record<string, unknown>>, given: Readonly<Record<string, unknown>>, prefix: string): void => {
    for (const [key, kind] of Object.entries(types)) {
      const value = given[key];
      if (value === undefined) continue;
      const path = prefix ? `${prefix}.${key}` : key;
      const expected = typeof kind === 'string' ? (kind as PropKind) : 'object';
      if (!hasKind(value, expected)) {
        out.push({ path, problem: typeProblem(path, value, expected) });
      } else if (expected === 'object') {
        walk(kind as Record<string, unknown>, value as Record<string, unknown>, path);
      }
    }
  };
  if (hasKind(raw, 'object')) walk(STACK_PROP_TYPES, raw as Record<string, unknown>, '');
  return out;
}

function typeProblem(path: string, value: unknown, kind: PropKind | 'object'): Problem {
  const text = KIND_TEXT[kind];
  // The classic: a quoted boolean, which JavaScript would take as true whatever it says.
  const quotedBoolean = kind === 'boolean' && (value === 'true' || value === 'false');
  return {
    subject: path,
    received: value,
    problem:
      `must be ${text.what}, not ${typeName(value)}` +
      (quotedBoolean ? ` (the string '${String(value)}' would count as true)` : ''),
    fix: quotedBoolean ? `write ${String(value)} without quotes` : value === null && kind !== 'object' ? `${text.fix}, or leave it out for the default` : text.fix,
  };
}
