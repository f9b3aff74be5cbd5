import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { ResolvedNamespace } from '../stack/resolved-stack-props';
import { stackLabels } from '../stack/labels';
import { SyncWave, syncWave } from '../stack/sync-waves';

export interface PodSecurityNamespaceProps {
  readonly namespace: ResolvedNamespace;
}

/**
 * A Namespace labelled for Pod Security Admission (kubernetes.io/docs/concepts/security/pod-security-admission):
 * `enforce` rejects violating pods, `warn` tells the client, `audit` records them.
 */
export class PodSecurityNamespace extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: PodSecurityNamespaceProps) {
    super(scope, id);
    const { name, enforce, warn, audit } = props.namespace;
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
