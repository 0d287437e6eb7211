// The trail and the administration screens against the real server:
// - nakamura (情報保証監査責任者) reads the trail, filters it by an item and verifies an event's
//   inclusion proof in the browser against the signed tree head;
// - admin (情報システム情報保証責任者) adds a person, issues an account (first sign-in forces a
//   password change), designates the person, is refused a designation without justification
//   (000 第1(3)③, shown beside the field) and ends a designation with a reason;
// - tanaka (staff) has neither menu entry, and /trail shows the server's refusal.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { signIn } from '../harness.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** No serious or critical WCAG 2 A/AA violation on the page as it is now (open panels included). */
async function axe(page, where) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), []);
}

async function signOut(page) {
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await page.getByText('サインアウトしました。').waitFor();
}

export default async function ({ page, base, shot }) {
  // ---- nakamura: the trail ----
  await signIn(page, base, 'nakamura');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '証跡' }).click();
  await page.getByRole('heading', { name: '証跡', level: 1 }).waitFor();
  const head = page.getByTestId('trail-head');
  await head.waitFor();
  const headText = await head.textContent();
  assert.match(headText, /[0-9a-f]{64}/);
  // Both the server and this browser (Ed25519 in WebCrypto) accept the head's signature.
  await page.locator('[data-testid=trail-head] .check-ok').nth(1).waitFor();
  assert.equal(await head.locator('.check-bad').count(), 0);
  await page.getByTestId('chain-status').getByText(/すべてで、内容から再計算した連鎖ハッシュが記録と一致しました/).waitFor();

  await page.getByLabel('対象').fill('item:M-CY-001');
  await page.getByRole('button', { name: '絞り込む' }).click();
  await page.waitForURL(/\/trail\?entity=item%3AM-CY-001$/);
  const table = page.getByRole('table', { name: /証跡の事象/ });
  await table.waitFor();
  await page.waitForFunction(() => {
    const cells = [...document.querySelectorAll('table.trail-events tbody > tr[data-seq] > td:nth-child(5)')];
    // Views of the item are recorded in access-log events (entity "views") and found too.
    return cells.length > 0 && cells.every((c) => c.textContent === 'item:M-CY-001' || c.textContent === 'views');
  });
  const rows = table.locator('tbody > tr[data-seq]');
  assert.ok((await rows.count()) >= 2, 'M-CY-001 has several events');
  await page.getByTestId('chain-status').getByText(/すべてで/).waitFor();
  await shot('trail');

  // The newest event's inclusion proof, verified here against the signed head.
  const seq = await rows.first().getAttribute('data-seq');
  await page.getByRole('button', { name: `番号 ${seq} の包含証明を要求` }).click();
  const proof = page.getByTestId(`proof-${seq}`);
  const verdict = proof.locator('.verdict');
  await verdict.waitFor();
  assert.equal(await verdict.getAttribute('data-verified'), 'true');
  assert.match(await verdict.textContent(), new RegExp(`^検証済み: 番号 ${seq} の事象は`));
  assert.equal(await proof.locator('.check-bad').count(), 0);
  assert.ok((await proof.getByRole('table', { name: /監査パス/ }).locator('tbody tr').count()) >= 1);
  await proof.scrollIntoViewIfNeeded();
  await shot('trail-proof');
  await axe(page, 'trail with a proof open');
  await signOut(page);

  // ---- admin: people, accounts, designations ----
  await signIn(page, base, 'admin');
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '管理' }).click();
  const sections = page.getByRole('navigation', { name: '管理の項目' });
  await sections.waitFor();
  assert.equal(await sections.getByRole('link', { name: '組織' }).getAttribute('aria-current'), 'page');
  await page.getByRole('region', { name: '組織の構成' }).getByText('整備計画局サイバー整備課').waitFor();
  await shot('admin-units');

  // A person in the cyber division.
  await sections.getByRole('link', { name: '職員' }).click();
  await page.waitForURL(/\/admin\/people$/);
  assert.equal(await sections.getByRole('link', { name: '職員' }).getAttribute('aria-current'), 'page');
  const personForm = page.getByRole('form', { name: '職員を登録' });
  await personForm.getByRole('textbox', { name: /^姓/ }).fill('新井');
  await personForm.getByRole('textbox', { name: /^名/ }).fill('一郎');
  await personForm.getByRole('combobox', { name: /^所属/ }).selectOption({ label: '\u3000\u3000整備計画局サイバー整備課（CYBER）' });
  await personForm.getByRole('textbox', { name: /^官名又は階級/ }).fill('係員');
  await personForm.getByRole('button', { name: '登録する' }).click();
  const personDone = personForm.locator('.notice');
  await personDone.getByText(/新井 一郎 を登録しました（職員 ID \d+）/).waitFor();
  const personId = /職員 ID (\d+)/.exec(await personDone.textContent())[1];
  await page.getByTestId('persons-table').getByRole('rowheader', { name: '新井 一郎' }).waitFor();

  // An account with an initial password.
  await sections.getByRole('link', { name: 'アカウント' }).click();
  const accountForm = page.getByRole('form', { name: 'アカウントを発行' });
  await accountForm.getByRole('combobox', { name: /^職員/ }).selectOption(personId);
  await accountForm.getByRole('textbox', { name: /^ユーザ名/ }).fill('arai');
  await accountForm.getByLabel(/^初期パスワード/).first().fill('initial-pass-2026');
  await accountForm.getByLabel(/^初期パスワード（確認）/).fill('initial-pass-2026');
  await accountForm.getByRole('button', { name: '発行する' }).click();
  await accountForm.getByText(/アカウント arai を発行しました/).waitFor();
  const arai = page.getByTestId('accounts-table').locator('tr[data-username=arai]');
  await arai.getByText('有効（初回のパスワード変更待ち）').waitFor();
  // Disable and re-enable it.
  await page.getByRole('button', { name: 'arai を無効にする' }).click();
  await arai.getByText('arai を無効にしました。').waitFor();
  await arai.getByText('無効', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'arai を有効にする' }).click();
  await arai.getByText('arai を有効にしました。').waitFor();
  await page.getByRole('button', { name: 'arai を無効にする' }).waitFor();

  // A designation: システム利用者 in the cyber division.
  await sections.getByRole('link', { name: '指定', exact: true }).click();
  const form = page.getByRole('form', { name: '指定する' });
  await form.getByRole('combobox', { name: /^役割/ }).selectOption('system_user');
  await form.getByRole('combobox', { name: /^指定する者/ }).selectOption(personId);
  await form.getByRole('combobox', { name: /^指定の範囲/ }).selectOption({ label: '\u3000\u3000整備計画局サイバー整備課（CYBER）' });
  await form.getByRole('button', { name: '指定する' }).click();
  const created = form.locator('.notice');
  await created.getByText(/指定しました（指定 ID \d+）/).waitFor();
  const designationId = /指定 ID (\d+)/.exec(await created.textContent())[1];
  const row = page.getByTestId('designations-table').locator(`tr[data-designation-id="${designationId}"]`);
  assert.equal(await row.getAttribute('data-status'), 'active');
  assert.match(await row.textContent(), /システム利用者.*新井 一郎/);

  // Refused: システム管理担当者 without a justification (000 第1(3)③), shown beside the field.
  await form.getByRole('combobox', { name: /^役割/ }).selectOption('system_admin_staff');
  await form.getByRole('combobox', { name: /^指定する者/ }).selectOption(personId);
  await form.getByRole('combobox', { name: /^指定の範囲/ }).selectOption({ label: '\u3000\u3000整備計画局サイバー整備課（CYBER）' });
  await form.getByRole('button', { name: '指定する' }).click();
  const box = form.locator('.error-box');
  await box.waitFor();
  assert.equal(await box.getAttribute('data-rule'), 'designation.minimum_necessary');
  assert.equal(await box.getAttribute('data-clause'), '000 第1(3)③');
  const note = form.getByRole('textbox', { name: /^指定の理由/ });
  assert.equal(await note.getAttribute('aria-invalid'), 'true');
  const beside = form.locator('.field-invalid .field-error');
  assert.match(await beside.textContent(), /必要最小限の範囲に限ります.*\(000 第1\(3\)③\)/);
  assert.equal(await beside.count(), 1);
  await form.scrollIntoViewIfNeeded();
  await shot('admin-designations');
  await axe(page, 'designation refused');

  // End the システム利用者 designation, with a reason.
  await page.getByRole('button', { name: `指定 ${designationId}（システム利用者・新井 一郎）を解除` }).click();
  const revoke = page.getByRole('form', { name: `指定 ${designationId}（システム利用者・新井 一郎）の解除` });
  await revoke.getByRole('textbox', { name: /^解除の理由/ }).fill('担当業務の変更のため');
  await revoke.getByRole('button', { name: '指定を解除する' }).click();
  await page.getByText(`指定 ${designationId} を解除しました。`).waitFor();
  await page.waitForFunction(
    (id) => document.querySelector(`tr[data-designation-id="${id}"]`)?.getAttribute('data-status') === 'revoked',
    designationId,
  );

  // The certificates list.
  await sections.getByRole('link', { name: '指定書' }).click();
  await page.getByTestId('certificates-table').getByText('指定第2026-0001号').waitFor();
  await signOut(page);

  // The new account must change its password at the first sign-in (the server says so).
  await signIn(page, base, 'arai', 'initial-pass-2026');
  await page.getByText('初回サインインのため、パスワードを変更してください。').waitFor();
  await signOut(page);

  // ---- tanaka: no trail, no administration ----
  await signIn(page, base, 'tanaka');
  const menu = page.getByRole('navigation', { name: 'メインメニュー' });
  await menu.getByRole('link', { name: 'ホーム' }).waitFor();
  assert.equal(await menu.getByRole('link', { name: '証跡' }).count(), 0);
  assert.equal(await menu.getByRole('link', { name: '管理' }).count(), 0);
  await page.goto(base + '/trail');
  const refusal = page.locator('.error-box');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('data-rule'), 'authz.denied');
  assert.equal(await refusal.getAttribute('data-clause'), '000 第2 2(3)');
  assert.match(await refusal.textContent(), /証跡を閲覧する指定がありません/);
  assert.equal(await page.getByRole('table').count(), 0);
}
