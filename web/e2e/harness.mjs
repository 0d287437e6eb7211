// End-to-end harness: a fresh demo organization (`mamori demo`) in a temp directory, the real
// `mamori serve` on an ephemeral loopback port serving web/dist, and Debian's Chromium driven by
// playwright-core (never a downloaded browser). Every page is watched for script errors and
// Content-Security-Policy violations, which fail the spec.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const here = dirname(fileURLToPath(import.meta.url));
export const WEB_DIR = resolve(here, '..');
export const ARTIFACTS = join(here, 'artifacts');
export const BINARY = process.env.MAMORI_BINARY ?? resolve(WEB_DIR, '../build/mamori');
export const PASSWORD = 'mamori-demo-2026';

/**
 * Builds a demo organization and serves it. `profile` chooses the demo (`mamori demo --profile`); without
 * it, the default demo (mod-internal).
 */
export async function startServer({ profile } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-e2e-'));
  const varDir = join(dir, 'var');
  const demoArgs = ['demo', '--var', varDir, ...(profile ? ['--profile', profile] : [])];
  const demo = spawnSync(BINARY, demoArgs, { encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(`mamori demo failed: ${demo.stderr}`);
  const proc = spawn(BINARY, ['serve', '--var', varDir, '--port', '0', '--web', join(WEB_DIR, 'dist')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const base = await new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`server did not start: ${stderr}`)), 30_000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    proc.on('exit', (code) => fail(new Error(`server exited ${code}: ${stderr}`)));
  });
  return {
    base,
    varDir,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/** A page whose script errors and CSP violations are collected in `problems`. */
export async function watchedPage(context, problems) {
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(text))
      problems.push(`console error: ${text}`);
    if (/Content Security Policy/i.test(text)) problems.push(`CSP: ${text}`);
  });
  return page;
}

export function artifactsDir() {
  mkdirSync(ARTIFACTS, { recursive: true });
  return ARTIFACTS;
}

/** Signs in through the form, in whatever language the page shows. */
export async function signIn(page, base, username, password = PASSWORD) {
  await page.goto(base + '/');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.locator('[data-testid=who]').waitFor();
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2 A/AA rules on the page: fails on any serious or critical violation. */
export async function checkA11y(page, where) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`),
    [],
  );
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
// Clause references and form names stay as the regulations print them in every language.
const CLAUSE = /\b00\d (第[^\s,、()（）]*(?:\([^\s,、()（）]*\)[^\s,、()（）]*)*|§[^\s,、()（）]*(?:\([^\s,、()（）]*\)[^\s,、()（）]*)*)( (?=[\d(])[^\s,、()（）]*(?:\([^\s,、()（）]*\)[^\s,、()（）]*)*)?|, 第[^\s,、()（）]*(?:\([^\s,、()（）]*\)[^\s,、()（）]*)*|別紙様式[^\s,、()（）]*(?:\([^\s,、()（）]*\)[^\s,、()（）]*)*/g;

/**
 * The labels, buttons, headings, table headings, captions, legends and menu links showing Japanese on a
 * page in English: each element's own text without the options of a select inside a label and without
 * elements marked as data (data-value), e.g. a unit name inside a heading.
 */
export async function japaneseLabels(page) {
  const labels = await page.locator('label, button, h1, h2, h3, th, caption, legend, nav a').evaluateAll((els) =>
    els.map((e) => {
      const c = e.cloneNode(true);
      c.querySelectorAll('select, [data-value]').forEach((x) => x.remove());
      return c.hasAttribute('data-value') ? '' : (c.textContent ?? '');
    }),
  );
  return labels.filter((t) => JAPANESE.test(t.replace(CLAUSE, '')));
}

/** Signs out from the header (Japanese or English) and waits for the sign-in form. */
export async function signOut(page) {
  await page.getByRole('button', { name: /^(サインアウト|Sign out)$/ }).click();
  await page.locator('input[name=username]').waitFor();
}

/**
 * Opens `path` (the page already in English), waits for it to settle, runs the axe checks and asserts
 * that no label shows Japanese.
 */
export async function inEnglish(page, base, path) {
  await page.goto(base + path);
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  await checkA11y(page, `en ${path}`);
  assert.deepEqual(await japaneseLabels(page), [], `${path} shows Japanese labels in English`);
}
