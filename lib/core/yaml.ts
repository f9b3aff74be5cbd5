import { yamlLibrary } from './yaml-library';

/**
 * The one serializer for everything written to `dist/` and for YAML embedded in manifests
 * (`valuesContent`). Fixed options so output is byte-identical across runs and machines:
 * - `lineWidth: 0` never folds long lines, so a changed value is a one-line diff;
 * - multi-line strings come out as literal block scalars (`|`), so a one-rule change is a one-hunk diff;
 * - key order is the insertion order of the objects given (cdk8s already sorts its own output).
 */
export function toYaml(value: unknown): string {
  return yamlLibrary().stringify(value, {
    lineWidth: 0,
    minContentWidth: 0,
    blockQuote: 'literal',
    aliasDuplicateObjects: false,
    indentSeq: true,
  });
}

/** Several objects as one multi-document YAML stream, `---` between documents. */
export function toYamlStream(values: readonly unknown[]): string {
  return values.map((value) => toYaml(value)).join('---\n');
}
