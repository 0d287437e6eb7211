// Accessibility of every main screen, in both languages: axe-core's WCAG 2 A/AA rules (labels,
// names, contrast, landmarks…) with no serious or critical violation, and the sign-in done with
// the keyboard alone. Also checks that English shows no Japanese in labels, buttons, headings
// and table headings (data such as names and unit names may stay Japanese).
import assert from 'node:assert/strict';
import { checkA11y as axe, japaneseLabels, PASSWORD } from '../harness.mjs';

const SCREENS = ['/', '/items', '/items/M-CY-001', '/approvals', '/reconciliations', '/reconciliations/new', '/trail',
  '/admin', '/admin/designations', '/settings', '/compliance', '/compliance/violations',
  `/compliance/clause?profile=mod-internal&ref=${encodeURIComponent('000 第4 3(1)')}`, '/duties', '/duties?scope=units',
  '/rosters', '/training', '/facilities'];
// The rosters of the defense-contractor profile, with their forms, are checked by 60-rosters.
// The facility entry rosters (the refusal here: mod-internal has no 管理責任者) by 62-facility.

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
        const japanese = await japaneseLabels(page);
        assert.equal(japanese.length, 0, `${path} shows Japanese labels in English: ${JSON.stringify(japanese)}`);
      }
    }
  }
}
