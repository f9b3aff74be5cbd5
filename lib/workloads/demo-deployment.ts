import { ApiObject, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { stackLabels, SyncWave, syncWave } from '../core';

/** How a demo container runs. Every field is explicit so a reviewer sees the security posture in the diff. */
export interface DemoSecurityProfile {
  /** UID (and GID) of the process. */
  readonly runAsUser: number;
  /** Whether the root filesystem is read-only. */
  readonly readOnlyRootFilesystem: boolean;
  /** Drop every Linux capability (required by the `restricted` Pod Security level). */
  readonly dropAllCapabilities: boolean;
}

export interface DemoDeploymentProps {
  /** `metadata.name` of the Deployment, its container name and the `app` label of its pods. */
  readonly name: string;
  readonly namespace: string;
  /** Image pinned to a tag or digest. */
  readonly image: string;
  /** Container command. @default - the image's entrypoint */
  readonly command?: string[];
  /** Container port. @default - none */
  readonly port?: number;
  readonly security: DemoSecurityProfile;
  /** emptyDir mounts for paths the process writes to under a read-only root filesystem. @default [] */
  readonly writablePaths?: string[];
}

const ADDRESS_LABEL_PATCH_PATH = '/spec/template/metadata/labels/cdk8s.io~1metadata.addr';

/**
 * A single-replica demo Deployment with an explicit, stable name, selector and security context.
 * cdk8s-plus would otherwise select on a generated `cdk8s.io/metadata.addr` label (a hash that changes
 * when the construct tree is refactored) and pick defaults a reviewer cannot see in `main.ts`.
 */
export class DemoDeployment extends Construct {
  constructor(scope: Construct, id: string, props: DemoDeploymentProps) {
    super(scope, id);
    const { runAsUser, readOnlyRootFilesystem, dropAllCapabilities } = props.security;
    const podLabels = stackLabels({ app: props.name });
    const runtimeDefaultSeccomp = { type: kplus.SeccompProfileType.RUNTIME_DEFAULT };
    const deployment = new kplus.Deployment(this, 'Resource', {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: podLabels,
        annotations: syncWave(SyncWave.WORKLOADS),
      },
      replicas: 1,
      select: false,
      podMetadata: { labels: podLabels },
      automountServiceAccountToken: false,
      securityContext: { ensureNonRoot: runAsUser !== 0, user: runAsUser, group: runAsUser },
      volumes: [],
      containers: [
        {
          name: props.name,
          image: props.image,
          command: props.command,
          portNumber: props.port,
          imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
          securityContext: {
            ensureNonRoot: runAsUser !== 0,
            user: runAsUser,
            group: runAsUser,
            privileged: false,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem,
            seccompProfile: runtimeDefaultSeccomp,
            capabilities: dropAllCapabilities ? { drop: [kplus.Capability.ALL] } : undefined,
          },
          resources: {
            cpu: { request: kplus.Cpu.millis(10), limit: kplus.Cpu.millis(500) },
            memory: { request: Size.mebibytes(32), limit: Size.mebibytes(512) },
          },
          volumeMounts: (props.writablePaths ?? []).map((path, index) => ({
            path,
            volume: kplus.Volume.fromEmptyDir(this, `Writable${index}`, `writable-${index}`),
          })),
        },
      ],
    });
    deployment.select(kplus.LabelSelector.of({ labels: { app: props.name } }));
    ApiObject.of(deployment).addJsonPatch(JsonPatch.remove(ADDRESS_LABEL_PATCH_PATH));
  }
}
