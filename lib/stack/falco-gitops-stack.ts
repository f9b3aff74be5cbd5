import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type { Warning } from '../core';
import { ArgoCdAppProject, ArgoCdApplication } from '../argocd';
import {
  AUDIT_FALCO_PLUGINS,
  decisionTable,
  hostArtifacts,
  K8SAUDIT_RULE_NEEDS,
  lintAuditPolicy,
  loadAuditRuleBundles,
  projectAuditRuleNeeds,
  readAuditRuleFolder,
  representativeRequests,
  type HostFile,
} from '../audit';
import { FalcoHelmChart, FalcoK8sAuditHelmChart, FalcosidekickHelmChart, RulesConfigMap } from '../falco';
import {
  falcoDashboards,
  FalcoPrometheusRule,
  FalcoServiceMonitors,
  GrafanaDashboardConfigMaps,
  KubePrometheusStackHelmChart,
  METADATA_GUARD_FILE,
  METADATA_GUARD_RULE,
  metadataGuardRulesFile,
  rulesFileHashes,
} from '../monitoring';
import { PodSecurityNamespace } from '../namespaces';
import { loadRuleBundles, type RuleBundle, type VendoredRuleText } from '../rules-delivery';
import { DemoWorkloads } from '../workloads';
import type { FalcoGitopsStackProps } from './falco-gitops-stack-props';
import { resolveStackProps, type ResolvedStackProps } from './resolved-stack-props';
import { validateStackProps } from './validate-stack-props';

/** Where the rule ConfigMaps are mounted in the Falco container, one sub-directory each. */
export const RULES_MOUNT_ROOT = '/etc/falco/falco-gitops';

/** Where the audit rule ConfigMaps are mounted in the audit Falco's container. */
export const AUDIT_RULES_MOUNT_ROOT = '/etc/falco/falco-gitops-k8saudit';

/** ConfigMaps of the audit Falco's rules, by bundle. */
export const AUDIT_RULES_CONFIG_MAPS = {
  upstream: 'falco-gitops-k8saudit-rules-upstream',
  project: 'falco-gitops-k8saudit-rules-project',
} as const;

export interface FalcoGitopsStackOptions {
  /**
   * Directory the props' relative paths (`rules/...`) are resolved against.
   * @default - the current working directory
   */
  readonly baseDir?: string;
}

/**
 * The whole Falco stack: namespaces, rule ConfigMaps, Falco and Falcosidekick HelmCharts, demo
 * workloads (the `cluster` chart, synced by Argo CD) and the Argo CD Application and AppProject
 * (the `bootstrap` chart, applied once by hand and never synced by itself).
 */
export class FalcoGitopsStack extends Construct {
  /** Everything Argo CD syncs. */
  readonly clusterChart: Chart;
  /** The Argo CD objects, outside the synced folder. */
  readonly bootstrapChart: Chart;
  readonly resolved: ResolvedStackProps;
  readonly ruleBundles: readonly RuleBundle[];
  /** Non-fatal findings for the user, e.g. rules of a source without a namespace field left unscoped. */
  readonly warnings: readonly Warning[];
  /** The rule files read, in Falco's load order, relative to the repository (synth prints them). */
  readonly ruleFiles: readonly string[];
  /** The audit Falco's rule files, in its load order (synth prints them); empty without it. */
  readonly auditRuleFiles: readonly string[];
  /** Files for the control-plane nodes (audit policy, API server settings), rendered to `dist/host/`. */
  readonly hostFiles: readonly HostFile[];

