import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { sha256Hex, UserError } from '../core';

/** One rules file Falco loads, and the sha256 Falco will report for it. */
export interface RulesFileHash {
  /** The file's base name: the only name `falcosecurity_falco_sha256_rules_files_info` carries (`file_name`). */
  readonly fileName: string;
  /** The ConfigMap that ships it. */
  readonly configMapName: string;
  /** Lower-case hex sha256 of the file's bytes. */
  readonly sha256: string;
}

/**
 * The expected hash of every rules file the given constructs ship, from the ConfigMaps' rendered
 * `data` (each key is a file in the mounted directory). Falco hashes the raw bytes of each file it
 * loads (`calculate_file_sha256sum`, falcosecurity/falco@0.44.1:userspace/falco/app/actions/load_rules_files.cpp:86-87,
 * engine/falco_utils.cpp:140; reported by falcosecurity/falco@0.44.1:
 * userspace/falco/falco_metrics.cpp:129-136 under the file's base name), and the kubelet writes
 * the ConfigMap value as UTF-8 bytes, so the expected hash is the sha256 of the exact data string.
 *
 * Throws when two files share a base name: the metric could not tell them apart. Call it once per
 * Falco (the main one, the audit one): each pod reports only the files it loads.
 */
export function rulesFileHashes(configMaps: readonly Construct[]): RulesFileHash[] {
  const hashes: RulesFileHash[] = [];
  for (const construct of configMaps) {
    const objects = construct.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && c.kind === 'ConfigMap');
    for (const object of objects) {
      const json = object.toJson() as { metadata?: { name?: string }; data?: Record<string, string> };
      for (const [fileName, text] of Object.entries(json.data ?? {})) {
        hashes.push({ fileName, configMapName: json.metadata?.name ?? object.name, sha256: sha256Hex(text) });
      }
    }
  }
  const seen = new Map<string, RulesFileHash>();
  for (const hash of hashes) {
    const first = seen.get(hash.fileName);
    if (first !== undefined) {
      throw new UserError({
        subject: hash.fileName,
        received: `in ConfigMaps ${first.configMapName} and ${hash.configMapName}`,
        problem: "rule file base names must be unique across the rule directories one Falco mounts: Falco's sha256 metric carries only the base name",
        fix: 'rename one of the rule files.',
      });
    }
    seen.set(hash.fileName, hash);
  }
  return hashes.sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
}
