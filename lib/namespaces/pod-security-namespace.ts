import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { stackLabels, SyncWave, syncWave } from '../core';

/** Pod Security Admission levels (kubernetes.io/docs/concepts/security/pod-security-admission). */
export const POD_SECURITY_LEVELS = ['privileged', 'baseline', 'restricted'] as const;
export type PodSecurityLevel = (typeof POD_SECURITY_LEVELS)[number];

export interface PodSecurityNamespaceProps {
  /** `metadata.name` of the Namespace. */
  readonly name: string;
  /**
   * PSA `enforce` level: pods violating it are rejected.
   * @default 'restricted'
   */
  readonly enforce?: PodSecurityLevel;
  /**
   * PSA `warn` level: violations are returned to the client as warnings.
   * @default - same as `enforce`
   */
  readonly warn?: PodSecurityLevel;
  /**
   * PSA `audit` level: violations are recorded in the audit log.
   * @default - same as `warn`
   */
  readonly audit?: PodSecurityLevel;
}

/**
 * A Namespace labelled for Pod Security Admission (kubernetes.io/docs/concepts/security/pod-security-admission):
 * `enforce` rejects violating pods, `warn` tells the client, `audit` records them.
 */
export class PodSecurityNamespace extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: PodSecurityNamespaceProps) {
    super(scope, id);
    const { name } = props;
    const enforce = props.enforce ?? 'restricted';
    const warn = props.warn ?? enforce;
    const audit = props.audit ?? warn;
    this.name = name;
    new kplus.Namespace(this, 'Resource', {
      metadata: {
        name,
        labels: stackLabels({
          'pod-security.kubernetes.io/enforce': enforce,
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/warn': warn,
          'pod-security.kubernetes.io/warn-version': 'latest',
          'pod-security.kubernetes.io/audit': audit,
          'pod-security.kubernetes.io/audit-version': 'latest',
        }),
        annotations: syncWave(SyncWave.NAMESPACES),
      },
    });
  }
}
