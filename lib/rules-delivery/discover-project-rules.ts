import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeUtf8, UserError, type Problem } from '../core';

/** A project rule file found in the project's rules folder. */
export interface DiscoveredRuleFile {
  /** Path relative to the base directory, with `/`: what messages and the load list print. */
  readonly displayPath: string;
  /** File name: the ConfigMap key (after the order prefix) and the scoping transform's key. */
  readonly name: string;
  readonly text: string;
}

export interface DiscoverProjectRulesProps {
  /** Directory the relative paths below are resolved against (the repository). */
  readonly baseDir: string;
  /** The project's rules folder, relative to `baseDir`, as the user wrote it. */
  readonly projectRulesDir: string;
  /** Folder of the vendored upstream files, relative to `baseDir`; skipped here (loaded as upstream). */
  readonly upstreamRulesDir: string | undefined;
  /** The rules lock, relative to `baseDir`; skipped here if the user keeps it in the rules folder. */
  readonly lockFile: string;
}

/** Where the upstream rules lock lived before it moved to the repository root. */
const FORMER_LOCK_NAME = 'upstream.lock.yaml';

/**
 * The project's rule files, in Falco's load order (by name), under one rule that leaves nothing
 * out silently: every entry of the rules folder is either loaded or refused with a message.
 *
 * - `*.yaml` files are loaded, and so are symlinks to files inside the repository (Falco follows
 *   them too: `is_regular_file` in falcosecurity/falco@0.44.1:userspace/falco/configuration.cpp:722
 *   resolves links); the text delivered is the target's, under the link's name. A dangling link,
 *   or one that leaves the repository (dist/ would depend on a file Git does not hold), is refused.
 * - Subfolders are refused: Falco reads a rules directory without recursing
 *   (configuration.cpp:720, `directory_iterator`), and a ConfigMap is flat. The vendored upstream
 *   folder is the one exception: it is loaded first, checked against the lock.
 * - `.yml` files are refused, although Falco would load them (configuration.cpp:729-731): one
 *   extension keeps `falco-gitops lint rules/*.yaml`, the docs and the delivered keys in step.
 * - Any other file is refused (it would never reach Falco); names starting with a dot (`.gitkeep`,
 *   editor files) are not rule files and are passed over.
 * - Every file is decoded as strict UTF-8: invalid bytes are an error with their offset, never
 *   replaced.
 *
 * All problems are reported at once. The audit Falco's project rules folder (`rules-k8saudit/`,
 * lib/audit's `readAuditRuleFolder`) is discovered by this same function, under the same rules.
 */
export function discoverProjectRules(props: DiscoverProjectRulesProps): DiscoveredRuleFile[] {
  const { baseDir, projectRulesDir } = props;
  const dir = path.join(baseDir, projectRulesDir);
  const folder = projectRulesDir.split(path.sep).join('/').replace(/\/+$/, '');
  // `rules/x.yaml` for a file, `rules/` for the folder itself.
  const shown = (name: string): string => `${folder}/${name}`;
  const skip = new Set(
    [props.upstreamRulesDir, props.lockFile].filter((p): p is string => p !== undefined).map((p) => path.resolve(baseDir, p)),
  );
  const root = realpathOrSelf(baseDir);
  const problems: Problem[] = [];
  const found: DiscoveredRuleFile[] = [];

  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => compare(a.name, b.name))) {
    const { name } = entry;
    const full = path.join(dir, name);
    if (name.startsWith('.') || skip.has(path.resolve(full))) continue;
    const refuse = (problem: string, fix: string): void => void problems.push({ subject: shown(name), problem, fix });

    let isFile = entry.isFile();
    let isDirectory = entry.isDirectory();
    let kind = 'a subfolder';
    if (entry.isSymbolicLink()) {
      let target: string;
      try {
        target = fs.realpathSync(full);
      } catch {
        refuse('is a symbolic link to nothing (its target does not exist)', 'point it at a rule file inside the repository, or delete it.');
        continue;
      }
      if (path.relative(root, target).startsWith('..') || path.isAbsolute(path.relative(root, target))) {
        refuse(
          `is a symbolic link to ${target}, outside the repository: dist/ would depend on a file Git does not hold`,
          'copy the file into the rules folder instead.',
        );
        continue;
      }
      const stat = fs.statSync(target);
      isFile = stat.isFile();
      isDirectory = stat.isDirectory();
      kind = 'a symbolic link to a folder';
    }

    if (isDirectory) {
      refuse(
        `is ${kind}; rule files in subfolders are not loaded (Falco reads a rules folder without recursing, and a ConfigMap is flat)`,
        `move its rule files into ${shown('')} itself, or the folder out of it.`,
      );
    } else if (!isFile) {
      refuse('is neither a file nor a folder', `remove it from ${shown('')}.`);
    } else if (name === FORMER_LOCK_NAME) {
      refuse(
        'is the upstream rules lock, which now lives at the repository root so that every rules/*.yaml is a rule file',
        `move it: \`git mv ${shown(name)} upstream-rules.lock.yaml\` (or set rules.lockFile to its path).`,
      );
    } else if (/\.yml$/i.test(name) || (/\.yaml$/i.test(name) && !name.endsWith('.yaml'))) {
      refuse(
        // The folder as configured: rules/ for the syscall rules, rules-k8saudit/ for the audit rules.
        `has an extension synth does not load: rule files end in .yaml (as \`falco-gitops lint ${shown('*.yaml')}\` expects)`,
        `rename it to ${name.replace(/\.ya?ml$/i, '.yaml')}.`,
      );
    } else if (!name.endsWith('.yaml')) {
      refuse(
        'is not a rule file (*.yaml), and the rules folder holds only rule files, all of which synth delivers to Falco',
        `move it out of ${shown('')}.`,
      );
    } else {
      try {
        found.push({ displayPath: shown(name), name, text: decodeUtf8(fs.readFileSync(full), shown(name)) });
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        problems.push(...error.problems);
      }
    }
  }
  if (problems.length > 0) {
    throw new UserError(problems, { summary: `${shown('')}: files that synth would not load as written` });
  }
  return found;
}

/** Byte order of the names, as Falco's `std::sort` of the paths (configuration.cpp:726). */
function compare(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function realpathOrSelf(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}
