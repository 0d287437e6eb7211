// The initial-JavaScript budget (issue: under 300 KB gzipped): sums the gzipped size of every
// script index.html loads up front (its module entry and modulepreloads) and of its CSS.
// Prints JSON; exits 1 when over budget. Usage: node scripts/budget.mjs [--out FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 300;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const refs = (re) => [...html.matchAll(re)].map((m) => m[1]);
const scripts = [...refs(/<script[^>]+src="([^"]+)"/g), ...refs(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)];
const styles = refs(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g);
const size = (path) => {
  const bytes = readFileSync(join(dist, path.replace(/^\//, '')));
  return { file: path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const js = scripts.map(size);
const css = styles.map(size);
const sum = (xs, k) => xs.reduce((a, x) => a + x[k], 0);
const report = {
  budget_kb: BUDGET_KB,
  js_raw: sum(js, 'raw'),
  js_gzip: sum(js, 'gzip'),
  css_gzip: sum(css, 'gzip'),
  files: [...js, ...css],
  met: sum(js, 'gzip') <= BUDGET_KB * 1024,
};
const text = JSON.stringify(report, null, 2);
const out = process.argv.indexOf('--out');
if (out > 0) writeFileSync(process.argv[out + 1], text + '\n');
console.log(text);
process.exit(report.met ? 0 : 1);
