// The work screens against the real server: a take-out requested by a staff member (through the
// API, with the CSRF token of the page's session) waits in the unit IA officer's inbox and is
// approved through the UI after one refusal by the server; the staff member never sees an approval
// control; a reconciliation with one medium missing records a discrepancy that is then resolved.
import assert from 'node:assert/strict';
import { signIn } from '../harness.mjs';

/** Calls the API from inside the page, as the signed-in user (CSRF token from /auth/me). */
async function apiCall(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const r = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, body: await r.json() };
    },
    { method, path, body },
  );
}

export default async function ({ page, base, shot }) {
  const nav = () => page.getByRole('navigation', { name: 'メインメニュー' });

  // ── tanaka (staff) asks to take M-CY-013 out ──────────────────────────────────────────────
  await signIn(page, base, 'tanaka');
  const hour = 3600_000;
  const now = Date.now();
  const req = await apiCall(page, 'POST', '/api/v1/items/M-CY-013/movement', {
    movement: 'take_out',
    purpose: '説明資料の持参（e2e）',
    period_from: new Date(now + hour).toISOString(),
    period_until: new Date(now + 8 * hour).toISOString(),
    destination: '市ヶ谷 第2会議室',
    movement_purpose: '関係部局との打合せ',
    data_minimized: true,
  });
  assert.equal(req.status, 200, JSON.stringify(req.body));
  assert.equal(req.body.state, 'movement_requested');

  // A staff account never sees an approval control: no menu entry, no button, no home section.
  await page.goto(base + '/');
  const held = page.getByTestId('home-held');
  await held.getByRole('link', { name: 'M-CY-013' }).waitFor();
  await held.getByRole('link', { name: 'M-CY-003' }).waitFor(); // the demo's forgotten return
  await page.getByTestId('home-overdue').getByRole('link', { name: 'M-CY-003' }).waitFor();
  assert.match(await page.getByRole('heading', { level: 2 }).first().textContent(), /田中 美咲/);
  assert.equal(await nav().getByRole('link', { name: '承認' }).count(), 0);
  assert.equal(await page.getByTestId('home-approvals').count(), 0);
  assert.equal(await page.getByTestId('home-discrepancies').count(), 0);
  await page.goto(base + '/approvals');
  await page.getByTestId('approvals-denied').waitFor();
  assert.equal(await page.getByRole('button', { name: '許可する' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: '不許可とする' }).count(), 0);
  assert.equal(await page.getByTestId('approval').count(), 0);
  // Nor a way to start a reconciliation.
  await page.goto(base + '/reconciliations');
  await page.getByRole('heading', { name: '照合', level: 1 }).waitFor();
  assert.equal(await page.getByRole('link', { name: '新しい照合を行う' }).count(), 0);
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await page.getByText('サインアウトしました。').waitFor();

  // ── suzuki (部隊等情報保証責任者) ─────────────────────────────────────────────────────────
  await signIn(page, base, 'suzuki');
  const waiting = page.getByTestId('home-approvals');
  await waiting.getByRole('link', { name: 'M-CY-013' }).waitFor();
  await waiting.getByRole('link', { name: 'M-CY-007' }).waitFor(); // the demo's own pending request
  assert.equal(await waiting.getByTestId('home-approvals-count').textContent(), '2 件');
  await page.getByTestId('home-discrepancies').getByRole('link', { name: /照合 #\d+/ }).first().waitFor();
  assert.match(await page.getByTestId('home-designations').textContent(), /部隊等情報保証責任者/);
  await shot('home');

  await nav().getByRole('link', { name: '承認' }).click();
  await page.getByRole('heading', { name: '承認', level: 1 }).waitFor();
  const card = page.locator('[data-testid=approval][data-control-no="M-CY-013"]');
  await card.getByText('田中 美咲').waitFor();
  await card.getByText('関係部局との打合せ').waitFor();
  await card.getByText('市ヶ谷 第2会議室').waitFor();

  // Approving without the confirmations: the server refuses and names rule and clause.
  await card.getByRole('button', { name: '許可する' }).click();
  const refusal = card.locator('.error-box');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('data-rule'), 'input.required');
  assert.equal(await refusal.getAttribute('data-clause'), '000 第4 4(2)');
  assert.match(await refusal.textContent(), /根拠: 000 第4 4\(2\)/);
  await shot('approvals');

  await card.getByLabel('必要なデータ以外が保存されていないことを確認した').check();
  await card.getByLabel('業務用データを複製しないよう指導した').check();
  await card.getByLabel('所見').fill('説明資料のみ保存されていることを確認');
  await card.getByRole('button', { name: '許可する' }).click();
  const done = page.getByTestId('approvals-done');
  await done.waitFor();
  assert.equal(await done.textContent(), 'M-CY-013 の持出しの申請を許可しました。');
  await card.waitFor({ state: 'detached' });
  const item = await apiCall(page, 'GET', '/api/v1/items/M-CY-013');
  assert.equal(item.body.item.state, 'out');
  const row = item.body.entries.at(-1);
  assert.equal(row.approval, 'approved');
  assert.equal(row.approval_note, '説明資料のみ保存されていることを確認');

  // ── reconciliation with one medium missing ───────────────────────────────────────────────
  await nav().getByRole('link', { name: '照合' }).click();
  await page.getByRole('link', { name: '新しい照合を行う' }).click();
  await page.getByRole('heading', { name: '新しい照合', level: 1 }).waitFor();
  assert.equal(await page.getByLabel('照合する課室等').inputValue(), '3');
  const expected = page.getByTestId('expected-table');
  await expected.getByLabel('M-CY-001', { exact: true }).waitFor();
  // M-CY-013 is out now: it is not expected in storage, and listed with the items away.
  assert.equal(await expected.getByLabel('M-CY-013', { exact: true }).count(), 0);
  await page.getByTestId('away-table').getByLabel('M-CY-013', { exact: true }).waitFor();
  await expected.getByLabel('すべて確認済みにする').check();
  await expected.getByLabel('M-CY-005', { exact: true }).uncheck();
  // The keyboard path: a scanned number ticks its row.
  await expected.getByLabel('M-CY-006', { exact: true }).uncheck();
  await page.getByLabel('番号の読取り・入力').fill('M-CY-006');
  await page.getByLabel('番号の読取り・入力').press('Enter');
  assert.equal(await expected.getByLabel('M-CY-006', { exact: true }).isChecked(), true);
  assert.match(await page.getByTestId('will-be-missing').textContent(), /M-CY-005/);
  assert.doesNotMatch(await page.getByTestId('will-be-missing').textContent(), /M-CY-006/);
  await page.getByLabel('備考').fill('e2e の照合');
  await shot('reconciliation-new');
  await page.getByRole('button', { name: '照合結果を登録する' }).click();

  await page.waitForURL(/\/reconciliations\/\d+$/);
  const diffs = page.getByTestId('discrepancy');
  await diffs.first().waitFor();
  assert.equal(await diffs.count(), 1);
  const missing = page.locator('[data-testid=discrepancy][data-control-no="M-CY-005"]');
  await missing.getByText('不足').waitFor();
  assert.equal(await page.getByTestId('rec-state').getAttribute('data-state'), 'open');
  await shot('reconciliation-result');

  await missing.getByLabel('M-CY-005 の原因と処置').fill('机上に置かれていた。本人に確認のうえ保管庫へ戻した。');
  await missing.getByRole('button', { name: '解消として記録する' }).click();
  await page.getByTestId('resolve-done').waitFor();
  await page.locator('[data-testid=rec-state][data-state=closed]').waitFor();
  await missing.getByText('机上に置かれていた。本人に確認のうえ保管庫へ戻した。').waitFor();
  assert.equal(await page.getByRole('button', { name: '解消として記録する' }).count(), 0);

  // English on the switch.
  await page.getByTestId('lang-switch').selectOption('en');
  await missing.getByText('Missing', { exact: true }).waitFor();
  await page.getByTestId('lang-switch').selectOption('ja');

  // The list shows it closed, with nothing open.
  await page.getByRole('link', { name: '照合の一覧へ' }).click();
  const id = /照合 #(\d+)/.exec(await page.getByRole('table').getByRole('link').first().textContent())[1];
  const recs = await apiCall(page, 'GET', '/api/v1/reconciliations');
  const mine = recs.body.reconciliations.find((r) => String(r.id) === id);
  assert.equal(mine.state, 'closed');
  assert.equal(mine.open_discrepancies, 0);
  assert.equal(mine.note, 'e2e の照合');
}
