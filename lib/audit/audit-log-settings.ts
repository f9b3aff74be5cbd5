/** `--audit-log-format` values (kubernetes/apiserver@v0.36.3 pkg/server/options/audit.go:451,477: `pluginlog.AllowedFormats`). */
export const AUDIT_LOG_FORMATS = ['json', 'legacy'] as const;
export type AuditLogFormat = (typeof AUDIT_LOG_FORMATS)[number];

/** `--audit-log-mode` values (options/audit.go:82-96 `AllowedModes`). */
export const AUDIT_LOG_MODES = ['blocking', 'blocking-strict', 'batch'] as const;
export type AuditLogMode = (typeof AUDIT_LOG_MODES)[number];

/** The API server's audit log backend (`--audit-log-*`). */
export interface AuditLogProps {
  /**
   * Log file on the control-plane node (`--audit-log-path`). Absolute.
   * @default '/var/log/kubernetes/audit-logs.txt'
   */
  readonly path?: string;
  /**
   * Days an old file is kept (`--audit-log-maxage`).
   * @default 10
   */
  readonly maxAge?: number;
  /**
   * Old files kept (`--audit-log-maxbackup`).
   * @default 2
   */
  readonly maxBackup?: number;
  /**
   * Megabytes before the file is rotated (`--audit-log-maxsize`; the API server's own default is 100,
   * kubernetes/apiserver@v0.36.3 pkg/server/options/audit.go:157). Written out so the flags say it.
   * @default 100
   */
  readonly maxSize?: number;
  /**
   * `--audit-log-format`: `json` (one event per line, what tools read) or `legacy` (text).
   * @default 'json'
   */
  readonly format?: AuditLogFormat;
  /**
   * `--audit-log-mode`: `blocking` (the API server's default for the log backend), `blocking-strict`
   * (also fails the request when its RequestReceived event cannot be written) or `batch` (buffered).
   * @default 'blocking'
   */
  readonly mode?: AuditLogMode;
}

export const AUDIT_LOG_DEFAULTS = {
  path: '/var/log/kubernetes/audit-logs.txt',
  maxAge: 10,
  maxBackup: 2,
  maxSize: 100,
  format: 'json' as AuditLogFormat,
  mode: 'blocking' as AuditLogMode,
} as const;

export type ResolvedAuditLog = { readonly [K in keyof typeof AUDIT_LOG_DEFAULTS]: (typeof AUDIT_LOG_DEFAULTS)[K] extends number ? number : (typeof AUDIT_LOG_DEFAULTS)[K] extends string ? string : never } & {
  readonly format: AuditLogFormat;
  readonly mode: AuditLogMode;
};

/** Where the policy and the webhook kubeconfig live on a control-plane node. */
export interface AuditHostPaths {
  /** `--audit-policy-file`. */
  readonly policyFile: string;
  /** `--audit-webhook-config-file`; undefined when no audit Falco is deployed. */
  readonly webhookConfigFile: string | undefined;
}

/**
 * The API server's audit flags, in a fixed order, as `name=value` (no leading dashes): every
 * distribution's artifact is written from this one list, so they cannot disagree.
 */
export function auditApiServerArgs(log: ResolvedAuditLog, paths: AuditHostPaths): Array<readonly [string, string]> {
  return [
    ['audit-policy-file', paths.policyFile],
    ['audit-log-path', log.path],
    ['audit-log-maxage', String(log.maxAge)],
    ['audit-log-maxbackup', String(log.maxBackup)],
    ['audit-log-maxsize', String(log.maxSize)],
    ['audit-log-format', log.format],
    ['audit-log-mode', log.mode],
    ...(paths.webhookConfigFile !== undefined
      ? ([
          ['audit-webhook-config-file', paths.webhookConfigFile],
          // Batches are sent at most every second: Falco alerts within seconds, the API server never waits.
          ['audit-webhook-mode', 'batch'],
          ['audit-webhook-batch-max-wait', '1s'],
        ] as const)
      : []),
  ];
}
