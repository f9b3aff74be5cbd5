import type { FalcoPriority } from '../core';

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
 * Falcosidekick reads its configuration from environment variables. The token and chat id come from
 * the existing Secret (`envFrom`); the non-secret Telegram settings are plain `env` entries through
 * `config.extraEnv`, which take precedence over every `envFrom` source. Setting them as
 * `config.telegram.*` instead would depend on the chart version: some versions render no Secret of
 * their own when `existingSecret` is set (so those values are silently dropped), and the chart's
 * own Secret names the thread variable `TELEGRAM_MESSAGE_THREAD_ID`, while Falcosidekick reads
 * `TELEGRAM_MESSAGETHREADID`.
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
