import type { FieldInfo } from '../field-info';

/**
 * Fields of the `k8saudit` plugin, which defines the `k8s_audit` source (Kubernetes audit events).
 *
 * Built from falcosecurity/plugins `plugins/k8saudit/README.md`, newest stored revision (the generated
 * `README-PLUGIN-FIELDS` table). An "Index" argument without "Required" is optional
 * (`ka.req.pod.containers.image[0]` or the whole list); `string (list)` → CHARBUF with `isList`. Deprecated
 * fields that the plugin still serves for backwards compatibility are kept and marked.
 *
 * Sorted by name (code-unit order), one field per line.
 */
export const K8SAUDIT_PLUGIN_FIELDS: readonly FieldInfo[] = [
  { name: 'ka.auditid', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'The unique id of the audit event.' },
  { name: 'ka.auth.decision', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'The authorization decision.' },
  { name: 'ka.auth.reason', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'The authorization reason.' },
  { name: 'ka.impuser.name', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'The impersonated user name.' },
  { name: 'ka.req.binding.role', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'When the request object refers to a cluster role binding, the role being linked by the binding.' },
  { name: 'ka.req.binding.subject.has_name', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'k8saudit', deprecated: true, description: 'Always returns "N/A"; only provided for backwards compatibility.' },
  { name: 'ka.req.binding.subjects', type: 'CHARBUF', isList: true, arg: 'none', plugin: 'k8saudit', description: 'When the request object refers to a cluster role binding, the subjects (e.g. accounts/users) being linked by the binding.' },
  { name: 'ka.req.configmap.name', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'If the request object refers to a configmap, the configmap name.' },
  { name: 'ka.req.configmap.obj', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'If the request object refers to a configmap, the entire configmap object.' },
  { name: 'ka.req.container.host_network', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', deprecated: true, description: 'Deprecated alias for ka.req.pod.host_network.' },
  { name: 'ka.req.container.image', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', deprecated: true, description: 'The image of the first container only; use ka.req.pod.containers.image.' },
  { name: 'ka.req.container.image.repository', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', deprecated: true, description: 'The image repository of the first container only; use ka.req.pod.containers.image.repository.' },
  { name: 'ka.req.container.privileged', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', deprecated: true, description: 'True if any container has privileged=true; use ka.req.pod.containers.privileged.' },
  { name: 'ka.req.pod.containers.add_capabilities', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: 'When the request object refers to a pod, all capabilities to add when running the containers.' },
  { name: 'ka.req.pod.containers.allow_privilege_escalation', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: 'When the request object refers to a pod, the allowPrivilegeEscalation flag of all containers.' },
  { name: 'ka.req.pod.containers.eff_run_as_group', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: 'When the request object refers to a pod, the initial gid used for all containers (pod and container security contexts combined, 0 if unset).' },
  { name: 'ka.req.pod.containers.eff_run_as_user', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: 'When the request object refers to a pod, the initial uid used for all containers (pod and container security contexts combined, 0 if unset).' },
  { name: 'ka.req.pod.containers.host_port', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: 'When the request object refers to a pod, the hostPort values of all containers.' },
  { name: 'ka.req.pod.containers.image', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: "When the request object refers to a pod, the containers' images." },
  { name: 'ka.req.pod.containers.image.repository', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: "When the request object refers to a pod, the repository part of the containers' images (e.g. falcosecurity/falco)." },
  { name: 'ka.req.pod.containers.privileged', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: 'When the request object refers to a pod, the privileged flag of all containers.' },
  { name: 'ka.req.pod.containers.proc_mount', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: 'When the request object refers to a pod, the procMount types of all containers.' },
  { name: 'ka.req.pod.containers.read_only_fs', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: 'When the request object refers to a pod, the readOnlyRootFilesystem flag of all containers.' },
  { name: 'ka.req.pod.containers.run_as_group', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: 'When the request object refers to a pod, the runAsGroup gid of all containers.' },
  { name: 'ka.req.pod.containers.run_as_user', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: 'When the request object refers to a pod, the runAsUser uid of all containers.' },
  { name: 'ka.req.pod.fs_group', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'When the request object refers to a pod, the fsGroup gid specified by the security context.' },
  { name: 'ka.req.pod.host_ipc', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'When the request object refers to a pod, the value of the hostIPC flag.' },
  { name: 'ka.req.pod.host_network', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'When the request object refers to a pod, the value of the hostNetwork flag.' },
  { name: 'ka.req.pod.host_pid', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'When the request object refers to a pod, the value of the hostPID flag.' },
  { name: 'ka.req.pod.run_as_group', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'When the request object refers to a pod, the runAsGroup gid of the pod security context.' },
  { name: 'ka.req.pod.run_as_user', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'When the request object refers to a pod, the runAsUser uid of the pod security context.' },
  { name: 'ka.req.pod.supplemental_groups', type: 'CHARBUF', isList: true, arg: 'none', plugin: 'k8saudit', description: 'When the request object refers to a pod, the supplementalGroups gids of the security context.' },
  { name: 'ka.req.pod.volumes.flexvolume_driver', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: 'When the request object refers to a pod, the flexvolume drivers of all volumes.' },
  { name: 'ka.req.pod.volumes.hostpath', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: 'When the request object refers to a pod, the hostPath paths of all volumes.' },
  { name: 'ka.req.pod.volumes.volume_type', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: 'When the request object refers to a pod, the volume types of all volumes.' },
  { name: 'ka.req.role.rules', type: 'CHARBUF', isList: true, arg: 'none', plugin: 'k8saudit', description: 'When the request object refers to a role/cluster role, the rules of the role.' },
  { name: 'ka.req.role.rules.apiGroups', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: "When the request object refers to a role/cluster role, the api groups of the role's rules." },
  { name: 'ka.req.role.rules.nonResourceURLs', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: "When the request object refers to a role/cluster role, the non resource URLs of the role's rules." },
  { name: 'ka.req.role.rules.resources', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: "When the request object refers to a role/cluster role, the resources of the role's rules." },
  { name: 'ka.req.role.rules.verbs', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: "When the request object refers to a role/cluster role, the verbs of the role's rules." },
  { name: 'ka.req.service.ports', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: "When the request object refers to a service, the service's ports." },
  { name: 'ka.req.service.type', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'When the request object refers to a service, the service type.' },
  { name: 'ka.req.volume.hostpath', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'k8saudit', deprecated: true, description: 'True if the given (host) path prefix is used by any volume; use ka.req.pod.volumes.hostpath.' },
  { name: 'ka.resp.name', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'The response object name.' },
  { name: 'ka.response.code', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'The response code.' },
  { name: 'ka.response.reason', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'The response reason (usually present only for failures).' },
  { name: 'ka.sourceips', type: 'CHARBUF', isList: true, arg: 'optional', argForm: 'index', plugin: 'k8saudit', description: 'The IP addresses of the client who made the request to the apiserver.' },
  { name: 'ka.stage', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'Stage of the request (e.g. RequestReceived, ResponseComplete).' },
  { name: 'ka.target.name', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'The target object name.' },
  { name: 'ka.target.namespace', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'The target object namespace.' },
  { name: 'ka.target.resource', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'The target object resource.' },
  { name: 'ka.target.subresource', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'The target object subresource.' },
  { name: 'ka.uri', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'The request URI as sent from client to server.' },
  { name: 'ka.uri.param', type: 'CHARBUF', arg: 'required', argForm: 'key', plugin: 'k8saudit', description: 'The value of a query parameter of the URI (for uri=/foo?key=val, ka.uri.param[key] is val).' },
  { name: 'ka.user.groups', type: 'CHARBUF', isList: true, arg: 'none', plugin: 'k8saudit', description: 'The groups to which the user belongs.' },
  { name: 'ka.user.name', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'The user name performing the request.' },
  { name: 'ka.useragent', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'The user agent of the client who made the request to the apiserver.' },
  { name: 'ka.verb', type: 'CHARBUF', arg: 'none', plugin: 'k8saudit', description: 'The action being performed.' },
];
