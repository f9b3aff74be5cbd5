import type { FieldInfo } from '../field-info';

/**
 * Fields of the `k8smeta` plugin for the `syscall` source (Kubernetes metadata from the k8s-metacollector).
 * The falco chart 9.1.0 installs `ghcr.io/falcosecurity/plugins/plugin/k8smeta:0.4.1`
 * (`collectors.kubernetes.pluginRef`).
 *
 * Built from falcosecurity/plugins `plugins/k8smeta/README.md`, newest stored revision (the generated
 * `README-PLUGIN-FIELDS` table; no copy is tagged 0.4.1). `string (list)` → CHARBUF with `isList`.
 *
 * Sorted by name (code-unit order), one field per line.
 */
export const K8SMETA_PLUGIN_FIELDS: readonly FieldInfo[] = [
  { name: 'k8smeta.deployment.label', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'k8smeta', description: "Kubernetes deployment label, e.g. 'k8smeta.deployment.label[foo]'." },
  { name: 'k8smeta.deployment.labels', type: 'CHARBUF', isList: true, arg: 'none', plugin: 'k8smeta', description: "Kubernetes deployment comma-separated key/value labels, e.g. '(foo1:bar1,foo2:bar2)'." },
  { name: 'k8smeta.deployment.name', type: 'CHARBUF', arg: 'none', plugin: 'k8smeta', description: 'Kubernetes deployment name.' },
  { name: 'k8smeta.deployment.uid', type: 'CHARBUF', arg: 'none', plugin: 'k8smeta', description: 'Kubernetes deployment UID.' },
  { name: 'k8smeta.ns.label', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'k8smeta', description: "Kubernetes namespace label, e.g. 'k8smeta.ns.label[foo]'." },
  { name: 'k8smeta.ns.labels', type: 'CHARBUF', isList: true, arg: 'none', plugin: 'k8smeta', description: 'Kubernetes namespace comma-separated key/value labels.' },
  { name: 'k8smeta.ns.name', type: 'CHARBUF', arg: 'none', plugin: 'k8smeta', description: 'Kubernetes namespace name.' },
  { name: 'k8smeta.ns.uid', type: 'CHARBUF', arg: 'none', plugin: 'k8smeta', description: 'Kubernetes namespace UID.' },
  { name: 'k8smeta.pod.ip', type: 'CHARBUF', arg: 'none', plugin: 'k8smeta', description: 'Kubernetes pod IP.' },
  { name: 'k8smeta.pod.label', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'k8smeta', description: "Kubernetes pod label, e.g. 'k8smeta.pod.label[foo]'." },
  { name: 'k8smeta.pod.labels', type: 'CHARBUF', isList: true, arg: 'none', plugin: 'k8smeta', description: 'Kubernetes pod comma-separated key/value labels.' },
  { name: 'k8smeta.pod.name', type: 'CHARBUF', arg: 'none', plugin: 'k8smeta', description: 'Kubernetes pod name.' },
  { name: 'k8smeta.pod.uid', type: 'CHARBUF', arg: 'none', plugin: 'k8smeta', description: 'Kubernetes pod UID.' },
  { name: 'k8smeta.rc.label', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'k8smeta', description: "Kubernetes replication controller label, e.g. 'k8smeta.rc.label[foo]'." },
  { name: 'k8smeta.rc.labels', type: 'CHARBUF', isList: true, arg: 'none', plugin: 'k8smeta', description: 'Kubernetes replication controller comma-separated key/value labels.' },
  { name: 'k8smeta.rc.name', type: 'CHARBUF', arg: 'none', plugin: 'k8smeta', description: 'Kubernetes replication controller name.' },
  { name: 'k8smeta.rc.uid', type: 'CHARBUF', arg: 'none', plugin: 'k8smeta', description: 'Kubernetes replication controller UID.' },
  { name: 'k8smeta.rs.label', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'k8smeta', description: "Kubernetes replica set label, e.g. 'k8smeta.rs.label[foo]'." },
  { name: 'k8smeta.rs.labels', type: 'CHARBUF', isList: true, arg: 'none', plugin: 'k8smeta', description: 'Kubernetes replica set comma-separated key/value labels.' },
  { name: 'k8smeta.rs.name', type: 'CHARBUF', arg: 'none', plugin: 'k8smeta', description: 'Kubernetes replica set name.' },
  { name: 'k8smeta.rs.uid', type: 'CHARBUF', arg: 'none', plugin: 'k8smeta', description: 'Kubernetes replica set UID.' },
  { name: 'k8smeta.svc.label', type: 'CHARBUF', isList: true, arg: 'required', argForm: 'key', plugin: 'k8smeta', description: "The values of one label of the services associated with the pod, e.g. 'k8smeta.svc.label[foo]'." },
  { name: 'k8smeta.svc.labels', type: 'CHARBUF', isList: true, arg: 'none', plugin: 'k8smeta', description: 'The comma-separated key/value labels of the services associated with the pod.' },
  { name: 'k8smeta.svc.name', type: 'CHARBUF', isList: true, arg: 'none', plugin: 'k8smeta', description: 'The names of the services associated with the pod.' },
  { name: 'k8smeta.svc.uid', type: 'CHARBUF', isList: true, arg: 'none', plugin: 'k8smeta', description: 'The UIDs of the services associated with the pod.' },
];