  constructor(scope: Construct, id: string, props: FalcoGitopsStackProps, options: FalcoGitopsStackOptions = {}) {
    super(scope, id);
    const resolved = resolveStackProps(props);
    validateStackProps(props, resolved);
    this.resolved = resolved;
    const { namespaces } = resolved;

    this.clusterChart = new Chart(this, 'Cluster', { disableResourceNameHashes: true });
    this.bootstrapChart = new Chart(this, 'Bootstrap', { disableResourceNameHashes: true });

    const namespaceGroup = new Construct(this.clusterChart, 'Namespaces');
    for (const key of ['security', 'dev', 'prod'] as const) {
      new PodSecurityNamespace(namespaceGroup, key, namespaces[key]);
    }

    const rules = loadRuleBundles({ ...resolved.rules, baseDir: options.baseDir ?? process.cwd() });
    this.ruleBundles = rules.bundles;
    const warnings = [...rules.warnings];
    this.warnings = warnings;
    this.ruleFiles = rules.ruleFiles;
    const auditRuleFiles: string[] = [];
    this.auditRuleFiles = auditRuleFiles;
    const rulesGroup = new Construct(this.clusterChart, 'Rules');
    const rulesConfigMaps = this.ruleBundles.map((bundle, index) => {
      const configMap = new RulesConfigMap(rulesGroup, bundle.id, {
        name: bundle.configMapName,
        namespace: namespaces.security.name,
        // The numeric prefix makes the directory order visible; falco.rules_files states the order.
        mountPath: `${RULES_MOUNT_ROOT}/${String(index).padStart(2, '0')}-${bundle.id}`,
        // One ConfigMap per source, and no prop splits one: what the user can change is which
        // files and rules the source holds.
        oversizeFix:
          bundle.id === 'upstream'
            ? 'remove an upstream file you do not need (e.g. falco-sandbox_rules.yaml) from the files of the lock file (rules.lockFile) and run `npm run rules:vendor`'
            : 'remove rules you do not need from the rule files in rules.projectRulesDir (Kubernetes refuses a larger ConfigMap, and one source is one ConfigMap)',
      });
      for (const file of bundle.files) configMap.addRulesFile(file.name, file.text);
      return configMap;
    });
    const observability = resolved.observability;
    const metadataGuard = observability.enabled && observability.metadataGuard.enabled;
    if (metadataGuard) {
      // Its own directory, loaded last and never scoped: see metadataGuardRulesFile.
      const guard = new RulesConfigMap(rulesGroup, 'metadata-guard', {
        name: 'falco-gitops-rules-metadata-guard',
        namespace: namespaces.security.name,
        mountPath: `${RULES_MOUNT_ROOT}/${String(rulesConfigMaps.length).padStart(2, '0')}-metadata-guard`,
      });
      guard.addRulesFile(METADATA_GUARD_FILE, metadataGuardRulesFile({ namespaceField: resolved.rules.scope.field, priority: observability.metadataGuard.priority }));
      rulesConfigMaps.push(guard);
    }

    const sidekick = new FalcosidekickHelmChart(this.clusterChart, 'Falcosidekick', {
      ...resolved.falcosidekick,
      targetNamespace: namespaces.security.name,
    });

    new FalcoHelmChart(this.clusterChart, 'Falco', {
      ...resolved.falco,
      targetNamespace: namespaces.security.name,
      httpOutputUrl: sidekick.serviceUrl,
      rulesMounts: rulesConfigMaps.map((cm) => ({ configMapName: cm.name, mountPath: cm.mountPath })),
      metrics: observability.enabled,
    });

    // The audit Falco's rule ConfigMaps (empty without it): observability holds it to them.
    const auditConfigMaps: RulesConfigMap[] = [];
    this.hostFiles = resolved.audit.enabled
      ? this.renderAudit(resolved, sidekick.serviceUrl, options.baseDir ?? process.cwd(), rules.otherSources, warnings, auditRuleFiles, auditConfigMaps)
      : [];
    const auditFalco =
      resolved.audit.enabled && resolved.audit.falco.enabled
        ? // Base names unique per Falco: each pod reports only its own files, under its own Service.
          { release: FalcoK8sAuditHelmChart.RELEASE_NAME, rulesFiles: rulesFileHashes(auditConfigMaps) }
        : undefined;

    if (observability.enabled) {
      const monitoring = new Construct(this.clusterChart, 'Monitoring');
      const kps = observability.kubePrometheusStack;
      if (kps.enabled) {
        // Enforce baseline: node-exporter (the one component needing privileged) is off.
        new PodSecurityNamespace(namespaceGroup, 'monitoring', { name: observability.namespace, enforce: 'baseline', warn: 'restricted', audit: 'restricted' });
        new KubePrometheusStackHelmChart(monitoring, 'KubePrometheusStack', {
          repo: kps.repo,
          chartVersion: kps.chartVersion,
          helmChartNamespace: kps.helmChartNamespace,
          targetNamespace: observability.namespace,
          grafana: observability.grafana.enabled,
          grafanaAdminSecretName: observability.grafana.adminSecretName,
          dashboardLabel: observability.grafana.dashboardLabel,
          dashboardLabelValue: observability.grafana.dashboardLabelValue,
        });
      }
      const prometheusSelectorLabels = { release: observability.prometheusReleaseLabel };
      new FalcoServiceMonitors(monitoring, 'ServiceMonitors', { namespace: namespaces.security.name, prometheusSelectorLabels, auditFalcoRelease: auditFalco?.release });
      const rulesFiles = rulesFileHashes(rulesConfigMaps);
      const { extraRules, detectionMinimumPriority, ...thresholds } = observability.alerts;
      new FalcoPrometheusRule(monitoring, 'PrometheusRule', {
        name: 'falco-gitops',
        namespace: namespaces.security.name,
        prometheusSelectorLabels,
        falcoNamespace: namespaces.security.name,
        scopedNamespaces: resolved.rules.scope.namespaces,
        detectionMinimumPriority,
        rulesFiles,
        falcoDaemonSet: FalcoHelmChart.RELEASE_NAME,
        telegram: true,
        metadataGuardRule: metadataGuard ? METADATA_GUARD_RULE : undefined,
        thresholds,
        extraRules,
        auditFalco,
      });
      if (observability.grafana.enabled && observability.grafana.dashboards) {
        new GrafanaDashboardConfigMaps(monitoring, 'Dashboards', {
          namespace: observability.namespace,
          label: observability.grafana.dashboardLabel,
          labelValue: observability.grafana.dashboardLabelValue,
          dashboards: falcoDashboards({
            falcoNamespace: namespaces.security.name,
            scopedNamespaces: resolved.rules.scope.namespaces,
            rulesFiles,
            detectionMinimumPriority,
            auditFalco,
          }),
        });
      }
    }

    if (resolved.demoWorkloads.enabled) {
      new DemoWorkloads(this.clusterChart, 'DemoWorkloads', {
        namespaces: [namespaces.dev.name, namespaces.prod.name],
        ubuntuImage: resolved.demoWorkloads.ubuntuImage,
        nginxImage: resolved.demoWorkloads.nginxImage,
      });
    }

    // Validation has refused props without a repository URL.
    const argocd = { ...resolved.argocd, repoUrl: resolved.argocd.repoUrl ?? '' };
    const helmChartNamespaces = [
      resolved.falco.helmChartNamespace,
      resolved.falcosidekick.helmChartNamespace,
      ...(observability.enabled && observability.kubePrometheusStack.enabled ? [observability.kubePrometheusStack.helmChartNamespace] : []),
    ];
    new ArgoCdAppProject(this.bootstrapChart, 'AppProject', {
      name: argocd.name,
      namespace: argocd.namespace,
      repoUrl: argocd.repoUrl,
      destinationServer: argocd.destinationServer,
      // Says what this project deploys: the demo workloads only when they are rendered.
      description: resolved.demoWorkloads.enabled
        ? 'falco-gitops: Falco, Falcosidekick, their rules and the demo workloads'
        : 'falco-gitops: Falco, Falcosidekick and their rules',
      destinationNamespaces: [
        ...new Set([
          ...helmChartNamespaces,
          namespaces.security.name,
          ...(resolved.demoWorkloads.enabled ? [namespaces.dev.name, namespaces.prod.name] : []),
          ...(observability.enabled ? [observability.namespace] : []),
        ]),
      ],
      clusterResources: [{ group: '', kind: 'Namespace' }],
      namespaceResources: [
        { group: '', kind: 'ConfigMap' },
        { group: 'helm.cattle.io', kind: 'HelmChart' },
        ...(resolved.demoWorkloads.enabled ? [{ group: 'apps', kind: 'Deployment' }] : []),
        ...(observability.enabled
          ? [
              { group: 'monitoring.coreos.com', kind: 'ServiceMonitor' },
              { group: 'monitoring.coreos.com', kind: 'PrometheusRule' },
            ]
          : []),
      ],
    });
    new ArgoCdApplication(this.bootstrapChart, 'Application', {
      name: argocd.name,
      namespace: argocd.namespace,
      project: argocd.name,
      repoUrl: argocd.repoUrl,
      targetRevision: argocd.targetRevision,
      path: argocd.path,
      destinationServer: argocd.destinationServer,
      destinationNamespace: namespaces.security.name,
    });
  }

