// The handler roster gating protected items (001 第5 2(1)エ), through the UI, on the defense-contractor
// demo: shimizu, a new handler whose roster version 2 was submitted to MOD but not confirmed, opens
// P-D1-001 and is refused with the clause; hayashi (管理者, the roster's keeper) opens 名簿, is refused a
// confirmation date before the submission, records MOD's confirmation of version 2, sees version 1
// superseded and version 2 in detail (with its CSV), and checks the screens with axe in both languages;
// shimizu then opens P-D1-001.
import assert from 'node:assert/strict';
import { checkA11y, inEnglish, signIn, signOut } from '../harness.mjs';

export const demoProfile = 'defense-contractor';

const ITEM = 'P-D1-001';
const CLAUSE = '001 第5 2(1)エ';
const REFERENCE = '防衛装備庁 調達管理課 確認通知 第R8-0999号';

const menu = (page) => page.getByRole('navigation', { name: 'メインメニュー' });
const versionRow = (page, n) => page.locator(`[data-testid=version-row][data-version="${n}"]`);
// Today in the organization's zone, as a date field takes it.
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());

export default async function ({ page, base, shot }) {
  // ---- 1. not yet confirmed: the protected item is refused, with the clause --------------------------
  await signIn(page, base, 'shimizu');
  assert.equal(await menu(page).getByRole('link', { name: '名簿', exact: true }).count(), 0);
  await page.goto(`${base}/items/${ITEM}`);
  const refused = page.getByTestId('protected-refusal');
  await refused.waitFor();
  assert.equal(await refused.getAttribute('data-rule'), 'people.not_confirmed');
  await refused.getByRole('heading', { name: 'この媒体・機器は保護すべき情報を含むため、開けません。' }).waitFor();
  const box = refused.locator('.error-box');
  assert.equal(await box.getAttribute('data-clause'), CLAUSE);
  assert.match(await box.textContent(), /防衛省の確認を受けた取扱者名簿に記載されるまで、保護すべき情報を取り扱うことはできません。/);
  assert.match(await box.textContent(), /根拠: 001 第5 2\(1\)エ/);
  assert.equal(await page.getByTestId('item-state').count(), 0);
  await checkA11y(page, 'protected item refused');
  await shot('rosters-item-refused');
  await signOut(page);

  // ---- 2. the keeper records MOD's confirmation of version 2 ---------------------------------------
  await signIn(page, base, 'hayashi');
  await menu(page).getByRole('link', { name: '名簿', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: '名簿' }).waitFor();
  const v2 = versionRow(page, 2);
  await v2.waitFor();
  assert.equal(await v2.getAttribute('data-state'), 'submitted');
  assert.match(await v2.textContent(), /防衛省へ提出済み/);
  assert.equal(await versionRow(page, 1).getAttribute('data-state'), 'confirmed');
  await page.getByText('最新の版から変更はありません。').waitFor();
  await checkA11y(page, 'rosters');

  await v2.getByRole('button', { name: '防衛省の確認を記録' }).click();
  const form = page.getByTestId('confirm-form');
  assert.equal(await form.getByLabel(/確認日/).inputValue(), today());
  // A confirmation dated before the submission is refused, citing the roster's clause.
  await form.getByLabel(/確認日/).fill('2020-04-01');
  await form.getByLabel(/確認の文書番号等/).fill(REFERENCE);
  await form.getByRole('button', { name: '確認を記録する' }).click();
  const refusal = form.locator('.error-box');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('data-rule'), 'roster.confirmed_before_submission');
  assert.equal(await refusal.getAttribute('data-clause'), CLAUSE);
  assert.match(await refusal.textContent(), /確認日が提出日より前です。/);
  assert.equal(await v2.getAttribute('data-state'), 'submitted');
  await checkA11y(page, 'confirmation form, refused');
  await shot('rosters-confirm-refused');

  await form.getByLabel(/確認日/).fill(today());
  await form.getByRole('button', { name: '確認を記録する' }).click();
  await page.getByText('第2版に防衛省の確認を記録しました。').waitFor();
  await page.locator('[data-testid=version-row][data-version="2"][data-state=confirmed]').waitFor();
  assert.match(await v2.getByTestId('confirmation').textContent(), /防衛装備庁 調達管理課 確認通知 第R8-0999号/);
  assert.equal(await versionRow(page, 1).getAttribute('data-state'), 'superseded');
  assert.match(await versionRow(page, 1).textContent(), /旧版/);
  assert.equal(await page.getByRole('button', { name: '防衛省の確認を記録' }).count(), 0);
  await shot('rosters');

  // Version 2 in detail: shimizu listed as 取扱者, and the form file.
  await v2.getByRole('link', { name: '第2版を表示' }).click();
  await page.getByRole('heading', { level: 1, name: '取扱者名簿 第2版' }).waitFor();
  const shimizu = page.getByTestId('entry').filter({ hasText: '清水 大樹' });
  await shimizu.waitFor();
  assert.equal(await shimizu.getByTestId('entry-roles').textContent(), '取扱者');
  const csvHref = await page.getByTestId('roster-export').locator('a[data-format=csv]').getAttribute('href');
  const csv = await page.request.get(base + csvHref);
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'], /^text\/csv/);
  assert.match(await csv.text(), /清水 大樹/);
  await checkA11y(page, 'roster version');
  await shot('roster-version');
  const personHref = await shimizu.getByRole('link', { name: '清水 大樹' }).getAttribute('href');
  await shimizu.getByRole('link', { name: '清水 大樹' }).click();
  await page.getByRole('heading', { level: 1, name: '合意・記載事項' }).waitFor();
  await page.getByTestId('person').getByText('清水 大樹').waitFor();
  const agreement = page.locator('[data-testid=agreement][data-kind=confidentiality][data-ended=false]');
  await agreement.waitFor();
  assert.match(await agreement.textContent(), /\(ア\) \(イ\) \(ウ\)/);
  await checkA11y(page, 'person record');
  await shot('person-record');

  // The same screens in English.
  await page.getByTestId('lang-switch').selectOption('en');
  await inEnglish(page, base, '/rosters');
  await inEnglish(page, base, '/rosters?roster=system_user');
  await inEnglish(page, base, '/rosters/handler/versions/2');
  await inEnglish(page, base, personHref);
  await page.getByTestId('lang-switch').selectOption('ja');
  await signOut(page);

  // ---- 3. confirmed: shimizu opens the protected item ------------------------------------------------
  await signIn(page, base, 'shimizu');
  await page.goto(`${base}/items/${ITEM}`);
  await page.getByRole('heading', { level: 1, name: new RegExp(`^${ITEM}`) }).waitFor();
  await page.getByTestId('item-state').waitFor();
  assert.equal(await page.getByTestId('protected-refusal').count(), 0);
  await shot('rosters-item-opened');
}
