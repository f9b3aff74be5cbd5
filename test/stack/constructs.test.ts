import { Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { ArgoCdAppProject, ArgoCdApplication } from '../../lib/argocd';
import { sha256Hex, UserError } from '../../lib/core';
import {
  CONFIG_MAP_MAX_BYTES,
  FALCO_HELM_CHART_DEFAULTS,
  FalcoHelmChart,
  FalcosidekickHelmChart,
  RulesConfigMap,
} from '../../lib/falco';
import { HelmChart } from '../../lib/helm';
import { PodSecurityNamespace } from '../../lib/namespaces';
import { DemoWorkloads } from '../../lib/workloads';

type Obj = Record<string, any>;

const FALCO_PROPS = {
  repo: 'https://falcosecurity.github.io/charts',
  chartVersion: '9.1.0',
  helmChartNamespace: 'kube-system',
  targetNamespace: 'secured-ns',
  driverKind: 'modern_ebpf' as const,
  kubernetesMetadata: true,
  appendOutput: 'pod_uid=%k8smeta.pod.uid, pod_name=%k8smeta.pod.name, namespace_name=%k8smeta.ns.name',
  httpOutputUrl: 'http://falcosidekick.secured-ns.svc.cluster.local:2801/',
  rulesMounts: [
    { configMapName: 'falco-gitops-rules-upstream', mountPath: '/etc/falco/falco-gitops/00-upstream' },
    { configMapName: 'falco-gitops-rules-project', mountPath: '/etc/falco/falco-gitops/01-project' },
  ],
};

const SIDEKICK_PROPS = {
  repo: 'https://falcosecurity.github.io/charts',
  chartVersion: '0.14.0',
  helmChartNamespace: 'kube-system',
  targetNamespace: 'secured-ns',
  imageTag: '2.34.0',
  replicas: 2,
  telegram: { secretName: 'falcosidekick-telegram', minimumPriority: 'warning' as const, checkCert: true },
};

/** The objects a chart renders; at least one, or the test fails here. */
function synth(build: (chart: ReturnType<typeof Testing.chart>) => void): [Obj, ...Obj[]] {
  const chart = Testing.chart();
  build(chart);
  const [first, ...rest] = Testing.synth(chart) as Obj[];
  if (first === undefined) throw new Error('the chart rendered no object');
  return [first, ...rest];
}

function valuesOf(helmChart: Obj): Obj {
  return YAML.parse(helmChart.spec.valuesContent);
}

describe('HelmChart', () => {
  it('renders a pinned helm.cattle.io/v1 HelmChart with failurePolicy abort and values as YAML', () => {
    const [object] = synth((chart) =>
      new HelmChart(chart, 'x', {
        name: 'demo',
        namespace: 'kube-system',
        chart: 'demo',
        repo: 'https://example.org/charts',
        version: '1.2.3',
        targetNamespace: 'demo-ns',
        values: { a: { b: 1 }, list: ['x'] },
      }),
    );
    expect(object).toMatchObject({
      apiVersion: 'helm.cattle.io/v1',
      kind: 'HelmChart',
      metadata: { name: 'demo', namespace: 'kube-system', annotations: { 'argocd.argoproj.io/sync-wave': '-1' } },
      spec: {
        chart: 'demo',
        repo: 'https://example.org/charts',
        version: '1.2.3',
        targetNamespace: 'demo-ns',
        createNamespace: false,
        failurePolicy: 'abort',
        backOffLimit: 5,
        valuesContent: 'a:\n  b: 1\nlist:\n  - x\n',
      },
    });
  });

  it('fails when the version is not pinned', () => {
    const build = () =>
      synth((chart) =>
        new HelmChart(chart, 'x', {
          name: 'demo', namespace: 'kube-system', chart: 'demo', repo: 'https://example.org', version: '1.x',
          targetNamespace: 'n', values: {},
        }),
      );
    expect(build).toThrow(UserError);
    expect(build).toThrow('HelmChart demo: version: received "1.x"; must be an exact chart version. Fix: pin the chart, e.g. "9.1.0"');
  });
});

describe('FalcoHelmChart', () => {
  const [falco] = synth((chart) => new FalcoHelmChart(chart, 'falco', FALCO_PROPS));
  const values = valuesOf(falco);

  it('installs chart falco 9.1.0 from falcosecurity into secured-ns, from kube-system', () => {
    expect(falco.metadata).toMatchObject({ name: 'falco', namespace: 'kube-system' });
    expect(falco.spec).toMatchObject({
      chart: 'falco', version: '9.1.0', repo: 'https://falcosecurity.github.io/charts',
      targetNamespace: 'secured-ns', failurePolicy: 'abort',
    });
  });

  it('uses the modern eBPF driver and the k8s-metacollector with the k8smeta plugin', () => {
    expect(values.driver).toEqual({ kind: 'modern_ebpf' });
    expect(values.collectors).toEqual({ kubernetes: { enabled: true } });
  });

  it('appends pod uid, pod name and namespace name to syscall events and keeps suggested output', () => {
    expect(values.falco.append_output).toEqual([
      { suggested_output: true },
      {
        match: { source: 'syscall' },
        extra_output: 'pod_uid=%k8smeta.pod.uid, pod_name=%k8smeta.pod.name, namespace_name=%k8smeta.ns.name',
      },
    ]);
  });

  it('sends JSON alerts to the Falcosidekick service by an explicit URL', () => {
    expect(values.falco.json_output).toBe(true);
    expect(values.falco.http_output).toEqual({
      enabled: true,
      url: 'http://falcosidekick.secured-ns.svc.cluster.local:2801/',
      user_agent: 'falcosecurity/falco',
    });
    expect(values.falcosidekick).toEqual({ enabled: false });
  });

  it('lets falcoctl install plugins but never download or follow rules', () => {
    expect(values.falcoctl).toEqual({
      artifact: { install: { enabled: true }, follow: { enabled: false } },
      config: { artifact: { allowedTypes: ['plugin'], install: { refs: [] }, follow: { refs: [] } } },
    });
  });

  it('loads exactly the mounted rule ConfigMaps, in order, mounted as directories (no subPath)', () => {
    expect(values.falco.rules_files).toEqual(['/etc/falco/falco-gitops/00-upstream', '/etc/falco/falco-gitops/01-project']);
    expect(values.falco.watch_config_files).toBe(true);
    expect(values.mounts.volumes).toEqual([
      { name: 'falco-gitops-rules-upstream', configMap: { name: 'falco-gitops-rules-upstream' } },
      { name: 'falco-gitops-rules-project', configMap: { name: 'falco-gitops-rules-project' } },
    ]);
    for (const mount of values.mounts.volumeMounts) {
      expect(mount).not.toHaveProperty('subPath');
      expect(mount.readOnly).toBe(true);
    }
  });

  it.each(['kmod', 'auto'] as const)('renders driver.kind %s', (driverKind) => {
    const [object] = synth((chart) => new FalcoHelmChart(chart, 'falco', { ...FALCO_PROPS, driverKind }));
    expect(valuesOf(object).driver.kind).toBe(driverKind);
  });
});

describe('FalcosidekickHelmChart', () => {
  it('reads the Telegram token and chat id from an existing Secret and never renders them', () => {
    const [object] = synth((chart) => new FalcosidekickHelmChart(chart, 'sk', SIDEKICK_PROPS));
    const values = valuesOf(object);
    expect(object.metadata.name).toBe('falcosidekick');
    expect(object.spec).toMatchObject({ chart: 'falcosidekick', version: '0.14.0', targetNamespace: 'secured-ns' });
    expect(values).toEqual({
      replicaCount: 2,
      image: { tag: '2.34.0' },
      config: {
        existingSecret: 'falcosidekick-telegram',
        // With existingSecret the chart renders no Secret, so non-secret settings go through extraEnv.
        extraEnv: [
          { name: 'TELEGRAM_MINIMUMPRIORITY', value: 'warning' },
          { name: 'TELEGRAM_CHECKCERT', value: 'true' },
        ],
      },
    });
    expect(object.spec.valuesContent).not.toMatch(/TELEGRAM_TOKEN|TELEGRAM_CHATID|token:/i);
  });

  it('passes the message thread id when one is set', () => {
    const [object] = synth((chart) => new FalcosidekickHelmChart(chart, 'sk', { ...SIDEKICK_PROPS, telegram: { ...SIDEKICK_PROPS.telegram, messageThreadId: '42' } }));
    expect(valuesOf(object).config.extraEnv).toContainEqual({ name: 'TELEGRAM_MESSAGETHREADID', value: '42' });
  });

  it('exposes the service URL Falco posts to', () => {
    const chart = Testing.chart();
    const sidekick = new FalcosidekickHelmChart(chart, 'sk', SIDEKICK_PROPS);
    expect(sidekick.serviceUrl).toBe('http://falcosidekick.secured-ns.svc.cluster.local:2801/');
  });
});

describe('RulesConfigMap', () => {
  const props = { name: 'falco-gitops-rules-project', namespace: 'secured-ns', mountPath: '/etc/falco/x' };

  it('holds rule files with a sha256 annotation each, in the ConfigMap wave', () => {
    const text = '- rule: a\n  desc: a\n  condition: evt.type = open\n  output: x\n  priority: INFO\n';
    const [object] = synth((chart) => new RulesConfigMap(chart, 'r', props).addRulesFile('00-a.yaml', text));
    expect(object).toMatchObject({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'falco-gitops-rules-project',
        namespace: 'secured-ns',
        annotations: {
          'argocd.argoproj.io/sync-wave': '-2',
          'falco-gitops.io/sha256.00-a.yaml': sha256Hex(text),
        },
      },
      data: { '00-a.yaml': text },
    });
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('fails when a file is added twice', () => {
    const chart = Testing.chart();
    const cm = new RulesConfigMap(chart, 'r', props);
    cm.addRulesFile('a.yaml', 'x');
    expect(() => cm.addRulesFile('a.yaml', 'y')).toThrow(
      new UserError({ subject: 'a.yaml', problem: 'added twice to ConfigMap falco-gitops-rules-project', fix: 'give each rule file a unique name.' }),
    );
  });

  it('fails when a key is not a .yaml file name Falco would load', () => {
    const cm = new RulesConfigMap(Testing.chart(), 'r', props);
    expect(() => cm.addRulesFile('rules.txt', 'x')).toThrow(/rules\.txt: cannot be a key of ConfigMap falco-gitops-rules-project/);
    expect(() => cm.addRulesFile('a/b.yaml', 'x')).toThrow(/cannot be a key/);
  });

  it('fails when the ConfigMap would pass 1 MiB', () => {
    const cm = new RulesConfigMap(Testing.chart(), 'r', props);
    cm.addRulesFile('a.yaml', 'x'.repeat(CONFIG_MAP_MAX_BYTES - 100));
    expect(() => cm.addRulesFile('b.yaml', 'y'.repeat(200))).toThrow(
      `b.yaml: ConfigMap falco-gitops-rules-project would hold ${CONFIG_MAP_MAX_BYTES - 100 + 6 + 6 + 200} bytes, over Kubernetes' limit of 1048576 bytes. Fix: remove rules or rule files you do not need from this ConfigMap`,
    );
    const named = new RulesConfigMap(Testing.chart(), 'r', { ...props, oversizeFix: 'shrink rules/' });
    named.addRulesFile('a.yaml', 'x'.repeat(CONFIG_MAP_MAX_BYTES - 100));
    expect(() => named.addRulesFile('b.yaml', 'y'.repeat(200))).toThrow(/bytes\. Fix: shrink rules\/$/);
  });
});

describe('PodSecurityNamespace', () => {
  it('labels the namespace for Pod Security Admission', () => {
    const [object] = synth((chart) =>
      new PodSecurityNamespace(chart, 'n', { name: 'prod', enforce: 'baseline', warn: 'restricted', audit: 'restricted' }),
    );
    expect(object.metadata.name).toBe('prod');
    expect(object.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    });
    expect(object.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '-3' });
  });
});

