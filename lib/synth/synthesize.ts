import { App, type Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Warning } from '../core';
import { manifestFiles, type ManifestFile, type ManifestObject } from './manifest-files';
import { refuseManifestSecrets } from './manifest-secrets';

/** What a stack gives the synthesizer: the charts to render, each into its own folder of `dist/`. */
export interface SynthesizableStack extends Construct {
  /** Objects Argo CD syncs, rendered to `dist/cluster/`. */
  readonly clusterChart: Chart;
  /** Objects applied once by hand (Argo CD's own), rendered to `dist/bootstrap/`. */
  readonly bootstrapChart: Chart;
  /** Non-fatal findings to show the user (e.g. rules left unscoped). */
  readonly warnings?: readonly Warning[];
  /** The rule files the stack read, in load order, for the user to see what was loaded. */
  readonly ruleFiles?: readonly string[];
  /** The audit Falco's rule files, in its load order (a second Falco, listed apart). */
  readonly auditRuleFiles?: readonly string[];
  /** Files for the control-plane nodes (not Kubernetes objects), rendered to `dist/host/` as given. */
  readonly hostFiles?: ReadonlyArray<{ readonly path: string; readonly content: string }>;
}

export interface SynthesisResult {
  readonly files: readonly ManifestFile[];
  readonly warnings: readonly Warning[];
  /** The rule files read, in load order (empty for a stack that reads none). */
  readonly ruleFiles: readonly string[];
  /** The audit Falco's rule files, in its load order (empty without it). */
  readonly auditRuleFiles: readonly string[];
}

/**
 * Builds the stack in memory and renders every file of `dist/`, without touching the disk.
 * Construct validations (cdk8s-plus `node.addValidation`) run here, as `App.synth()` would run them.
 */
export function synthesizeStack(build: (app: App) => SynthesizableStack): SynthesisResult {
  const app = new App();
  const stack = build(app);
  const errors = app.node
    .findAll()
    .flatMap((construct) => construct.node.validate().map((message) => `${construct.node.path}: ${message}`));
  if (errors.length > 0) {
    throw new Error(`construct validation failed:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
  }
  const cluster = stack.clusterChart.toJson() as ManifestObject[];
  const bootstrap = stack.bootstrapChart.toJson() as ManifestObject[];
  refuseManifestSecrets('cluster', cluster);
  refuseManifestSecrets('bootstrap', bootstrap);
  const files = [
    ...manifestFiles('cluster', cluster),
    ...manifestFiles('bootstrap', bootstrap),
    // Written by the same lock + journal swap as the manifests (writeDist): one dist/, one outcome.
    ...(stack.hostFiles ?? []).map((file) => ({ path: `host/${file.path}`, content: file.content })),
  ];
  return { files, warnings: stack.warnings ?? [], ruleFiles: stack.ruleFiles ?? [], auditRuleFiles: stack.auditRuleFiles ?? [] };
}
