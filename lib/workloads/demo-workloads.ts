import { Construct } from 'constructs';
import { DemoDeployment } from './demo-deployment';

export interface DemoWorkloadsProps {
  /** Namespaces that get an ubuntu and an nginx Deployment, e.g. `['dev', 'prod']`. */
  readonly namespaces: readonly string[];
  /**
   * Image of the long-running ubuntu target to `kubectl exec` into. Pin a tag (or digest).
   * @default 'docker.io/library/ubuntu:24.04'
   */
  readonly ubuntuImage?: string;
  /**
   * Image of the nginx Deployment. Pin a tag (or digest). It must run as UID 101 on port 8080 and write only
   * to /tmp (as nginx-unprivileged does), so it passes the `restricted` Pod Security level.
   * @default 'docker.io/nginxinc/nginx-unprivileged:1.27.3'
   */
  readonly nginxImage?: string;
}

/** The defaults of every optional prop of `DemoWorkloads`. */
export const DEMO_WORKLOADS_DEFAULTS = {
  ubuntuImage: 'docker.io/library/ubuntu:24.04',
  nginxImage: 'docker.io/nginxinc/nginx-unprivileged:1.27.3',
} as const;

/**
 * The targets of the test scenarios (README, "Test scenarios"): an ubuntu pod to `kubectl exec` into
 * and an nginx pod, in each workload namespace, so a rule scoped to prod can be seen firing in prod
 * and staying silent in dev.
 */
export class DemoWorkloads extends Construct {
  constructor(scope: Construct, id: string, props: DemoWorkloadsProps) {
    super(scope, id);
    for (const namespace of props.namespaces) {
      const group = new Construct(this, namespace);
      new DemoDeployment(group, 'Ubuntu', {
        name: 'ubuntu',
        namespace,
        image: props.ubuntuImage ?? DEMO_WORKLOADS_DEFAULTS.ubuntuImage,
        // Sleep forever: the pod exists to be exec'd into.
        command: ['sleep', 'infinity'],
        // Root on purpose: the scenarios run `apt update && apt install -y nmap`, which needs root to
        // write /var/lib/apt and /usr, plus dpkg's default capabilities (CHOWN, FOWNER, DAC_OVERRIDE,
        // SETUID/SETGID to drop to the `_apt` user). The `baseline` level of dev/prod admits this;
        // their `warn`/`audit: restricted` labels report it, which is the point of a demo target.
        security: { runAsUser: 0, readOnlyRootFilesystem: false, dropAllCapabilities: false },
      });
      new DemoDeployment(group, 'Nginx', {
        name: 'nginx',
        namespace,
        image: props.nginxImage ?? DEMO_WORKLOADS_DEFAULTS.nginxImage,
        port: 8080,
        // nginx-unprivileged listens on 8080 as UID 101 and only writes to /tmp (pid file, caches),
        // so it meets the `restricted` level with a read-only root filesystem.
        security: { runAsUser: 101, readOnlyRootFilesystem: true, dropAllCapabilities: true },
        writablePaths: ['/tmp'],
      });
    }
  }
}