describe('DemoWorkloads', () => {
  const objects = synth((chart) =>
    new DemoWorkloads(chart, 'w', {
      namespaces: ['dev', 'prod'],
      ubuntuImage: 'docker.io/library/ubuntu:24.04',
      nginxImage: 'docker.io/nginxinc/nginx-unprivileged:1.27.3',
    }),
  );

  it('renders an ubuntu and an nginx Deployment in each namespace with stable names', () => {
    expect(objects.map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'Deployment dev/ubuntu',
      'Deployment dev/nginx',
      'Deployment prod/ubuntu',
      'Deployment prod/nginx',
    ]);
  });

  it('selects pods by app label only, without a generated address label', () => {
    for (const object of objects) {
      expect(object.spec.selector).toEqual({ matchLabels: { app: object.metadata.name } });
      expect(JSON.stringify(object)).not.toContain('cdk8s.io/metadata.addr');
    }
  });

  it('runs ubuntu as root (apt needs it) and sleeps forever', () => {
    const ubuntu = objects.find((o) => o.metadata.name === 'ubuntu')!;
    const container = ubuntu.spec.template.spec.containers[0];
    expect(container.command).toEqual(['sleep', 'infinity']);
    expect(container.securityContext).toMatchObject({
      runAsUser: 0, runAsNonRoot: false, privileged: false, allowPrivilegeEscalation: false, readOnlyRootFilesystem: false,
    });
    expect(container.securityContext.capabilities).toBeUndefined();
  });

  it('runs nginx to the restricted Pod Security level', () => {
    const nginx = objects.find((o) => o.metadata.name === 'nginx')!;
    const container = nginx.spec.template.spec.containers[0];
    expect(container.securityContext).toEqual({
      runAsUser: 101, runAsGroup: 101, runAsNonRoot: true, privileged: false, allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.ports).toEqual([{ containerPort: 8080 }]);
    expect(container.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'writable-0' }]);
  });
});

