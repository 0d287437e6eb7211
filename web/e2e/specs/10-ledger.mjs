// The media & device ledger through the UI only, on a fresh demo organization: the list with its
// filters in the address; tanaka takes M-CY-001 out for use and returns it; tanaka asks to take
// M-CY-002 out and suzuki (部隊等情報保証責任者) approves; a destruction with the executor as her
// own witness is refused with the rule and clause 000 第4 7(1), then done properly and signed by
// ito (the designated witness) with his own account; suzuki registers a new medium; the 別紙様式 exports answer with the right
// content types; the pages pass axe's WCAG A/AA checks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { signIn } from '../harness.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core run inside the page (evaluated through the debugger protocol, so the CSP is untouched). */
async function accessible(page, where) {
  const result = await page.evaluate(async (source) => {
    if (!window.axe) (0, eval)(source);
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, AXE);
  assert.deepEqual(result, [], `accessibility problems on ${where}`);
}

const state = (page) => page.getByTestId('item-state');

async function expectState(page, text) {
  await page.getByTestId('item-state').filter({ hasText: text }).waitFor();
  assert.equal((await state(page).textContent()).trim(), text);
}

async function signOut(page) {
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await page.getByText('サインアウトしました。').waitFor();
}

async function contentType(page, base, href) {
  const res = await page.request.get(base + href);
  assert.equal(res.status(), 200, href);
  return { type: res.headers()['content-type'], body: await res.body() };
}

/** Tomorrow's date in Japan (the demo organization's zone), as YYYY-MM-DD. */
function tomorrowJst() {
  return new Date(Date.now() + 9 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
}

export default async function ({ page, base, shot }) {
  // ---- The list, its filters in the address -------------------------------------------------
  await signIn(page, base, 'tanaka');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '媒体・機器' }).click();
  await page.getByRole('heading', { level: 1, name: '媒体・機器' }).waitFor();
  await page.getByRole('link', { name: 'M-CY-001', exact: true }).waitFor();
  // Staff do not register media.
  assert.equal(await page.getByRole('link', { name: '媒体・機器を登録' }).count(), 0);

  await page.getByLabel('番号（前方一致）又は品目').fill('M-CY-00');
  await page.waitForURL(/q=M-CY-00/);
  await page.getByLabel('種別').selectOption('medium');
  await page.waitForURL(/kind=medium/);
  await page.getByTestId('result-count').filter({ hasText: '全 9 件' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'D-CY-001' }).count(), 0);
  // The overdue medium of the demo (M-CY-003, in use since before the end of a working day).
  const overdueRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'M-CY-003' }) });
  await overdueRow.getByText('期限超過').waitFor();
  await page.getByLabel('管理する課室等').selectOption({ label: '整備計画局サイバー整備課' });
  await page.waitForURL(/unit_id=3/);
  await shot('ledger-list');
  await accessible(page, 'the item list');

  // A reload keeps the filters.
  await page.reload();
  await page.getByRole('link', { name: 'M-CY-001', exact: true }).waitFor();
  assert.equal(await page.getByLabel('番号（前方一致）又は品目').inputValue(), 'M-CY-00');
  assert.equal(await page.getByLabel('種別').inputValue(), 'medium');

  // The unit's 管理簿 (別紙様式) in CSV and XLSX.
  const unitExport = page.getByTestId('unit-export');
  const unitCsv = await contentType(page, base, await unitExport.locator('a[data-format=csv]').getAttribute('href'));
  assert.match(unitCsv.type, /^text\/csv/);
  assert.match(unitCsv.body.toString('utf8'), /可搬記憶媒体管理簿/);
  assert.match(unitCsv.body.toString('utf8'), /目的特化型機器管理簿/);
  const unitXlsx = await contentType(page, base, await unitExport.locator('a[data-format=xlsx]').getAttribute('href'));
  assert.equal(unitXlsx.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(unitXlsx.body.subarray(0, 2).toString(), 'PK');

  // ---- Use and return (000 第4 3(1)) ------------------------------------------------------
  await page.getByRole('link', { name: 'M-CY-001', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'M-CY-001（USBメモリ）' }).waitFor();
  await expectState(page, '保管中');
  await page.getByRole('table').filter({ hasText: '可搬記憶媒体管理簿' }).getByRole('columnheader', { name: '持出し・貸出し期間（交付日時）' }).waitFor();
  await shot('item-page');
  await accessible(page, 'the item page');
  // A staff member may not decide anything.
  assert.equal(await page.getByRole('link', { name: '申請を許可・不許可' }).count(), 0);

  await page.getByRole('link', { name: '使用する（取出し）' }).click();
  await page.getByRole('heading', { level: 1, name: '使用する（取出し）: M-CY-001' }).waitFor();
  // An empty purpose is caught before anything is sent.
  await page.getByRole('button', { name: '記入する' }).click();
  await page.locator('.field-error').filter({ hasText: '入力してください。' }).waitFor();
  await page.getByLabel('使用目的').fill('会議資料の作成');
  await shot('operation-form');
  await accessible(page, 'the checkout form');
  await page.getByRole('button', { name: '記入する' }).click();
  await page.waitForURL(/\/items\/M-CY-001$/);
  await page.getByRole('status').filter({ hasText: '使用を記入しました。' }).waitFor();
  await expectState(page, '使用中');
  assert.equal((await page.getByTestId('current-holder').textContent()).trim(), '田中 美咲');

  await page.getByRole('link', { name: '返却する' }).click();
  await page.getByRole('heading', { level: 1, name: '返却する: M-CY-001' }).waitFor();
  await page.getByRole('button', { name: '返却する' }).click();
  await page.waitForURL(/\/items\/M-CY-001$/);
  await expectState(page, '返却済（データ確認待ち）');
  // The data check is for the unit's IA officer and assistants, not for the user.
  await page.getByTestId('item-no-actions').waitFor();

  // ---- Take-out requested by tanaka (000 第4 4(1)) ----------------------------------------
  await page.goto(base + '/items/M-CY-002');
  await page.getByRole('link', { name: '持出し・貸出しを申請' }).click();
  await page.getByRole('heading', { level: 1, name: '持出し・貸出しを申請: M-CY-002' }).waitFor();
  await page.getByLabel('持出し', { exact: true }).check();
  await page.getByLabel('使用目的').fill('説明資料の持参');
  const day = tomorrowJst();
  await page.getByLabel('期間（開始）').fill(`${day}T09:00`);
  await page.getByLabel('期間（終了）').fill(`${day}T08:00`);
  await page.getByRole('textbox', { name: /^持出し・貸出し先/ }).fill('統合幕僚監部');
  await page.getByLabel('持出し・貸出し目的').fill('共同訓練の調整');
  await page.getByLabel('持出し・貸出し先で必要のないデータを消去した').check();
  await page.getByRole('button', { name: '記入する' }).click();
  // A period that ends before it starts is caught here.
  await page.locator('.field-error').filter({ hasText: '終了は開始より後にしてください。' }).waitFor();
  await page.getByLabel('期間（終了）').fill(`${day}T18:00`);
  await page.getByRole('button', { name: '記入する' }).click();
  await page.waitForURL(/\/items\/M-CY-002$/);
  await expectState(page, '持出し・貸出し許可待ち');
  assert.equal(await page.getByRole('link', { name: '申請を許可・不許可' }).count(), 0);
  await signOut(page);

  // ---- …approved by suzuki (000 第4 4(2)) -------------------------------------------------
  await signIn(page, base, 'suzuki');
  await page.goto(base + '/items/M-CY-002');
  await page.getByRole('link', { name: '申請を許可・不許可' }).click();
  await page.getByRole('heading', { level: 1, name: '申請を許可・不許可: M-CY-002' }).waitFor();
  await page.getByText('統合幕僚監部').waitFor();
  await page.getByLabel('許可する').check();
  await page.getByLabel('必要なデータ以外が保存されていないことを確認した').check();
  await page.getByLabel('業務用データを複製しないよう指導した').check();
  await shot('approval-form');
  await accessible(page, 'the approval form');
  await page.getByRole('button', { name: '決裁を記入する' }).click();
  await page.waitForURL(/\/items\/M-CY-002$/);
  await expectState(page, '持出し・貸出し中');
  const row = page.getByRole('table').filter({ hasText: '可搬記憶媒体管理簿' }).locator('tbody tr').last();
  assert.match(await row.textContent(), /持出し.*統合幕僚監部.*共同訓練の調整/);

  // ---- The unit IA officer opens a new ledger (000 第4 2) ----------------------------------
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '媒体・機器' }).click();
  await page.getByRole('link', { name: '媒体・機器を登録' }).click();
  await page.getByRole('heading', { level: 1, name: '媒体・機器の登録' }).waitFor();
  await page.getByLabel('媒体番号・機器番号').fill('M-CY-021');
  await page.getByLabel('可搬記憶媒体').check();
  await page.getByLabel('品目').fill('USBメモリ');
  await page.getByLabel('管理する課室等').selectOption({ label: '整備計画局サイバー整備課' });
  await page.getByLabel('保管場所（かぎのかかる容器）').fill('サイバー整備課 施錠保管庫A');
  await shot('item-register');
  await accessible(page, 'the registration form');
  await page.getByRole('button', { name: '登録する' }).click();
  await page.waitForURL(/\/items\/M-CY-021$/);
  await page.getByRole('status').filter({ hasText: 'M-CY-021 を登録し、管理簿を作成しました。' }).waitFor();
  await expectState(page, '保管中');
  await signOut(page);

  // ---- Destruction: the executor cannot be her own witness (000 第4 7(1)) ------------------
  await signIn(page, base, 'tanaka');
  await page.goto(base + '/items/M-CY-004');
  await page.getByRole('link', { name: '破棄を記入' }).click();
  await page.getByRole('heading', { level: 1, name: '破棄を記入: M-CY-004' }).waitFor();
  await page.getByLabel('細断').check();
  const witness = page.getByLabel('破棄立会者');
  await witness.locator('optgroup[label="指定された破棄立会者"] option').first().waitFor({ state: 'attached' });
  await witness.selectOption({ label: '田中 美咲（本人）' });
  await page.getByRole('button', { name: '記入する' }).click();
  const refusal = page.locator('.error-box');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('data-rule'), 'ledger.witness_differs');
  assert.match(await refusal.textContent(), /000 第4 7\(1\)/);
  assert.match(await refusal.textContent(), /ledger\.witness_differs/);
  // …and beside the witness field, which takes the focus.
  const fieldMessage = page.locator('.field-invalid').filter({ has: witness }).locator('.field-error');
  assert.match(await fieldMessage.textContent(), /破棄立会者は破棄の実施者と別の者でなければなりません。.*000 第4 7\(1\)/);
  assert.equal(await witness.evaluate((el) => el === document.activeElement), true);
  await shot('operation-refused');
  await expectStateAfterReload(page, base, '/items/M-CY-004', '保管中');

  // ---- …then properly, ito as the designated witness --------------------------------------
  await page.getByRole('link', { name: '破棄を記入' }).click();
  await page.getByLabel('細断').check();
  await page.getByLabel('破棄立会者').selectOption({ label: '伊藤 大輔' });
  await page.getByRole('button', { name: '記入する' }).click();
  await page.waitForURL(/\/items\/M-CY-004$/);
  await page.getByRole('status').filter({ hasText: '指定された破棄立会者の記入を待っています。' }).waitFor();
  await expectState(page, '破棄立会待ち');
  assert.equal((await page.getByTestId('pending-witness').textContent()).trim(), '伊藤 大輔');
  // The executor cannot sign as witness.
  assert.equal(await page.getByRole('link', { name: '破棄の立会いを記入' }).count(), 0);
  await signOut(page);

  await signIn(page, base, 'ito');
  await page.goto(base + '/items/M-CY-004');
  await page.getByRole('link', { name: '破棄の立会いを記入' }).click();
  await page.getByRole('heading', { level: 1, name: '破棄の立会いを記入: M-CY-004' }).waitFor();
  await page.getByRole('button', { name: '破棄の立会いを記入' }).click();
  await page.waitForURL(/\/items\/M-CY-004$/);
  await expectState(page, '破棄済');
  const footer = page.getByTestId('ledger-footer');
  assert.match(await footer.textContent(), /破棄立会者.*整備計画局サイバー整備課.*伊藤 大輔/);
  assert.match(await footer.textContent(), /破棄（交付）実施者.*田中 美咲/);
  await shot('item-destroyed');

  // ---- This item's 管理簿 as CSV and XLSX ---------------------------------------------------
  const itemExport = page.getByTestId('item-export');
  const csvHref = await itemExport.locator('a[data-format=csv]').getAttribute('href');
  assert.match(csvHref, /^\/api\/v1\/items\/M-CY-004\/ledger\?format=csv&dates=wareki$/);
  const csv = await contentType(page, base, csvHref);
  assert.match(csv.type, /^text\/csv/);
  assert.match(csv.body.toString('utf8'), /媒体番号：M-CY-004/);
  assert.match(csv.body.toString('utf8'), /伊藤 大輔/);
  assert.match(csv.body.toString('utf8'), /令和/);
  const xlsx = await contentType(page, base, await itemExport.locator('a[data-format=xlsx]').getAttribute('href'));
  assert.equal(xlsx.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');

  // English on the switch: the form's headings translated, the server's state in English.
  await page.getByTestId('lang-switch').selectOption('en');
  await page.getByRole('table').filter({ hasText: 'Portable storage medium ledger' }).getByRole('columnheader', { name: 'Destination or borrower (handover recipient)' }).waitFor();
  assert.equal((await state(page).textContent()).trim(), 'destroyed');
  await shot('item-page-en');
  await page.getByTestId('lang-switch').selectOption('ja');
}

async function expectStateAfterReload(page, base, path, text) {
  // The refusal wrote nothing: the item is as it was.
  await page.goto(base + path);
  await expectState(page, text);
}
