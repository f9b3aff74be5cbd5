import { Construct } from 'constructs';
import { FALCO_TARGET, type FalcoPriority } from '../core';
import { DEFAULT_HELM_CHART_NAMESPACE, HelmChart } from '../helm';
import { falcosidekickValues } from './falcosidekick-values';

export interface FalcosidekickTelegramProps {
  /**
   * Name of the Secret (in the target namespace) holding `TELEGRAM_TOKEN` and `TELEGRAM_CHATID`.
   * It is created out of band and never rendered; see the README.
   * @default 'falcosidekick-telegram'
   */
  readonly secretName?: string;
  /**
   * Lowest Falco priority forwarded to Telegram.
   * @default 'warning'
   */
  readonly minimumPriority?: FalcoPriority;
  /**
   * Topic (message thread) of a forum group to post into. Needs Falcosidekick 2.34.0 or later.
   * @default - the chat's main thread
   */
  readonly messageThreadId?: string;
  /**
   * Verify Telegram's TLS certificate.
   * @default true
   */
  readonly checkCert?: boolean;
}

export interface FalcosidekickHelmChartProps {
  /**
   * Helm repository URL of the chart.
   * @default 'https://falcosecurity.github.io/charts'
   */
  readonly repo?: string;
  /**
   * Exact falcosidekick chart version.
   * @default '0.14.0'
   */
  readonly chartVersion?: string;
  /**
   * Namespace of the `HelmChart` object itself; the helm-controller of k3s/RKE2 watches `kube-system`.
   * @default 'kube-system'
   */
  readonly helmChartNamespace?: string;
  /** Namespace Falcosidekick is installed into (the Telegram Secret lives there). */
  readonly targetNamespace: string;
  /**
   * Falcosidekick image tag. Message threads need 2.34.0 or later; the chart 0.14.0 default (2.32.0) ignores them.
   * @default '2.34.0'
   */
  readonly imageTag?: string;
  /**
   * Falcosidekick replicas.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * Telegram output.
   * @default - enabled, token and chat id from the Secret `falcosidekick-telegram`
   */
  readonly telegram?: FalcosidekickTelegramProps;
}

/** The defaults of every optional prop of `FalcosidekickHelmChart`: the stack's defaults are these. */
export const FALCOSIDEKICK_HELM_CHART_DEFAULTS = {
  repo: FALCO_TARGET.chart.repo,
  chartVersion: '0.14.0',
  helmChartNamespace: DEFAULT_HELM_CHART_NAMESPACE,
  imageTag: '2.34.0',
  replicas: 2,
  telegram: {
    secretName: 'falcosidekick-telegram',
    minimumPriority: 'warning' as FalcoPriority,
    messageThreadId: undefined as string | undefined,
    checkCert: true,
  },
} as const;

/** Falcosidekick learned Telegram message threads in 2.34.0; older images silently ignore the option. */
export const FALCOSIDEKICK_MIN_VERSION_FOR_THREADS = '2.34.0';

/** Port of the falcosidekick chart's Service (`service.port`). */
const FALCOSIDEKICK_SERVICE_PORT = 2801;

/**
 * Falcosidekick, installed by the helm-controller from the pinned `falcosidekick` chart.
 * The release is named `falcosidekick`, so the chart's fullname, and thus its Service, is `falcosidekick`.
 */
export class FalcosidekickHelmChart extends Construct {
  static readonly RELEASE_NAME = 'falcosidekick';
  readonly helmChart: HelmChart;
  /** The in-cluster URL Falco's `http_output` posts to. */
  readonly serviceUrl: string;

  constructor(scope: Construct, id: string, props: FalcosidekickHelmChartProps) {
    super(scope, id);
    const defaults = FALCOSIDEKICK_HELM_CHART_DEFAULTS;
    const telegram = props.telegram ?? {};
    this.serviceUrl = `http://${FalcosidekickHelmChart.RELEASE_NAME}.${props.targetNamespace}.svc.cluster.local:${FALCOSIDEKICK_SERVICE_PORT}/`;
    this.helmChart = new HelmChart(this, 'Resource', {
      name: FalcosidekickHelmChart.RELEASE_NAME,
      namespace: props.helmChartNamespace ?? defaults.helmChartNamespace,
      chart: 'falcosidekick',
      repo: props.repo ?? defaults.repo,
      version: props.chartVersion ?? defaults.chartVersion,
      targetNamespace: props.targetNamespace,
      values: falcosidekickValues({
        imageTag: props.imageTag ?? defaults.imageTag,
        replicas: props.replicas ?? defaults.replicas,
        telegramSecretName: telegram.secretName ?? defaults.telegram.secretName,
        minimumPriority: telegram.minimumPriority ?? defaults.telegram.minimumPriority,
        checkCert: telegram.checkCert ?? defaults.telegram.checkCert,
        messageThreadId: telegram.messageThreadId ?? defaults.telegram.messageThreadId,
      }),
    });
  }
}
