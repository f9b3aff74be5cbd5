import * as fs from 'node:fs';
import { parseAllDocuments, Parser, Composer, parse } from 'yaml';
import { UPSTREAM_RULE_FILES } from './test/support/shared-dir';
const texts = UPSTREAM_RULE_FILES.map((p) => fs.readFileSync(p, 'utf8'));
function bench(name: string, f: () => unknown) { for (let i = 0; i < 5; i++) f(); const ts: number[] = []; for (let i = 0; i < 15; i++) { const s = performance.now(); f(); ts.push(performance.now() - s); } ts.sort((a, b) => a - b); console.log(name, ts[7]!.toFixed(1)); }
bench('cst', () => texts.map((t) => [...new Parser().parse(t)]));
bench('compose', () => texts.map((t) => [...new Composer().compose(new Parser().parse(t))]));
bench('parseAll', () => texts.map((t) => parseAllDocuments(t)));
bench('parseAll uniqueKeys false', () => texts.map((t) => parseAllDocuments(t, { uniqueKeys: false, prettyErrors: false })));
bench('parse toJS', () => texts.map((t) => parse(t)));
