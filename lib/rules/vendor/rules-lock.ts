import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { yamlLibrary, type Problem } from '../../core';
import { LineCounter as TextLineCounter } from '../line-counter';
import { parseRulesYaml } from '../parse-rules-yaml';
import { VendorError } from './vendor-error';

/** One pinned upstream rule file, in load order. */
export interface LockedRuleFile {
  /** File name, also the name inside the vendor directory, e.g. `falco_rules.yaml`. */
  readonly name: string;
  /** Where `npm run rules:vendor` downloads it from when no `--from` is given. */
  readonly url: string;
  /** Lower-case hex sha256 of the exact bytes. */
  readonly sha256: string;
  /**
   * Which Falco loads the file: `syscall` (the syscall Falco, with the project's rules) or
   * `k8s_audit` (the audit Falco, release falco-k8saudit).
   * @default 'syscall'
   */
  readonly source?: RuleFileSource;
  /** The file's own release tag when it comes from another release than the lock's `release`. */
  readonly release?: string;
}

/** The Falcos a locked rule file can be delivered to. */
export const RULE_FILE_SOURCES = ['syscall', 'k8s_audit'] as const;
export type RuleFileSource = (typeof RULE_FILE_SOURCES)[number];

/** The parsed `upstream-rules.lock.yaml`. */
export interface RulesLock {
  /** The lock file's path as it was given; used in messages. */
  readonly file: string;
  /** Upstream release tag, e.g. `falco-rules-5.1.0`. */
  readonly release: string;
  /** Commit the tag pointed at when pinned (informational). */
  readonly commit?: string;
  /** Upstream repository URL. */
  readonly repository: string;
  /** Vendor directory, relative to the repository root. */
  readonly vendorDir: string;
  /** The files in Falco's load order. */
  readonly files: readonly LockedRuleFile[];
}

