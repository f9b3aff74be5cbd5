import type {
  FalcoDriverKind,
  FalcoGitopsStackProps,
  FalcoPriority,
  PodSecurityLevel,
  ScopeField,
} from './falco-gitops-stack-props';

/** A namespace with every PSA level decided. */
export interface ResolvedNamespace {
  readonly name: string;
  readonly enforce: PodSecurityLevel;
  readonly warn: PodSecurityLevel;
  readonly audit: PodSecurityLevel;
}

/** The props with every default applied, once, with `??` (never `||`, which would turn a valid `0` into the default). */
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
  readonly argocd: {
    readonly repoUrl: string;
    readonly targetRevision: string;
    readonly path: string;
    readonly namespace: string;
    readonly name: string;
    readonly destinationServer: string;
  };
}

export const FALCOSECURITY_CHARTS_REPO = 'https://falcosecurity.github.io/charts';
/** The tag shared by every project rule that must fire in all namespaces (see `rules/falco-gitops_rules.yaml`). */
export const CLUSTER_WIDE_TAG = 'falco_gitops_cluster_wide';

export function resolveStackProps(props: FalcoGitopsStackProps): ResolvedStackProps {
  const ns = props.namespaces ?? {};
  const workloadNamespace = (given: typeof ns.dev, name: string): ResolvedNamespace => {
    const enforce = given?.enforce ?? 'baseline';
    const warn = given?.warn ?? (given?.enforce === undefined ? 'restricted' : enforce);
    return { name: given?.name ?? name, enforce, warn, audit: given?.audit ?? warn };
  };
  const securityEnforce = ns.security?.enforce ?? 'privileged';
  const securityWarn = ns.security?.warn ?? securityEnforce;
  const prod = workloadNamespace(ns.prod, 'prod');
  const telegram = props.falcosidekick?.telegram ?? {};
  const scope = props.rules?.scope ?? {};
  return {
    namespaces: {
      security: {
        name: ns.security?.name ?? 'secured-ns',
        enforce: securityEnforce,
        warn: securityWarn,
        audit: ns.security?.audit ?? securityWarn,
      },
      dev: workloadNamespace(ns.dev, 'dev'),
      prod,
    },
    demoWorkloads: {
      enabled: props.demoWorkloads?.enabled ?? true,
      ubuntuImage: props.demoWorkloads?.ubuntuImage ?? 'docker.io/library/ubuntu:24.04',
      nginxImage: props.demoWorkloads?.nginxImage ?? 'docker.io/nginxinc/nginx-unprivileged:1.27.3',
    },
    falco: {
      repo: props.falco?.repo ?? FALCOSECURITY_CHARTS_REPO,
      chartVersion: props.falco?.chartVersion ?? '9.1.0',
      helmChartNamespace: props.falco?.helmChartNamespace ?? 'kube-system',
      driverKind: props.falco?.driverKind ?? 'modern_ebpf',
      kubernetesMetadata: props.falco?.kubernetesMetadata ?? true,
      appendOutput:
        props.falco?.appendOutput ??
        'pod_uid=%k8smeta.pod.uid, pod_name=%k8smeta.pod.name, namespace_name=%k8smeta.ns.name',
    },
    falcosidekick: {
      repo: props.falcosidekick?.repo ?? FALCOSECURITY_CHARTS_REPO,
      chartVersion: props.falcosidekick?.chartVersion ?? '0.14.0',
      helmChartNamespace: props.falcosidekick?.helmChartNamespace ?? 'kube-system',
      imageTag: props.falcosidekick?.imageTag ?? '2.34.0',
      replicas: props.falcosidekick?.replicas ?? 2,
      telegram: {
        secretName: telegram.secretName ?? 'falcosidekick-telegram',
        minimumPriority: telegram.minimumPriority ?? 'warning',
        messageThreadId: telegram.messageThreadId,
        checkCert: telegram.checkCert ?? true,
      },
    },
    rules: {
      projectRulesDir: props.rules?.projectRulesDir ?? 'rules',
      upstreamRulesDir: props.rules?.upstreamRulesDir,
      lockFile: props.rules?.lockFile ?? 'rules/upstream.lock.yaml',
      scope: {
        namespaces: scope.namespaces ?? [prod.name],
        field: scope.field ?? 'k8smeta.ns.name',
        files: scope.files,
        excludeRules: scope.excludeRules ?? [],
        excludeTags: scope.excludeTags ?? [CLUSTER_WIDE_TAG],
      },
    },
    argocd: {
      repoUrl: props.argocd?.repoUrl ?? '',
      targetRevision: props.argocd?.targetRevision ?? 'main',
      path: props.argocd?.path ?? 'dist/cluster',
      namespace: props.argocd?.namespace ?? 'argocd',
      name: props.argocd?.name ?? 'falco-gitops',
      destinationServer: props.argocd?.destinationServer ?? 'https://kubernetes.default.svc',
    },
  };
}