describe('Argo CD', () => {
  it('syncs dist/cluster with automated sync, prune and self-heal, server-side', () => {
    const [app] = synth((chart) =>
      new ArgoCdApplication(chart, 'a', {
        name: 'falco-gitops', namespace: 'argocd', project: 'falco-gitops',
        repoUrl: 'https://github.com/acme/x.git', targetRevision: 'main', path: 'dist/cluster',
        destinationServer: 'https://kubernetes.default.svc', destinationNamespace: 'secured-ns',
      }),
    );
    expect(app).toMatchObject({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'falco-gitops', namespace: 'argocd' },
      spec: {
        project: 'falco-gitops',
        source: { repoURL: 'https://github.com/acme/x.git', targetRevision: 'main', path: 'dist/cluster' },
        // Argo CD refuses an Application whose destination namespace matches no AppProject destination.
        destination: { server: 'https://kubernetes.default.svc', namespace: 'secured-ns' },
        syncPolicy: { automated: { prune: true, selfHeal: true } },
      },
    });
    expect(app.spec.syncPolicy.syncOptions).toContain('ServerSideApply=true');
  });

  it('confines the project to the stack destinations and kinds', () => {
    const [project] = synth((chart) =>
      new ArgoCdAppProject(chart, 'p', {
        name: 'falco-gitops', namespace: 'argocd', repoUrl: 'https://github.com/acme/x.git',
        destinationServer: 'https://kubernetes.default.svc',
        destinationNamespaces: ['secured-ns', 'kube-system', 'prod'],
        clusterResources: [{ group: '', kind: 'Namespace' }],
        namespaceResources: [{ group: 'helm.cattle.io', kind: 'HelmChart' }, { group: '', kind: 'ConfigMap' }],
      }),
    );
    expect(project.spec).toEqual({
      description: 'falco-gitops: Falco, Falcosidekick and their rules',
      sourceRepos: ['https://github.com/acme/x.git'],
      destinations: [
        { server: 'https://kubernetes.default.svc', namespace: 'kube-system' },
        { server: 'https://kubernetes.default.svc', namespace: 'prod' },
        { server: 'https://kubernetes.default.svc', namespace: 'secured-ns' },
      ],
      clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
      namespaceResourceWhitelist: [{ group: '', kind: 'ConfigMap' }, { group: 'helm.cattle.io', kind: 'HelmChart' }],
    });
  });
});

