// The rest of a month of media work, through the UI only, as the people who do it: a loan
// requested by staff and approved from the 部隊等情報保証責任者's inbox, the borrower recorded, a copy of
// business data at the borrower approved, the return, the data check by the assistant, the audit
// officer reading the item's trail with a verified inclusion proof, and the 管理簿 exported with the
// whole story in it. (10-ledger covers use/return, take-out and destruction with a witness;
// 20-work covers reconciliation.)
import assert from 'node:assert/strict';
import { signIn } from '../harness.mjs';

const NO = 'M-CY-008';

async function signOut(page) {
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await page.getByText('サインアウトしました。').waitFor();
}

async function expectState(page, text) {
  await page.getByTestId('item-state').filter({ hasText: text }).waitFor();
}

function dayJst(offsetDays) {
  return new Date(Date.now() + 9 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function openItemAction(page, base, action) {
  await page.goto(`${base}/items/${NO}`);
  await page.getByRole('link', { name: action }).click();
  await page.getByRole('heading', { level: 1, name: `${action}: ${NO}` }).waitFor();
}

export default async function ({ page, base, shot }) {
  // ---- 1. tanaka asks to lend the medium (000 第4 4(1)) -------------------------------------
  await signIn(page, base, 'tanaka');
  await openItemAction(page, base, '持出し・貸出しを申請');
  await page.getByLabel('貸出し', { exact: true }).check();
  await page.getByLabel('使用目的').fill('共同訓練資料の提供');
  await page.getByLabel('期間（開始）').fill(`${dayJst(1)}T09:00`);
  await page.getByLabel('期間（終了）').fill(`${dayJst(3)}T18:00`);
  await page.getByRole('textbox', { name: /^持出し・貸出し先/ }).fill('統合幕僚監部');
  await page.getByLabel('持出し・貸出し目的').fill('共同訓練');
  await page.getByLabel('持出し・貸出し先で必要のないデータを消去した').check();
  await page.getByRole('button', { name: '記入する' }).click();
  await page.waitForURL(new RegExp(`/items/${NO}$`));
  await expectState(page, '持出し・貸出し許可待ち');
  await signOut(page);

  // ---- 2. suzuki approves it from the inbox (000 第4 4(2)) ---------------------------------
  await signIn(page, base, 'suzuki');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '承認' }).click();
  const card = page.locator(`[data-testid=approval][data-control-no="${NO}"]`);
  await card.getByText('統合幕僚監部').waitFor();
  await card.getByLabel('必要なデータ以外が保存されていないことを確認した').check();
  // A loan may be copied from at the borrower with approval, so no no-copy instruction is asked.
  assert.equal(await card.getByLabel('業務用データを複製しないよう指導した').count(), 0);
  await card.getByRole('button', { name: '許可する' }).click();
  await page.getByTestId('approvals-done').waitFor();
  await signOut(page);

  // ---- 3. tanaka records the borrower and a copy made at the borrower (000 第4 5(1)) -------
  await signIn(page, base, 'tanaka');
  await openItemAction(page, base, '貸出し相手を記入');
  await page.getByRole('textbox', { name: /^貸出し相手/ }).fill('統合幕僚監部 山田 太郎');
  await page.getByRole('button', { name: '記入する' }).click();
  await page.waitForURL(new RegExp(`/items/${NO}$`));
  await openItemAction(page, base, '複製を記入');
  await page.getByLabel('複製する業務用データの内容').fill('訓練計画（案）');
  await page.getByLabel('複製する相手方').fill('統合幕僚監部 山田 太郎');
  await page.getByLabel('複製の目的').fill('訓練準備');
  await shot('copy-form');
  await page.getByRole('button', { name: '記入する' }).click();
  await page.waitForURL(new RegExp(`/items/${NO}$`));
  await signOut(page);

  // ---- 4. suzuki approves the copy (000 第4 5(2)) ------------------------------------------
  await signIn(page, base, 'suzuki');
  await page.goto(`${base}/items/${NO}`);
  await page.getByRole('link', { name: /複製を許可・不許可/ }).first().click();
  await page.getByLabel('許可する').check();
  await page.getByLabel('その他の業務用データを複製しないよう指導した').check();
  await page.getByRole('button', { name: '決裁を記入する' }).click();
  await page.waitForURL(new RegExp(`/items/${NO}$`));
  const copies = page.locator('table.copies');
  await copies.filter({ hasText: '訓練計画（案）' }).waitFor();
  assert.match(await copies.textContent(), /許可/);
  await signOut(page);

  // ---- 5. tanaka returns it; takahashi checks it for data (000 第4 3(2)) --------------------
  await signIn(page, base, 'tanaka');
  await openItemAction(page, base, '返却する');
  await page.getByRole('button', { name: '返却する' }).click();
  await page.waitForURL(new RegExp(`/items/${NO}$`));
  await expectState(page, '返却済（データ確認待ち）');
  await signOut(page);

  await signIn(page, base, 'takahashi');
  await openItemAction(page, base, 'データ確認を記入');
  await page.getByLabel('業務用データが保存されていないことを確認した').check();
  await page.getByRole('button', { name: '記入する' }).click();
  await page.waitForURL(new RegExp(`/items/${NO}$`));
  await expectState(page, '保管中');
  const sheet = page.getByRole('table').filter({ hasText: '可搬記憶媒体管理簿' });
  assert.match(await sheet.textContent(), /貸出し.*統合幕僚監部.*共同訓練/);
  await shot('month-item-page');
  await signOut(page);

  // ---- 6. the audit officer reads the item's trail and checks one event's proof -------------
  await signIn(page, base, 'nakamura');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '証跡' }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.goto(`${base}/trail?entity=${encodeURIComponent(`item:${NO}`)}`);
  const rows = page.locator('tbody tr');
  await rows.first().waitFor();
  const text = await page.locator('main').textContent();
  for (const command of ['item.request_movement', 'item.approve', 'item.record_borrower', 'item.request_copy',
    'item.approve_copy', 'item.return', 'item.check'])
    assert.ok(text.includes(command), `the trail of ${NO} shows ${command}`);
  await page.getByRole('button', { name: /証明/ }).first().click();
  await page.getByText('検証済み').first().waitFor();
  await shot('month-trail');
  await signOut(page);

  // ---- 7. the 管理簿 of the month, exported ---------------------------------------------------
  await signIn(page, base, 'suzuki');
  await page.goto(`${base}/items/${NO}`);
  const href = await page.getByTestId('item-export').locator('a[data-format=csv]').getAttribute('href');
  const res = await page.request.get(base + href);
  assert.equal(res.status(), 200);
  const csv = (await res.body()).toString('utf8');
  for (const expected of ['統合幕僚監部 山田 太郎', '訓練計画（案）', '共同訓練', '令和'])
    assert.ok(csv.includes(expected), `the exported 管理簿 holds ${expected}`);
}