const TOP_KEYS = ['release', 'commit', 'repository', 'vendorDir', 'files'] as const;
const FILE_KEYS = ['name', 'url', 'sha256', 'source', 'release'] as const;
const SHA256 = /^[0-9a-f]{64}$/;
const COMMIT = /^[0-9a-f]{40}$/;
// A bare file name: the vendor step joins it to a directory and a URL base, so it must not
// be able to walk out of either.
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Parses and validates a rules lock. Every problem is reported at once (like a props table in
 * aws-cdk's validate-queue-props), each as `FILE:line:col: key: what is wrong`, in a `VendorError`.
 */
export function parseRulesLock(text: string, file: string): RulesLock {
  // Parsed as rule files are read: the error placed at the mistake, and deep nesting refused
  // before the composer would overflow the stack at a depth that varies by run. One parse: its
  // documents are what the checks below read.
  const parsed = parseRulesYaml(text);
  const lines = new TextLineCounter(text);
  const subjectAt = (offset: number): string => {
    const { line, column } = lines.position(offset);
    return `${file}:${line}:${column}`;
  };
  if (parsed.error !== undefined) {
    throw new VendorError({ subject: subjectAt(parsed.error.offset), problem: `invalid YAML: ${parsed.error.detail}` }, { summary: `invalid rules lock ${file}` });
  }
  const { isMap, isSeq } = yamlLibrary();
  const problems: Problem[] = [];
  const at = (node: YamlNode | null | undefined, key: string, message: string): void => {
    problems.push({ subject: subjectAt(node?.range?.[0] ?? 0), problem: `${key}: ${message}` });
  };
  const [doc, second] = parsed.docs;
  if (second !== undefined) {
    // The wording `parseDocument` gave for a stream of several documents, which this read before.
    problems.push({ subject: subjectAt(second.range?.[0] ?? 0), problem: 'invalid YAML: Source contains multiple documents; please use YAML.parseAllDocuments().' });
  }
  if (problems.length > 0) throw new VendorError(problems, { summary: `invalid rules lock ${file}` });

  const root = doc?.contents;
  if (!isMap(root)) {
    throw new VendorError({ subject: `${file}:1:1`, problem: `expected a mapping with keys ${TOP_KEYS.join(', ')}` });
  }

  checkKeys(root, TOP_KEYS, '', at);
  const release = requiredString(root, 'release', '', at);
  const commit = optionalString(root, 'commit', '', at);
  if (commit !== undefined && !COMMIT.test(commit)) {
    at(root.get('commit', true) as YamlNode, 'commit', `expected 40 lower-case hex digits, got '${commit}'`);
  }
  const repository = requiredString(root, 'repository', '', at);
  if (repository !== undefined && !/^https?:\/\/\S+$/.test(repository)) {
    at(root.get('repository', true) as YamlNode, 'repository', `expected an http(s) URL, got '${repository}'`);
  }
  const vendorDir = requiredString(root, 'vendorDir', '', at);
  if (vendorDir !== undefined && (vendorDir.startsWith('/') || /^[A-Za-z]:[\\/]/.test(vendorDir))) {
    at(root.get('vendorDir', true) as YamlNode, 'vendorDir', `expected a path relative to the repository root, got '${vendorDir}'`);
  }

  const files: LockedRuleFile[] = [];
  const filesNode = root.get('files', true) as YamlNode | undefined;
  if (filesNode === undefined) {
    at(root, 'files', 'missing; list the rule files in load order, each with name, url and sha256');
  } else if (!isSeq(filesNode) || filesNode.items.length === 0) {
    at(filesNode, 'files', 'expected a non-empty list of { name, url, sha256 }');
  } else {
    const seen = new Map<string, number>();
    filesNode.items.forEach((item, i) => {
      const key = `files[${i}]`;
      if (!isMap(item)) {
        at(item as YamlNode, key, 'expected a mapping with keys name, url, sha256');
        return;
      }
      checkKeys(item, FILE_KEYS, `${key}.`, at);
      const name = requiredString(item, 'name', `${key}.`, at);
      const url = requiredString(item, 'url', `${key}.`, at);
      const sha256 = requiredString(item, 'sha256', `${key}.`, at);
      if (name !== undefined && !FILE_NAME.test(name)) {
        at(item.get('name', true) as YamlNode, `${key}.name`, `expected a bare file name (no '/' or '..'), got '${name}'`);
      } else if (name !== undefined) {
        const first = seen.get(name);
        if (first !== undefined) {
          at(item.get('name', true) as YamlNode, `${key}.name`, `'${name}' is already listed as files[${first}]`);
        }
        seen.set(name, i);
      }
      if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) {
        at(item.get('url', true) as YamlNode, `${key}.url`, `expected an http(s) URL, got '${url}'`);
      }
      if (sha256 !== undefined && !SHA256.test(sha256)) {
        at(item.get('sha256', true) as YamlNode, `${key}.sha256`, `expected 64 lower-case hex digits, got '${sha256}'`);
      }
      const source = optionalString(item, 'source', `${key}.`, at);
      if (source !== undefined && !(RULE_FILE_SOURCES as readonly string[]).includes(source)) {
        at(item.get('source', true) as YamlNode, `${key}.source`, `expected one of ${RULE_FILE_SOURCES.join(', ')}, got '${source}'`);
      }
      const fileRelease = optionalString(item, 'release', `${key}.`, at);
      if (name !== undefined && url !== undefined && sha256 !== undefined) {
        files.push({
          name,
          url,
          sha256,
          ...(source !== undefined ? { source: source as RuleFileSource } : {}),
          ...(fileRelease !== undefined ? { release: fileRelease } : {}),
        });
      }
    });
  }

  if (problems.length > 0) throw new VendorError(problems, { summary: `invalid rules lock ${file}` });
  return {
    file,
    release: release as string,
    ...(commit !== undefined ? { commit } : {}),
    repository: repository as string,
    vendorDir: vendorDir as string,
    files,
  };
}

/**
 * Reads and validates the lock file at `file`, a path as the user gave it (messages name it so),
 * relative to `baseDir`.
 */
export function readRulesLock(file: string, baseDir = '.'): RulesLock {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(baseDir, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new VendorError({
      subject: file,
      problem: code === 'ENOENT' ? 'rules lock not found' : `cannot read rules lock: ${(e as Error).message}`,
    });
  }
  return parseRulesLock(text, file);
}

type Report = (node: YamlNode | null | undefined, key: string, message: string) => void;

function checkKeys(map: YAMLMap, allowed: readonly string[], prefix: string, at: Report): void {
  for (const pair of map.items as Pair[]) {
    const key = yamlLibrary().isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!allowed.includes(key)) {
      at(pair.key as YamlNode, `${prefix}${key}`, `unknown key; allowed keys: ${allowed.join(', ')}`);
    }
  }
}

function optionalString(map: YAMLMap, key: string, prefix: string, at: Report): string | undefined {
  const node = map.get(key, true) as YamlNode | undefined;
  if (node === undefined) return undefined;
  if (!yamlLibrary().isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') {
    at(node, `${prefix}${key}`, 'expected a non-empty string');
    return undefined;
  }
  return node.value;
}

function requiredString(map: YAMLMap, key: string, prefix: string, at: Report): string | undefined {
  if (!map.has(key)) {
    at(map, `${prefix}${key}`, 'missing');
    return undefined;
  }
  return optionalString(map, key, prefix, at);
}
