import type { FieldInfo } from '../field-info';

/**
 * Fields of the `container` plugin for the `syscall` source: `container.*`, `k8s.pod.*`, `k8s.ns.name` and the
 * deprecated `k8s.{rc,svc,ns,rs,deployment}.*` and `proc.is_container_*` fields. Since Falco 0.41 these come
 * from the plugin, not libsinsp. The falco chart 9.1.0 (Falco 0.44.1) installs
 * `ghcr.io/falcosecurity/plugins/plugin/container:0.7.1` (`collectors.containerEngine.pluginRef`), and the
 * upstream rule files require `container` >= 0.4.0.
 *
 * Built from falcosecurity/plugins `plugins/container/README.md`, newest stored revision (it documents the
 * `engine_timeout` option and marks the health-check and probe fields deprecated, so it is at least as new as the
 * 0.6.0 entry of the stored `CHANGELOG.md`; no copy is tagged 0.7.1). Plugin types map to Falco's:
 * `string` → CHARBUF, `bool` → BOOL, `abstime` → ABSTIME, `reltime` → RELTIME. "Index, Key, Required" arguments
 * are `key` (libs 0.21 accepts an index or a key there, libs#2280).
 *
 * `dottedArg` is set where the plugin's own description documents the dotted form (`container.label.foo`,
 * `k8s.pod.label.foo`), kept for rules written against the former libsinsp fields.
 *
 * Sorted by name (code-unit order), one field per line.
 */