  /**
   * The audit policy's warnings, the audit Falco (its rule ConfigMaps and HelmChart) and the host
   * artifacts. The policy's errors were refused with the other props by `validateStackProps`.
   */
  private renderAudit(
    resolved: ResolvedStackProps,
    sidekickUrl: string,
    baseDir: string,
    vendored: readonly VendoredRuleText[],
    warnings: Warning[],
    auditRuleFiles: string[],
    auditConfigMaps: RulesConfigMap[],
  ): HostFile[] {
    const { audit } = resolved;
    const scopedNamespaces = resolved.rules.scope.namespaces;
    const falcoNeeds = audit.falco.enabled ? [...K8SAUDIT_RULE_NEEDS, ...projectAuditRuleNeeds(scopedNamespaces[0] ?? '')] : [];
    for (const finding of lintAuditPolicy(audit.policy, { allowSecretBodies: audit.allowSecretBodies, falcoNeeds })) {
      if (finding.severity !== 'warning') continue;
      warnings.push({ subject: finding.path ? `audit.policy.${finding.path}` : 'audit.policy', message: `${finding.problem} [${finding.code}]; fix: ${finding.fix}` });
    }

    let webhookUrl: string | undefined;
    if (audit.falco.enabled) {
      const loaded = loadAuditRuleBundles({
        // The vendored k8s_audit_rules.yaml, verified against the lock with the syscall rules.
        upstream: vendored.filter((file) => file.source === 'k8s_audit'),
        project: readAuditRuleFolder(baseDir, audit.falco.projectRulesDir, 'audit.falco.projectRulesDir', resolved.rules.lockFile),
        namespaces: scopedNamespaces,
        unscopedRules: audit.falco.unscopedRules,
        unscopedRulesProp: 'audit.falco.unscopedRules',
      });
      warnings.push(...loaded.warnings);
      auditRuleFiles.push(...loaded.ruleFiles);
      const group = new Construct(this.clusterChart, 'AuditRules');
      const mounts = loaded.bundles.map((bundle, index) => {
        const configMap = new RulesConfigMap(group, bundle.id, {
          name: AUDIT_RULES_CONFIG_MAPS[bundle.id],
          namespace: resolved.namespaces.security.name,
          mountPath: `${AUDIT_RULES_MOUNT_ROOT}/${String(index).padStart(2, '0')}-${bundle.id}`,
        });
        for (const file of bundle.files) configMap.addRulesFile(file.name, file.text);
        auditConfigMaps.push(configMap);
        return { configMapName: configMap.name, mountPath: configMap.mountPath };
      });
      const auditFalco = new FalcoK8sAuditHelmChart(this.clusterChart, 'FalcoK8sAudit', {
        repo: resolved.falco.repo,
        chartVersion: resolved.falco.chartVersion,
        helmChartNamespace: resolved.falco.helmChartNamespace,
        targetNamespace: resolved.namespaces.security.name,
        httpOutputUrl: sidekickUrl,
        rulesMounts: mounts,
        k8saudit: AUDIT_FALCO_PLUGINS.k8saudit,
        json: AUDIT_FALCO_PLUGINS.json,
        webhookPort: audit.falco.webhookPort,
        webhookClusterIP: audit.falco.webhookClusterIP,
        metrics: resolved.observability.enabled,
      });
      webhookUrl = auditFalco.webhookUrl;
    }

    return hostArtifacts({
      policy: audit.policy,
      log: audit.log,
      configDir: audit.hostConfigDir,
      webhookUrl,
      decisions: decisionTable(
        audit.policy,
        representativeRequests({ scopedNamespace: scopedNamespaces[0] ?? resolved.namespaces.prod.name, volumeNamespace: audit.volumeNamespaces[0] }),
      ),
    });
  }
}
