// Compliance and the obligation calendar through the UI: the IA officer opens the dashboard, sees the
// violation of 000 第4 3(1) (M-CY-003 has been in use past the end of the working day), opens the
// clause and follows the evidence link to the item; then marks an overdue duty done with its evidence
// (the form checked with axe while open) and sees it done. A staff member has no compliance menu and
// is refused the dashboard, but has the duty calendar.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { signIn } from '../harness.mjs';

const OFFICER = 'sato';
const STAFF = 'tanaka';
const CLAUSE = '000 第4 3(1)';
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

async function signOut(page) {
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await page.getByText('サインアウトしました。').waitFor();
}

async function axe(page, where) {
  await page.evaluate(AXE);
  // eslint-disable-next-line no-undef
  const r = await page.evaluate(() => axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), []);
}

const menu = (page) => page.getByRole('navigation', { name: 'メインメニュー' });

export default async function ({ page, base, shot }) {
  // ---- 1. the dashboard, the violated clause, the record at fault ---------------------------
  await signIn(page, base, OFFICER);
  await menu(page).getByRole('link', { name: 'コンプライアンス' }).click();
  await page.getByRole('heading', { level: 1, name: 'コンプライアンス' }).waitFor();
  const profile = page.locator('[data-testid=profile][data-profile=mod-internal]');
  await profile.waitFor();
  assert.match(await page.getByTestId('share-value').textContent(), /^\d+(\.\d)?%$/);
  // The cyber division has at least one high-severity violation, and a link to its list.
  const cyber = page.locator('[data-testid=unit-row][data-unit=CYBER]');
  assert.ok(Number(await cyber.locator('td[data-severity=high]').textContent()) >= 1);
  await cyber.getByRole('link', { name: /^\d+ 件を表示$/ }).waitFor();

  await profile.getByRole('button', { name: /^違反あり（\d+）$/ }).click();
  const row = page.locator(`[data-testid=clause-row][data-ref="${CLAUSE}"]`);
  await row.locator('[data-state=violated]').waitFor();
  assert.equal(await page.locator('[data-testid=clause-row]:not([data-state=violated])').count(), 0);
  await shot('compliance-dashboard');

  await row.getByRole('link', { name: CLAUSE }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`^${CLAUSE.replace(/[()]/g, '\\$&')} `) }).waitFor();
  const violation = page.locator('[data-testid=violation][data-subject="M-CY-003"]');
  await violation.waitFor();
  assert.match(await violation.textContent(), /M-CY-003/);
  await shot('compliance-clause');
  await violation.getByRole('link', { name: 'M-CY-003' }).click();
  await page.waitForURL(/\/items\/M-CY-003$/);
  await page.getByRole('heading', { level: 1, name: /^M-CY-003/ }).waitFor();

  // ---- 2. an overdue duty, marked done with its evidence --------------------------------------
  await menu(page).getByRole('link', { name: '義務・期限' }).click();
  await page.getByRole('heading', { level: 1, name: '義務・期限' }).waitFor();
  const overdue = page.getByTestId('duties-overdue');
  const first = overdue.locator('[data-testid=duty]').filter({ has: page.getByTestId('open-completion') }).first();
  await first.waitFor();
  const id = await first.getAttribute('data-id');
  const card = page.locator(`[data-testid=duty][data-id="${id}"]`);
  assert.match(await card.getByTestId('duty-due').textContent(), /^令和\d+年\d+月\d+日$/);
  await card.getByTestId('open-completion').click();
  const form = card.getByTestId('completion-form');
  const asksRecord = await form.getByLabel('mamori の記録', { exact: true }).isChecked();
  let evidence;
  if (asksRecord) {
    // A record that does not exist is refused, with the duty's clause.
    await form.getByRole('textbox', { name: /記録の参照/ }).fill('trail:999999');
    await form.getByRole('button', { name: '完了として記録する' }).click();
    const refused = form.locator('.error-box');
    await refused.waitFor();
    assert.match(await refused.getAttribute('data-clause'), /^000 /);
    assert.match(await refused.textContent(), /根拠: 000 /);
    evidence = 'trail:1';
    await form.getByRole('textbox', { name: /記録の参照/ }).fill(evidence);
  } else {
    await form.getByLabel('文書', { exact: true }).check();
    evidence = '情報保証第123号 点検記録';
    await form.getByRole('textbox', { name: /文書の番号・件名/ }).fill(evidence);
  }
  await form.getByLabel('備考', { exact: true }).fill('e2e で完了を記録');
  await axe(page, 'completion form');
  await shot('duty-form');
  await form.getByRole('button', { name: '完了として記録する' }).click();
  await page.getByTestId('duty-done').waitFor();
  const done = page.locator(`[data-testid=duties-done] [data-testid=duty][data-id="${id}"]`);
  await done.waitFor();
  assert.equal(await done.getAttribute('data-status'), 'done');
  assert.ok((await done.getByTestId('duty-evidence').textContent()).includes(evidence));
  assert.equal(await overdue.locator(`[data-testid=duty][data-id="${id}"]`).count(), 0);
  // The reminder e-mails' link opens the occurrence.
  await page.goto(`${base}/duties?id=${id}`);
  await page.locator(`[data-testid=duty][data-id="${id}"].duty-focused`).waitFor();
  await shot('duties');
  await signOut(page);

  // ---- 3. a staff member: no compliance menu, the refusal, but their duties ---------------------
  await signIn(page, base, STAFF);
  await menu(page).getByRole('link', { name: '義務・期限' }).waitFor();
  assert.equal(await menu(page).getByRole('link', { name: 'コンプライアンス' }).count(), 0);
  await page.goto(`${base}/compliance`);
  await page.getByTestId('compliance-denied').waitFor();
  assert.equal(await page.locator('.error-box').count(), 1);
  assert.equal(await page.getByTestId('profile').count(), 0);
  await page.goto(`${base}/duties`);
  await page.getByTestId('duties-overdue').waitFor();
}
