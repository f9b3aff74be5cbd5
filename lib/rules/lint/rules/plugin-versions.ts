import { FALCO_TARGET } from '../../../core';
import { isCompatible, parseVersion } from '../../loader';
import { defineLintRule } from '../lint-rule';

/** `falco 9.1.0`: the chart whose plugins the rules are checked against (`FALCO_TARGET`). */
const PINNED_FALCO_CHART = `${FALCO_TARGET.chart.name} ${FALCO_TARGET.chart.version}`;
const SHIPPED_PLUGIN_VERSIONS = FALCO_TARGET.plugins;

/**
 * Each `required_plugin_versions` entry must be met by a plugin the pinned chart ships: same
 * major version and at least the required version (`sinsp_version::compatible_with`, which Falco
 * applies to plugins), for the entry or any of its `alternatives`. Falco refuses to start when a
 * loaded plugin is too old (error); a plugin the chart does not ship must be added to the
 * deployment by hand, which the linter cannot see (warning).
 */
export const pluginVersions = defineLintRule({
  id: 'plugin-version',
  severity: 'error',
  description: 'A required plugin version the pinned Falco chart does not satisfy.',
  messages: {
    tooNew: (wanted: string, shipped: string) =>
      `required plugin ${wanted} is newer than what ${PINNED_FALCO_CHART} ships (${shipped}); Falco would refuse these rules, so lower the requirement or pin a chart that ships it`,
    notShipped: (wanted: string) =>
      `required plugin ${wanted} is not shipped by ${PINNED_FALCO_CHART} (it ships ${Object.entries(SHIPPED_PLUGIN_VERSIONS)
        .map(([n, v]) => `${n} ${v}`)
        .join(', ')}); load it in the Falco deployment yourself, or Falco will refuse these rules`,
  },
  check(ctx, report) {
    for (const req of ctx.ruleset.requiredPluginVersions) {
      const wanted = req.alternatives.map((a) => `${a.name} ${a.version}`).join(' or ');
      const shipped = req.alternatives.filter((a) => SHIPPED_PLUGIN_VERSIONS[a.name] !== undefined);
      const satisfied = shipped.some((a) => {
        const shippedVersion = SHIPPED_PLUGIN_VERSIONS[a.name];
        const have = shippedVersion === undefined ? undefined : parseVersion(shippedVersion);
        const need = parseVersion(a.version);
        return have !== undefined && need !== undefined && isCompatible(have, need);
      });
      if (satisfied) continue;
      if (shipped.length === 0) report(req.defined, this.messages.notShipped(wanted), 'warning');
      else report(req.defined, this.messages.tooNew(wanted, shipped.map((a) => `${a.name} ${SHIPPED_PLUGIN_VERSIONS[a.name]}`).join(', ')));
    }
  },
});
