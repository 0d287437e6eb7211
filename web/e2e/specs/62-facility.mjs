// The facility entry roster (001 第8 2(1)ウ〜オ) and escorted visits (2(5)), through the UI, on the
// defense-contractor demo: ueda (no role) finds no menu entry and is refused the rosters with the clause;
// hayashi (管理責任者) opens the protected information room's roster, requests a permit for kimura, records
// a review and approves an escorted visit; ikeda (保護システム管理者) consents, sees the certificate number,
// and the roster — on screen and as the CSV form — lists kimura with it. Axe in both languages.
import assert from 'node:assert/strict';
import { checkA11y, japaneseLabels, signIn, signOut } from '../harness.mjs';

export const demoProfile = 'defense-contractor';

const CLAUSE = '001 第8 2(1)ウ';
const ROOM = '第1設計課 保護情報取扱室';
const PURPOSE = '装備品Xの設計審査への立会い';
const CERTIFICATE = /立入許可第\d{4}-\d{4}号/;

const menu = (page) => page.getByRole('navigation', { name: 'メインメニュー' });
const permitRow = (page, name) => page.getByTestId('permit-row').filter({ has: page.locator('th', { hasText: name }) });
// Today in the organization's zone, as a date field takes it.
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());

async function openRoom(page) {
  await menu(page).getByRole('link', { name: '立入名簿' }).click();
  await page.getByRole('heading', { level: 1, name: '取扱施設等立入名簿' }).waitFor();
  const room = page.getByTestId('facility-row').filter({ hasText: ROOM });
  assert.match(await room.textContent(), /取扱施設/);
  await room.getByRole('link', { name: `${ROOM}の立入名簿を開く` }).click();
  await page.getByRole('heading', { level: 1, name: `${ROOM} 立入名簿` }).waitFor();
  await page.getByTestId('permits').waitFor();
}

export default async function ({ page, base, shot }) {
  // ---- 1. someone without the roles: no menu entry, and the server's refusal with its clause ---------
  await signIn(page, base, 'ueda');
  assert.equal(await menu(page).getByRole('link', { name: '立入名簿' }).count(), 0);
  await page.goto(`${base}/facilities`);
  await page.getByTestId('facility-denied').waitFor();
  const denied = page.locator('.error-box');
  assert.equal(await denied.getAttribute('data-clause'), CLAUSE);
  assert.equal(await denied.getAttribute('data-rule'), 'authz.denied');
  assert.match(await denied.textContent(), /取扱施設等立入名簿を閲覧できるのは管理責任者と保護システム管理者です。/);
  assert.equal(await page.getByTestId('facilities').count(), 0);
  await checkA11y(page, 'facilities refused');
  await shot('facility-refused');
  await signOut(page);

  // ---- 2. the 管理責任者 requests a permit, records a review, approves an escorted visit ---------------
  await signIn(page, base, 'hayashi');
  await openRoom(page);
  assert.equal(await permitRow(page, '清水 大樹').getAttribute('data-state'), 'pending_consent');
  assert.match(await permitRow(page, '森 彩').getByTestId('certificate').textContent(), CERTIFICATE);
  assert.equal(await page.getByRole('button', { name: /同意して許可証を発行/ }).count(), 0);
  const request = page.getByTestId('request-form');
  await request.getByLabel(/立ち入る者/).selectOption({ label: '木村 玲子' });
  await request.getByLabel(/立入りの目的/).fill(PURPOSE);
  await request.getByRole('button', { name: '立入許可を申請' }).click();
  await page.getByText('木村 玲子の立入許可を申請しました。保護システム管理者の同意を待っています。').waitFor();
  const kimura = permitRow(page, '木村 玲子');
  assert.equal(await kimura.getAttribute('data-state'), 'pending_consent');
  assert.match(await kimura.textContent(), new RegExp(PURPOSE));
  assert.match(await kimura.getByTestId('requested').textContent(), /林 修/); // named by the roster itself

  await page.getByRole('button', { name: '見直しを記録' }).click();
  await page.getByTestId('review-form').getByLabel(/見直しの結果/).fill('全員の業務上の必要を確認した。木村を追加申請。');
  await page.getByRole('button', { name: '見直しを記録する' }).click();
  await page.getByText('立入名簿の見直しを記録しました。').waitFor();
  assert.match(await page.getByTestId('last-review').textContent(), /木村を追加申請/);

  const visit = page.getByTestId('visit-form');
  assert.equal(await visit.getByLabel(/同行して監視する者/).inputValue(), await visit.getByLabel(/同行して監視する者/).locator('option', { hasText: '森 彩' }).getAttribute('value'));
  await visit.getByLabel(/立ち入る者の氏名/).fill('佐々木 一郎');
  await visit.getByLabel(/立ち入る者の所属/).fill('株式会社テスト空調');
  await visit.getByLabel(/立入りの目的/).fill('空調設備の点検');
  assert.equal(await visit.getByLabel(/立入りの日/).inputValue(), today());
  await visit.getByRole('button', { name: '立入りを承認する' }).click();
  await page.getByText(/^佐々木 一郎の.*の立入りを承認しました。$/).waitFor();
  const visitRow = page.getByTestId('visit-row').filter({ hasText: '佐々木 一郎' });
  assert.match(await visitRow.textContent(), /森 彩/);
  await checkA11y(page, 'entry roster, keeper');
  await shot('facility-keeper');
  await signOut(page);

  // ---- 3. the 保護システム管理者 consents; the certificate number is issued ---------------------------------
  await signIn(page, base, 'ikeda');
  await openRoom(page);
  assert.equal(await page.getByTestId('request-form').count(), 0);
  assert.equal(await page.getByRole('button', { name: /取り消す/ }).count(), 0);
  await permitRow(page, '木村 玲子').getByRole('button', { name: '木村 玲子の立入りに同意して許可証を発行' }).click();
  const notice = page.getByText(/^木村 玲子の立入りに同意し、立入許可証 立入許可第\d{4}-\d{4}号 を発行しました。$/);
  await notice.waitFor();
  const issued = CERTIFICATE.exec(await notice.textContent())[0];
  await page.locator('[data-testid=permit-row][data-state=granted]', { hasText: '木村 玲子' }).waitFor();
  assert.equal(await permitRow(page, '木村 玲子').getByTestId('certificate').textContent(), issued);
  assert.match(await permitRow(page, '木村 玲子').getByTestId('consented').textContent(), /池田 恵/);
  await checkA11y(page, 'entry roster, consenter');
  await shot('facility-consented');

  // The roster's form lists kimura with the certificate.
  const csvHref = await page.getByTestId('roster-export').locator('a[data-format=csv]').getAttribute('href');
  const csv = await page.request.get(base + csvHref);
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'], /^text\/csv/);
  const text = await csv.text();
  assert.match(text, /木村 玲子/);
  assert.ok(text.includes(issued), `the CSV lists ${issued}`);

  // The same screens in English.
  const rosterPath = new URL(page.url()).pathname;
  await page.getByTestId('lang-switch').selectOption('en');
  for (const path of ['/facilities', rosterPath]) {
    await page.goto(base + path);
    await page.locator('main h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    await checkA11y(page, `en ${path}`);
    assert.deepEqual(await japaneseLabels(page), [], `${path} shows Japanese labels in English`);
  }
  await page.getByTestId('lang-switch').selectOption('ja');
}
