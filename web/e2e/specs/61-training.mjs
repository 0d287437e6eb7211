// Training records (001 第7), through the UI, on the defense-contractor demo: ueda (no designation) is
// refused the screen with the clause; kimura (総括者: training.record everywhere) sees 阿部 overdue as the
// server judges it (the rule of 001 第7 1: designated more than 30 days ago, never trained) with the
// deadline that passed, is refused a session that leaves out content items of 001 第7 1, records the session
// with 阿部 attending, and sees him attended and no longer overdue, the session in the 教育実施状況記録
// and in its CSV and XLSX; the screen is checked with axe in both languages.
import assert from 'node:assert/strict';
import { checkA11y, japaneseLabels, signIn, signOut } from '../harness.mjs';

export const demoProfile = 'defense-contractor';

const CONTENT = '新任の保護システム利用者への情報セキュリティ教育';
const abeRow = (page) => page.getByTestId('status-row').filter({ hasText: '阿部 健太' });
// Today in the organization's zone, as a date field takes it.
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());

async function openTraining(page, base) {
  await page.goto(base + '/training');
  await page.getByRole('heading', { level: 1, name: /^(教育|Training)$/ }).waitFor();
}

export default async function ({ page, base, shot }) {
  // ---- 1. no designation: the server's refusal, with the clause -------------------------------------
  await signIn(page, base, 'ueda');
  await openTraining(page, base);
  await page.getByTestId('training-denied').waitFor();
  const denied = page.locator('.error-box');
  assert.equal(await denied.getAttribute('data-rule'), 'authz.denied');
  assert.equal(await denied.getAttribute('data-clause'), '001 第7 4');
  assert.match(await denied.textContent(), /教育の記録を閲覧する指定がありません。/);
  await checkA11y(page, 'training refused');
  await signOut(page);

  // ---- 2. the 総括者 sees 阿部 overdue ----------------------------------------------------------------
  await signIn(page, base, 'kimura');
  await openTraining(page, base);
  const abe = abeRow(page);
  await abe.waitFor();
  assert.equal(await abe.getAttribute('data-overdue'), 'true');
  // The yearly training (001 第7 1) and the training his new designation calls for (第7 3, its duty due 30
  // days after it), which a session of the yearly one also completes.
  assert.equal(await abe.locator('td[data-state=overdue]').count(), 2);
  for (const due of await abe.locator('td[data-state=overdue] [data-testid=due-on]').allTextContents())
    assert.match(due, /^期限: 令和\d+年\d+月\d+日$/);
  assert.match(await page.getByTestId('overdue-count').textContent(), /期限を過ぎている職員: 1名/);
  const before = await page.getByTestId('session-row').count();
  await page.waitForLoadState('networkidle');
  await checkA11y(page, 'training');
  await shot('training-overdue');

  // ---- 3. a session leaving out content items of 001 第7 1 is refused, with the clause ---------------
  const form = page.getByTestId('session-form');
  assert.match(await form.getByLabel(/教育の種類/).locator('option:checked').textContent(), /取扱者への教育及び訓練（年1回以上）（001 第7 1）/);
  assert.equal(await form.getByLabel(/^実施日/).inputValue(), today());
  await form.getByLabel(/^実施者/).fill('木村 玲子（防衛事業部長）');
  await form.getByLabel(/^実施手段/).fill('集合教育');
  await form.getByLabel(/^局・課/).selectOption({ label: '情報システム部' });
  await form.getByLabel(/^室又はグループ/).fill('情報システム部');
  await form.getByLabel(/被教育者（対象者）/).fill('保護システム利用者');
  await form.getByLabel(/教育内容（概要）/).fill(CONTENT);
  await form.getByTestId('attendees-field').getByLabel(/阿部 健太/).check();
  const items = form.getByTestId('contents').getByRole('checkbox');
  assert.equal(await items.count(), 7);
  await items.nth(0).check();
  await form.getByRole('button', { name: '記録する' }).click();
  const refusal = form.locator('.error-box');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('data-rule'), 'training.content_missing');
  assert.equal(await refusal.getAttribute('data-clause'), '001 第7 1');
  assert.match(await refusal.textContent(), /扱わなければならない内容が含まれていません: need to know の原則の確実な履行（001 第7 1\(2\)）/);
  assert.equal(await page.getByTestId('session-row').count(), before);
  await checkA11y(page, 'training form, refused');
  await shot('training-refused');

  // ---- 4. every item covered: recorded; 阿部 attended, nobody overdue --------------------------------
  for (let i = 1; i < 7; i++) await items.nth(i).check();
  await form.getByRole('button', { name: '記録する' }).click();
  await page.getByText(/教育の実施を記録しました（記録 #\d+、1名）。/).waitFor();
  await page.locator('[data-testid=status-row]:has-text("阿部 健太") td[data-state=done]').first().waitFor();
  assert.equal(await abeRow(page).locator('td[data-state=done]').count(), 2);
  assert.equal(await abeRow(page).getAttribute('data-overdue'), null);
  await page.getByText('期限を過ぎている職員はいません。').waitFor();
  const session = page.getByTestId('session-row').filter({ hasText: CONTENT });
  await session.waitFor();
  assert.equal(await page.getByTestId('session-row').count(), before + 1);
  assert.match(await session.textContent(), /保護システム利用者（1名）/);
  assert.equal(await session.getByTestId('attendees').textContent(), '阿部 健太');
  await checkA11y(page, 'training recorded');
  await shot('training');

  // The form as the regulation prints it: CSV and XLSX.
  const links = page.getByTestId('record-links');
  const csv = await page.request.get(base + (await links.locator('a[data-format=csv]').getAttribute('href')));
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'], /^text\/csv/);
  const text = await csv.text();
  assert.match(text, /教育実施状況記録/);
  assert.match(text, new RegExp(CONTENT));
  assert.match(text, /保護システム利用者（1名）/);
  const xlsx = await page.request.get(base + (await links.locator('a[data-format=xlsx]').getAttribute('href')));
  assert.equal(xlsx.status(), 200);
  assert.match(xlsx.headers()['content-type'], /spreadsheetml/);
  assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');

  // ---- 5. the screen in English ----------------------------------------------------------------------
  await page.getByTestId('lang-switch').selectOption('en');
  await openTraining(page, base);
  await page.getByTestId('sessions').waitFor();
  await page.waitForLoadState('networkidle');
  await checkA11y(page, 'en /training');
  assert.deepEqual(await japaneseLabels(page), [], '/training shows Japanese labels in English');
  await page.getByTestId('lang-switch').selectOption('ja');
}
