import jsYaml from 'js-yaml';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { FIXTURE_PROJECT, FIXTURE_PROPS as stackProps } from '../support/fixture-project';
import { REPO_ROOT } from '../support/shared-dir';
import { validateManifests } from '../support/manifest-validation';
import { objectsOf, synthStack } from './synth-helpers';

const fresh = synthStack();
const objects = objectsOf(fresh);
const byKindName = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!;

describe('the synthesized stack (the fixture project: main.ts and rules/ as shipped)', () => {
  // The whole default output, pinned byte for byte. The golden file is the fixture project's, not
  // the checkout's dist/ (that one is the user's: `npm run check` compares it with a fresh synth,
  // test/check runs that check on this checkout). test/stack/upstream-golden pins the larger output
  // with the upstream rules vendored.
  it('matches the golden file of the whole default output', async () => {
    await expect(fresh.files.map((f) => `# ${f.path}\n${f.content}`).join('---\n')).toMatchFileSnapshot('__snapshots__/dist-defaults.golden.yaml');
  });

  it('is byte-identical on every synth', () => {
    expect(synthStack().files).toEqual(fresh.files);
  });

  it('renders exactly the expected objects, with explicit, stable names', () => {
    expect(fresh.files.map((file) => file.path)).toEqual([
      'cluster/configmap.monitoring.falco-gitops-events.yaml',
      'cluster/configmap.monitoring.falco-gitops-health.yaml',
      'cluster/configmap.monitoring.falco-gitops-rules-integrity.yaml',
      'cluster/configmap.monitoring.falco-gitops-scoped-namespaces.yaml',
      'cluster/configmap.monitoring.falco-gitops-telegram.yaml',
      'cluster/configmap.secured-ns.falco-gitops-k8saudit-rules-project.yaml',
      'cluster/configmap.secured-ns.falco-gitops-rules-metadata-guard.yaml',
      'cluster/configmap.secured-ns.falco-gitops-rules-project.yaml',
      'cluster/deployment.dev.nginx.yaml',
      'cluster/deployment.dev.ubuntu.yaml',
      'cluster/deployment.prod.nginx.yaml',
      'cluster/deployment.prod.ubuntu.yaml',
      'cluster/helmchart.kube-system.falco-k8saudit.yaml',
      'cluster/helmchart.kube-system.falco.yaml',
      'cluster/helmchart.kube-system.falcosidekick.yaml',
      'cluster/helmchart.kube-system.kube-prometheus-stack.yaml',
      'cluster/namespace.dev.yaml',
      'cluster/namespace.monitoring.yaml',
      'cluster/namespace.prod.yaml',
      'cluster/namespace.secured-ns.yaml',
      'cluster/prometheusrule.secured-ns.falco-gitops.yaml',
      'cluster/servicemonitor.secured-ns.falco-k8saudit.yaml',
      'cluster/servicemonitor.secured-ns.falco.yaml',
      'cluster/servicemonitor.secured-ns.falcosidekick.yaml',
      'bootstrap/application.argocd.falco-gitops.yaml',
      'bootstrap/appproject.argocd.falco-gitops.yaml',
      'host/audit-decisions.md',
      'host/audit-policy.yaml',
      'host/audit-webhook-kubeconfig.yaml',
      'host/k3s/config.yaml',
      'host/kind/cluster.yaml',
      'host/kubeadm/kube-apiserver0+json.yaml',
      'host/minikube/extra-config.txt',
      'host/rke2/config.yaml',
    ]);
  });

  it('validates every object against the Kubernetes, Argo CD and HelmChart CRD schemas and the pinned chart values', () => {
    expect(validateManifests(objects)).toEqual([]);
  });

  it('keeps Argo CD objects out of the synced folder, so Argo CD never prunes its own Application', () => {
    const app = byKindName('Application', 'falco-gitops');
    expect(app.spec.source.path).toBe('dist/cluster');
    const synced = fresh.files.filter((file) => `dist/${file.path}`.startsWith(`${app.spec.source.path}/`));
    expect(synced.map((file) => YAML.parse(file.content).kind)).not.toContain('Application');
    expect(synced.map((file) => YAML.parse(file.content).kind)).not.toContain('AppProject');
  });

  it("points the Application at a destination its AppProject permits (else Argo CD refuses it)", () => {
    const app = byKindName('Application', 'falco-gitops');
    const project = byKindName('AppProject', 'falco-gitops');
    expect(app.spec.project).toBe(project.metadata.name);
    expect(project.spec.destinations).toContainEqual(app.spec.destination);
    expect(project.spec.sourceRepos).toContain(app.spec.source.repoURL);
  });

  it('allows the AppProject exactly the namespaces and kinds the synced objects use', () => {
    const project = byKindName('AppProject', 'falco-gitops');
    const synced = objectsOf({ ...fresh, files: fresh.files.filter((f) => f.path.startsWith('cluster/')) });
    const namespaces = [...new Set(synced.map((o) => o.metadata.namespace).filter(Boolean))].sort();
    expect(project.spec.destinations.map((d: any) => d.namespace)).toEqual(namespaces);
    const kinds = (list: any[]) => list.map((k) => `${k.group}/${k.kind}`).sort();
    const groupOf = (o: any) => (o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '');
    expect(kinds(project.spec.clusterResourceWhitelist)).toEqual(['/Namespace']);
    expect(kinds(project.spec.namespaceResourceWhitelist)).toEqual(
      [...new Set(synced.filter((o) => o.kind !== 'Namespace').map((o) => `${groupOf(o)}/${o.kind}`))].sort(),
    );
  });

  it('orders sync waves: namespaces, then ConfigMaps, then HelmCharts, then workloads', () => {
    const wave = (o: any) => Number(o.metadata.annotations?.['argocd.argoproj.io/sync-wave']);
    const waveOfKind = (kind: string) => [...new Set(objects.filter((o) => o.kind === kind).map(wave))];
    expect(waveOfKind('Namespace')).toEqual([-3]);
    expect(waveOfKind('ConfigMap')).toEqual([-2]);
    expect(waveOfKind('HelmChart')).toEqual([-1]);
    expect(waveOfKind('Deployment')).toEqual([0]);
  });

  it('labels the namespaces for Pod Security Admission: secured-ns privileged, dev/prod baseline warning on restricted', () => {
    const psa = (name: string) => {
      const labels = byKindName('Namespace', name).metadata.labels;
      return ['enforce', 'warn', 'audit'].map((mode) => labels[`pod-security.kubernetes.io/${mode}`]);
    };
    expect(psa('secured-ns')).toEqual(['privileged', 'privileged', 'privileged']);
    expect(psa('dev')).toEqual(['baseline', 'restricted', 'restricted']);
    expect(psa('prod')).toEqual(['baseline', 'restricted', 'restricted']);
  });

  it('mounts the project rules ConfigMap into Falco and lists it in falco.rules_files', () => {
    const values = YAML.parse(byKindName('HelmChart', 'falco').spec.valuesContent);
    // The metadata guard (observability.metadataGuard) has its own directory, loaded last.
    expect(values.falco.rules_files).toEqual(['/etc/falco/falco-gitops/00-project', '/etc/falco/falco-gitops/01-metadata-guard']);
    expect(values.mounts.volumes).toEqual([
      { name: 'falco-gitops-rules-project', configMap: { name: 'falco-gitops-rules-project' } },
      { name: 'falco-gitops-rules-metadata-guard', configMap: { name: 'falco-gitops-rules-metadata-guard' } },
    ]);
    const configMap = byKindName('ConfigMap', 'falco-gitops-rules-project');
    expect(Object.keys(configMap.data)).toEqual(['00-falco-gitops_rules.yaml']);
  });

  it('writes every multi-line string (rules, valuesContent) as a literal block scalar', () => {
    let multiLine = 0;
    for (const file of fresh.files) {
      const doc = YAML.parseDocument(file.content);
      YAML.visit(doc, {
        Scalar(_key, node) {
          if (typeof node.value === 'string' && node.value.includes('\n')) {
            multiLine++;
            expect(node.type, `${file.path}: ${node.value.slice(0, 40)}`).toBe('BLOCK_LITERAL');
          }
        },
      });
    }
    expect(multiLine).toBeGreaterThanOrEqual(3);
  });

  it('parses to the same data with an independent YAML parser (js-yaml)', () => {
    // Every YAML file: the Markdown decision table and minikube's flags are not YAML.
    for (const file of fresh.files.filter((f) => f.path.endsWith('.yaml'))) {
      expect(jsYaml.load(file.content), file.path).toEqual(YAML.parse(file.content));
    }
  });

  it('contains no secrets, absolute paths or generated hashes', () => {
    const all = fresh.files.map((file) => file.content).join('\n');
    expect(all).not.toContain(REPO_ROOT);
    expect(all).not.toContain(FIXTURE_PROJECT);
    expect(all).not.toMatch(/\/tmp\/|\/home\/|\/work\//);
    expect(all).not.toMatch(/cdk8s\.io\/metadata\.addr|-c8[0-9a-f]{6}\b/);
    expect(all).not.toMatch(/TELEGRAM_TOKEN\s*[:=]|TELEGRAM_CHATID\s*[:=]/);
    for (const object of objects) expect(object.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
  });

  it('renders no demo workloads, and no Deployment permission, when they are switched off', () => {
    const result = synthStack({ ...stackProps, demoWorkloads: { enabled: false } });
    const kinds = objectsOf(result).map((o) => o.kind);
    expect(kinds).not.toContain('Deployment');
    const project = objectsOf(result).find((o) => o.kind === 'AppProject')!;
    expect(project.spec.namespaceResourceWhitelist).not.toContainEqual({ group: 'apps', kind: 'Deployment' });
    expect(project.spec.destinations.map((d: any) => d.namespace)).toEqual(['kube-system', 'monitoring', 'secured-ns']);
    // Nor does the AppProject's description mention them.
    expect(project.spec.description).toBe('falco-gitops: Falco, Falcosidekick and their rules');
    const withDemo = objectsOf(synthStack(stackProps)).find((o) => o.kind === 'AppProject')!;
    expect(withDemo.spec.description).toBe('falco-gitops: Falco, Falcosidekick, their rules and the demo workloads');
    expect(validateManifests(objectsOf(result))).toEqual([]);
  });

  it.each(['kmod', 'auto'] as const)('validates with driver kind %s', (driverKind) => {
    const result = synthStack({ ...stackProps, falco: { driverKind } });
    expect(validateManifests(objectsOf(result))).toEqual([]);
  });
});