describe('each construct stands on its own, with documented defaults', () => {
  it('FalcoHelmChart with only its required props installs the targeted chart with the defaults', () => {
    const [object] = synth(
      (chart) =>
        new FalcoHelmChart(chart, 'f', {
          targetNamespace: 'secured-ns',
          httpOutputUrl: FALCO_PROPS.httpOutputUrl,
          rulesMounts: FALCO_PROPS.rulesMounts,
        }),
    );
    const full = synth((chart) => new FalcoHelmChart(chart, 'f', FALCO_PROPS));
    expect(object).toEqual(full[0]);
    expect(object.spec).toMatchObject({ chart: 'falco', version: '9.1.0', repo: FALCO_HELM_CHART_DEFAULTS.repo });
  });

  it('FalcosidekickHelmChart with only its target namespace renders the same as with every default spelled out', () => {
    const [object] = synth((chart) => new FalcosidekickHelmChart(chart, 's', { targetNamespace: 'secured-ns' }));
    const [full] = synth((chart) => new FalcosidekickHelmChart(chart, 's', SIDEKICK_PROPS));
    expect(object).toEqual(full);
  });

  it('PodSecurityNamespace defaults to restricted, and warn and audit follow enforce', () => {
    const [strict] = synth((chart) => new PodSecurityNamespace(chart, 'n', { name: 'apps' }));
    expect(strict?.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    });
    const [baseline] = synth((chart) => new PodSecurityNamespace(chart, 'n', { name: 'apps', enforce: 'baseline' }));
    expect(baseline?.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/warn': 'baseline',
      'pod-security.kubernetes.io/audit': 'baseline',
    });
  });

  it('ArgoCdApplication and ArgoCdAppProject need only the repository', () => {
    const [app] = synth((chart) => new ArgoCdApplication(chart, 'a', { repoUrl: 'https://github.com/acme/x.git', destinationNamespace: 'ns' }));
    expect(app).toMatchObject({
      metadata: { name: 'falco-gitops', namespace: 'argocd' },
      spec: {
        project: 'falco-gitops',
        source: { targetRevision: 'main', path: 'dist/cluster' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'ns' },
      },
    });
    const [project] = synth(
      (chart) =>
        new ArgoCdAppProject(chart, 'p', {
          repoUrl: 'https://github.com/acme/x.git',
          destinationNamespaces: ['ns'],
          clusterResources: [],
          namespaceResources: [],
        }),
    );
    expect(project).toMatchObject({ metadata: { name: 'falco-gitops', namespace: 'argocd' } });
  });
});
