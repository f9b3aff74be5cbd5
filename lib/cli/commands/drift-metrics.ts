/** One sample of Prometheus' text exposition format. */
export interface PrometheusSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: string;
}

/** Why a payload is not Prometheus text: the 1-based line and what is wrong. */
export class PrometheusTextError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const VALUE = /^(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?Inf|NaN)$/;
const TIMESTAMP = /^-?\d+$/;

/**
 * Parses Prometheus' text exposition format 0.0.4 (prometheus.io/docs/instrumenting/exposition_formats,
 * what Falco's webserver serves: `text/plain; version=0.0.4`, falcosecurity/falco@0.44.1:
 * userspace/falco/falco_metrics.cpp:77): `# HELP`/`# TYPE`/comment lines, and samples
 * `name{label="value",...} value [timestamp]` with `\\`, `\"` and `\n` escapes in label values.
 * Throws `PrometheusTextError` at the first line that is neither.
 */
export function parsePrometheusText(text: string): PrometheusSample[] {
  const samples: PrometheusSample[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) return;
    const fail = (reason: string): never => {
      throw new PrometheusTextError(index + 1, reason);
    };
    const name = NAME.exec(line)?.[0] ?? fail(`expected a metric name, got ${JSON.stringify(line.slice(0, 40))}`);
    let rest = line.slice(name.length);
    const labels: Record<string, string> = {};
    if (rest.startsWith('{')) {
      rest = rest.slice(1).trimStart();
      while (!rest.startsWith('}')) {
        const label = LABEL_NAME.exec(rest)?.[0] ?? fail(`expected a label name in ${name}{...}`);
        rest = rest.slice(label.length).trimStart();
        if (!rest.startsWith('="')) fail(`expected ="..." after label ${label}`);
        rest = rest.slice(2);
        let value = '';
        for (;;) {
          const c = rest[0];
          if (c === undefined) fail(`unterminated value of label ${label}`);
          if (c === '"') break;
          if (c === '\\') {
            const e = rest[1];
            if (e === '\\' || e === '"') value += e;
            else if (e === 'n') value += '\n';
            else fail(`unknown escape \\${e ?? ''} in label ${label}`);
            rest = rest.slice(2);
          } else {
            value += c;
            rest = rest.slice(1);
          }
        }
        labels[label] = value;
        rest = rest.slice(1).trimStart();
        if (rest.startsWith(',')) rest = rest.slice(1).trimStart();
        else if (!rest.startsWith('}')) fail(`expected , or } after label ${label}`);
      }
      rest = rest.slice(1);
    }
    const parts = rest.trim().split(/\s+/);
    if (!/^\s/.test(rest) || parts.length < 1 || parts.length > 2 || !VALUE.test(parts[0] ?? '') || (parts[1] !== undefined && !TIMESTAMP.test(parts[1]))) {
      fail(`expected a sample value after ${name}`);
    }
    samples.push({ name, labels, value: parts[0] ?? '' });
  });
  return samples;
}
