// Accessibility of every main screen, in both languages: axe-core's WCAG 2 A/AA rules (labels,
// names, contrast, landmarks…) with no serious or critical violation, and the sign-in done with
// the keyboard alone. Also checks that English shows no Japanese in labels, buttons, headings
// and table headings (data such as names and unit names may stay Japanese).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { PASSWORD } from '../harness.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SCREENS = ['/', '/items', '/items/M-CY-001', '/approvals', '/reconciliations', '/reconciliations/new', '/trail',
  '/admin', '/admin/designations', '/settings', '/compliance', '/compliance/violations',
  `/compliance/clause?profile=mod-internal&ref=${encodeURIComponent('000 第4 3(1)')}`, '/duties', '/duties?scope=units'];
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
// Clause references and form names stay as the regulations print them in every language.
const CLAUSE = /\b00\d (第[^\s,、)）]*|§[^\s,、)）]*)( [\d(][^\s,、)）]*)?|, 第[^\s,、)）]*|別紙様式[^\s,、)）]*/g;

async function axe(page, where) {
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

async function settle(page) {
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
}

export default async function ({ page, base }) {
  // Keyboard only: the user-name field has focus; type, Tab, type, Enter.
  await page.goto(base + '/');
  await axe(page, 'sign-in');
  await page.keyboard.type('sato');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=who]').waitFor();
  // The skip link is the first stop and moves focus to the content.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip');

  for (const lang of ['ja', 'en']) {
    await page.getByTestId('lang-switch').selectOption(lang);
    for (const path of SCREENS) {
      await page.goto(base + path);
      await settle(page);
      await axe(page, `${lang} ${path}`);
      if (lang === 'en') {
        // Own text of each label-like element: without the options of a select inside a label, and
        // without elements marked as data (data-value), e.g. a unit name inside a heading.
        const labels = await page.locator('label, button, h1, h2, h3, th, caption, legend, nav a').evaluateAll((els) =>
          els.map((e) => {
            const c = e.cloneNode(true);
            c.querySelectorAll('select, [data-value]').forEach((x) => x.remove());
            return c.hasAttribute('data-value') ? '' : (c.textContent ?? '');
          }),
        );
        const japanese = labels.filter((t) => JAPANESE.test(t.replace(CLAUSE, '')));
        assert.equal(japanese.length, 0, `${path} shows Japanese labels in English: ${JSON.stringify(japanese)}`);
      }
    }
  }
}
