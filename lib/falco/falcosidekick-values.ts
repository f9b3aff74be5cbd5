import type { FalcoPriority } from '../stack/falco-gitops-stack-props';

export interface FalcosidekickValuesProps {
  readonly imageTag: string;
  readonly replicas: number;
  /** Secret holding TELEGRAM_TOKEN and TELEGRAM_CHATID, created out of band. */
  readonly telegramSecretName: string;
  readonly minimumPriority: FalcoPriority;
  readonly checkCert: boolean;
  readonly messageThreadId: string | undefined;
}

/**
 * Helm values of the falcosidekick chart (`charts/falcosidekick/values.yaml`).
 *
 * With `config.existingSecret` set, the chart renders no Secret of its own (templates/secrets.yaml is
 * wrapped in `if eq .Values.config.existingSecret ""`) and the pod gets its environment from that Secret
 * only. So `config.telegram.minimumpriority` and friends would be silently ignored: the non-secret
 * Telegram settings are passed as environment variables through `config.extraEnv` instead.
 */
export function falcosidekickValues(props: FalcosidekickValuesProps): Record<string, unknown> {
  const telegramEnv = [
    { name: 'TELEGRAM_MINIMUMPRIORITY', value: props.minimumPriority },
    { name: 'TELEGRAM_CHECKCERT', value: String(props.checkCert) },
    ...(props.messageThreadId === undefined
      ? []
      : [{ name: 'TELEGRAM_MESSAGETHREADID', value: props.messageThreadId }]),
  ];
  return {
    replicaCount: props.replicas,
    image: { tag: props.imageTag },
    config: {
      existingSecret: props.telegramSecretName,
      extraEnv: telegramEnv,
    },
  };
}