export const CONTAINER_PLUGIN_FIELDS: readonly FieldInfo[] = [
  { name: 'container.cni.json', type: 'CHARBUF', arg: 'none', plugin: 'container', description: "The container's / pod's CNI result (IP addresses of each network interface) as an escaped JSON string; CRI engines only. May not be available yet when the container engine lookup is delayed." },
  { name: 'container.duration', type: 'RELTIME', arg: 'none', plugin: 'container', description: 'Number of nanoseconds since container.start_ts.' },
  { name: 'container.full_id', type: 'CHARBUF', arg: 'none', plugin: 'container', description: 'The full container ID, e.g. 3ad7b26ded6d8e7b23da7d48fe889434573036c27ae5a74837233de441c3601e. May not be available yet when the container engine lookup is delayed.' },
  { name: 'container.healthcheck', type: 'CHARBUF', arg: 'none', plugin: 'container', deprecated: true, description: 'The container health check command line.' },
  { name: 'container.host_ipc', type: 'BOOL', arg: 'none', plugin: 'container', description: "'true' if the container runs in the host IPC namespace." },
  { name: 'container.host_network', type: 'BOOL', arg: 'none', plugin: 'container', description: "'true' if the container runs in the host network namespace." },
  { name: 'container.host_pid', type: 'BOOL', arg: 'none', plugin: 'container', description: "'true' if the container runs in the host PID namespace." },
  { name: 'container.id', type: 'CHARBUF', arg: 'none', plugin: 'container', description: "The truncated container ID (first 12 characters) from the Linux cgroups; 'host' for processes outside containers." },
  { name: 'container.image', type: 'CHARBUF', arg: 'none', plugin: 'container', description: 'The container image name (e.g. falcosecurity/falco:latest for docker). May not be available yet when the container engine lookup is delayed.' },
  { name: 'container.image.digest', type: 'CHARBUF', arg: 'none', plugin: 'container', description: 'The container image registry digest (e.g. sha256:d977378f...). May not be available yet when the container engine lookup is delayed.' },
  { name: 'container.image.id', type: 'CHARBUF', arg: 'none', plugin: 'container', description: 'The container image id (e.g. 6f7e2741b66b). May not be available yet when the container engine lookup is delayed.' },
  { name: 'container.image.repository', type: 'CHARBUF', arg: 'none', plugin: 'container', description: 'The container image repository (e.g. falcosecurity/falco). May not be available yet when the container engine lookup is delayed.' },
  { name: 'container.image.tag', type: 'CHARBUF', arg: 'none', plugin: 'container', description: 'The container image tag (e.g. stable, latest). May not be available yet when the container engine lookup is delayed.' },
  { name: 'container.ip', type: 'CHARBUF', arg: 'none', plugin: 'container', description: "The container's / pod's primary IPv4 address as retrieved from the container engine. May not be available yet when the container engine lookup is delayed." },
  { name: 'container.label', type: 'CHARBUF', arg: 'required', argForm: 'key', dottedArg: true, plugin: 'container', description: "A container label, e.g. 'container.label[foo]' or 'container.label.foo'." },
  { name: 'container.labels', type: 'CHARBUF', arg: 'none', plugin: 'container', description: "Container comma-separated key/value labels, e.g. 'foo1:bar1,foo2:bar2'." },
  { name: 'container.liveness_probe', type: 'CHARBUF', arg: 'none', plugin: 'container', deprecated: true, description: "The container's liveness probe command line; use the k8smeta plugin instead." },
  { name: 'container.mount', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'container', description: "A single mount as 'source:dest:mode:rdrw:propagation', by number (container.mount[0]) or source glob (container.mount[/usr/local/*])." },
  { name: 'container.mount.dest', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'container', description: 'The mount destination, by number (container.mount.dest[0]) or mount source glob (container.mount.dest[/lib/modules]).' },
  { name: 'container.mount.mode', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'container', description: 'The mount mode, by number (container.mount.mode[0]) or mount source glob.' },
  { name: 'container.mount.propagation', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'container', description: 'The mount propagation value, by number (container.mount.propagation[0]) or mount source glob.' },
  { name: 'container.mount.rdwr', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'container', description: 'The mount rdwr value, by number (container.mount.rdwr[0]) or mount source glob.' },
  { name: 'container.mount.source', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'container', description: 'The mount source, by number (container.mount.source[0]) or mount destination glob (container.mount.source[/host/lib/modules]).' },
  { name: 'container.mounts', type: 'CHARBUF', arg: 'none', plugin: 'container', description: "A space-separated list of mounts, each as 'source:dest:mode:rdrw:propagation'. May not be available yet when the container engine lookup is delayed." },
  { name: 'container.name', type: 'CHARBUF', arg: 'none', plugin: 'container', description: "The container name; 'host' for processes outside containers. May not be available yet when the container engine lookup is delayed." },
  { name: 'container.privileged', type: 'BOOL', arg: 'none', plugin: 'container', description: "'true' for containers running as privileged, 'false' otherwise. May not be available yet when the container engine lookup is delayed." },
  { name: 'container.readiness_probe', type: 'CHARBUF', arg: 'none', plugin: 'container', deprecated: true, description: "The container's readiness probe command line; use the k8smeta plugin instead." },
  { name: 'container.start_ts', type: 'ABSTIME', arg: 'none', plugin: 'container', description: 'Container start as epoch timestamp in nanoseconds, based on proc.pidns_init_start_ts.' },
  { name: 'container.type', type: 'CHARBUF', arg: 'none', plugin: 'container', description: 'The container type, e.g. docker, cri-o, containerd.' },
  { name: 'k8s.deployment.id', type: 'CHARBUF', arg: 'none', plugin: 'container', deprecated: true, description: 'Deprecated: use the k8smeta plugin instead.' },
  { name: 'k8s.deployment.label', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'container', deprecated: true, description: 'Deprecated: use the k8smeta plugin instead.' },
  { name: 'k8s.deployment.labels', type: 'CHARBUF', arg: 'none', plugin: 'container', deprecated: true, description: 'Deprecated: use the k8smeta plugin instead.' },
  { name: 'k8s.deployment.name', type: 'CHARBUF', arg: 'none', plugin: 'container', deprecated: true, description: 'Deprecated: use the k8smeta plugin instead.' },
  { name: 'k8s.ns.id', type: 'CHARBUF', arg: 'none', plugin: 'container', deprecated: true, description: 'Deprecated: use the k8smeta plugin instead.' },
  { name: 'k8s.ns.label', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'container', deprecated: true, description: 'Deprecated: use the k8smeta plugin instead.' },
  { name: 'k8s.ns.labels', type: 'CHARBUF', arg: 'none', plugin: 'container', deprecated: true, description: 'Deprecated: use the k8smeta plugin instead.' },
  { name: 'k8s.ns.name', type: 'CHARBUF', arg: 'none', plugin: 'container', description: 'The Kubernetes namespace name. Extracted from the container runtime socket with the container.* fields.' },
  { name: 'k8s.pod.cni.json', type: 'CHARBUF', arg: 'none', plugin: 'container', description: 'The Kubernetes pod CNI result, same as container.cni.json. Extracted from the container runtime socket with the container.* fields.' },
  { name: 'k8s.pod.full_sandbox_id', type: 'CHARBUF', arg: 'none', plugin: 'container', description: 'The full Kubernetes pod / sandbox ID. Extracted from the container runtime socket with the container.* fields.' },
  { name: 'k8s.pod.id', type: 'CHARBUF', arg: 'none', plugin: 'container', description: '[LEGACY] Points to k8s.pod.uid; prefer k8s.pod.uid. Extracted from the container runtime socket with the container.* fields.' },
  { name: 'k8s.pod.ip', type: 'CHARBUF', arg: 'none', plugin: 'container', description: 'The Kubernetes pod IPv4 address, same as container.ip. Extracted from the container runtime socket with the container.* fields.' },
  { name: 'k8s.pod.label', type: 'CHARBUF', arg: 'required', argForm: 'key', dottedArg: true, plugin: 'container', description: "A Kubernetes pod label, e.g. 'k8s.pod.label[app.kubernetes.io/name]' or 'k8s.pod.label.foo'. Extracted from the container runtime socket with the container.* fields." },
  { name: 'k8s.pod.labels', type: 'CHARBUF', arg: 'none', plugin: 'container', description: "The Kubernetes pod comma-separated key/value labels, e.g. 'foo1:bar1,foo2:bar2'. Extracted from the container runtime socket with the container.* fields." },
  { name: 'k8s.pod.name', type: 'CHARBUF', arg: 'none', plugin: 'container', description: 'The Kubernetes pod name. Extracted from the container runtime socket with the container.* fields.' },
  { name: 'k8s.pod.sandbox_id', type: 'CHARBUF', arg: 'none', plugin: 'container', description: 'The truncated Kubernetes pod sandbox ID (first 12 characters). Extracted from the container runtime socket with the container.* fields.' },
  { name: 'k8s.pod.uid', type: 'CHARBUF', arg: 'none', plugin: 'container', description: 'The Kubernetes pod UID, e.g. 3e41dc6b-08a8-44db-bc2a-3724b18ab19a. Extracted from the container runtime socket with the container.* fields.' },
  { name: 'k8s.rc.id', type: 'CHARBUF', arg: 'none', plugin: 'container', deprecated: true, description: 'Deprecated: use the k8smeta plugin instead.' },
  { name: 'k8s.rc.label', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'container', deprecated: true, description: 'Deprecated: use the k8smeta plugin instead.' },
  { name: 'k8s.rc.labels', type: 'CHARBUF', arg: 'none', plugin: 'container', deprecated: true, description: 'Deprecated: use the k8smeta plugin instead.' },
  { name: 'k8s.rc.name', type: 'CHARBUF', arg: 'none', plugin: 'container', deprecated: true, description: 'Deprecated: use the k8smeta plugin instead.' },
  { name: 'k8s.rs.id', type: 'CHARBUF', arg: 'none', plugin: 'container', deprecated: true, description: 'Deprecated: use the k8smeta plugin instead.' },
  { name: 'k8s.rs.label', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'container', deprecated: true, description: 'Deprecated: use the k8smeta plugin instead.' },
  { name: 'k8s.rs.labels', type: 'CHARBUF', arg: 'none', plugin: 'container', deprecated: true, description: 'Deprecated: use the k8smeta plugin instead.' },
  { name: 'k8s.rs.name', type: 'CHARBUF', arg: 'none', plugin: 'container', deprecated: true, description: 'Deprecated: use the k8smeta plugin instead.' },
  { name: 'k8s.svc.id', type: 'CHARBUF', arg: 'none', plugin: 'container', deprecated: true, description: 'Deprecated: use the k8smeta plugin instead.' },
  { name: 'k8s.svc.label', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'container', deprecated: true, description: 'Deprecated: use the k8smeta plugin instead.' },
  { name: 'k8s.svc.labels', type: 'CHARBUF', arg: 'none', plugin: 'container', deprecated: true, description: 'Deprecated: use the k8smeta plugin instead.' },
  { name: 'k8s.svc.name', type: 'CHARBUF', arg: 'none', plugin: 'container', deprecated: true, description: 'Deprecated: use the k8smeta plugin instead.' },
  { name: 'proc.is_container_healthcheck', type: 'BOOL', arg: 'none', plugin: 'container', deprecated: true, description: "'true' if the process runs as part of the container's health check." },
  { name: 'proc.is_container_liveness_probe', type: 'BOOL', arg: 'none', plugin: 'container', deprecated: true, description: "'true' if the process runs as part of the container's liveness probe; use the k8smeta plugin instead." },
  { name: 'proc.is_container_readiness_probe', type: 'BOOL', arg: 'none', plugin: 'container', deprecated: true, description: "'true' if the process runs as part of the container's readiness probe; use the k8smeta plugin instead." },
];
