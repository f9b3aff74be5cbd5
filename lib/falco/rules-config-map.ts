import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { sha256Hex, stackLabels, SyncWave, syncWave, UserError } from '../core';

/** Annotation prefix of the per-file checksums, for drift detection against what Falco loaded. */
export const RULES_SHA256_ANNOTATION_PREFIX = 'falco-gitops.io/sha256.';

/**
 * Kubernetes rejects a ConfigMap whose data exceeds 1 MiB (`MaxSecretSize` in
 * k8s.io/kubernetes pkg/apis/core/validation). Checked at synth time, not by a failed sync.
 */
export const CONFIG_MAP_MAX_BYTES = 1024 * 1024;

const RULES_FILE_KEY = /^[-._a-zA-Z0-9]+\.ya?ml$/;
/** An annotation name (after the prefix's `/`) has at most 63 characters. */
const MAX_FILE_NAME_LENGTH = 63 - 'sha256.'.length;

export interface RulesConfigMapProps {
  /** `metadata.name`, also the pod volume name. */
  readonly name: string;
  readonly namespace: string;
  /** Directory the ConfigMap is mounted at in the Falco container. */
  readonly mountPath: string;
  /**
   * The fix printed when the files would pass 1 MiB, in the terms of whoever chose the files
   * (the stack names its props).
   * @default 'remove rules or rule files you do not need from this ConfigMap'
   */
  readonly oversizeFix?: string;
}

/**
 * A ConfigMap of Falco rule files. Keys are file names; Falco loads a mounted directory's `.yaml` files
 * in alphabetical order, so callers prefix keys with their position (`00-`, `01-`, …).
 */
export class RulesConfigMap extends Construct {
  readonly name: string;
  readonly mountPath: string;
  private readonly configMap: kplus.ConfigMap;
  private readonly fileNames: string[] = [];
  private totalBytes = 0;
  private readonly oversizeFix: string;

  constructor(scope: Construct, id: string, props: RulesConfigMapProps) {
    super(scope, id);
    this.name = props.name;
    this.mountPath = props.mountPath;
    this.oversizeFix = props.oversizeFix ?? 'remove rules or rule files you do not need from this ConfigMap';
    this.configMap = new kplus.ConfigMap(this, 'Resource', {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: stackLabels({ 'app.kubernetes.io/component': 'falco-rules' }),
        annotations: syncWave(SyncWave.CONFIG_MAPS),
      },
    });
  }

  /** File names, in load order. */
  get files(): readonly string[] {
    return [...this.fileNames];
  }

  /** Adds one rule file; rejects a duplicate or invalid key and a ConfigMap that would pass 1 MiB. */
  addRulesFile(fileName: string, text: string): void {
    if (!RULES_FILE_KEY.test(fileName) || fileName.length > MAX_FILE_NAME_LENGTH) {
      throw new UserError({
        subject: fileName,
        problem: `cannot be a key of ConfigMap ${this.name}; Falco loads only .yaml/.yml files and keys allow only letters, digits, '-', '_' and '.' (at most ${MAX_FILE_NAME_LENGTH} characters here)`,
        fix: 'rename the rule file.',
      });
    }
    if (this.fileNames.includes(fileName)) {
      throw new UserError({
        subject: fileName,
        problem: `added twice to ConfigMap ${this.name}`,
        fix: 'give each rule file a unique name.',
      });
    }
    const bytes = Buffer.byteLength(fileName) + Buffer.byteLength(text);
    if (this.totalBytes + bytes > CONFIG_MAP_MAX_BYTES) {
      throw new UserError({
        subject: fileName,
        problem: `ConfigMap ${this.name} would hold ${this.totalBytes + bytes} bytes, over Kubernetes' limit of ${CONFIG_MAP_MAX_BYTES} bytes`,
        fix: this.oversizeFix,
      });
    }
    this.totalBytes += bytes;
    this.fileNames.push(fileName);
    this.configMap.addData(fileName, text);
    this.configMap.metadata.addAnnotation(`${RULES_SHA256_ANNOTATION_PREFIX}${fileName}`, sha256Hex(text));
  }
}
