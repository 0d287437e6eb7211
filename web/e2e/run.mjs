// Runs every spec in e2e/specs (sorted by name), each against its own fresh server and browser
// context. Usage: node e2e/run.mjs [name-filter]. Screenshots go to e2e/artifacts/. A spec exporting
// `demoProfile` runs against that profile's demo organization (`mamori demo --profile`).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { artifactsDir, launchBrowser, startServer, watchedPage } from './harness.mjs';

const specsDir = join(dirname(fileURLToPath(import.meta.url)), 'specs');
const filter = process.argv[2] ?? '';
const specs = readdirSync(specsDir)
  .filter((f) => f.endsWith('.mjs') && f.includes(filter))
  .sort();

const browser = await launchBrowser();
let failed = 0;
for (const file of specs) {
  const started = Date.now();
  let spec;
  try {
    spec = await import(pathToFileURL(join(specsDir, file)).href);
  } catch (e) {
    failed++;
    console.log(`FAIL ${file}\n${e.stack ?? e}`);
    continue;
  }
  const server = await startServer({ profile: spec.demoProfile });
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  const problems = [];
  const others = [];
  const shots = artifactsDir();
  try {
    const page = await watchedPage(context, problems);
    await spec.default({
      page,
      context,
      base: server.base,
      server,
      newPage: () => watchedPage(context, problems),
      /** A page in a separate browser context (its own cookies: another device). */
      otherDevice: async () => {
        const c = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
        c.setDefaultTimeout(15_000);
        others.push(c);
        return watchedPage(c, problems);
      },
      shot: (name, p = page) => p.screenshot({ path: join(shots, `${name}.png`), fullPage: true }),
    });
    if (problems.length) throw new Error(problems.join('\n'));
    console.log(`ok   ${file} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${file}\n${e.stack ?? e}`);
    try {
      const pages = context.pages();
      if (pages.length) await pages[pages.length - 1].screenshot({ path: join(shots, `FAILED-${file}.png`), fullPage: true });
    } catch {
      /* the page may be gone */
    }
  } finally {
    for (const c of others) await c.close();
    await context.close();
    await server.stop();
  }
}
await browser.close();
console.log(`${specs.length - failed}/${specs.length} e2e specs passed`);
process.exit(failed ? 1 : 0);
