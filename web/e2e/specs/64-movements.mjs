// A person leaving or moving (離職・異動), through the UI, on the mod-internal demo:
// - yoshida (破棄立会者 of 法令審査官グループ) is signed in on another device;
// - sato (情報保証責任者, org.admin everywhere) opens 管理 → 職員, records that yoshida leaves: the reason is
//   required, the confirmation says her designation and her account end at once; after it yoshida shows
//   as 離職 with no action, the trail holds person.leave under the person, and yoshida's session has ended;
// - sato records the transfer of matsumoto (システム担当者 and システム利用者 of 情報通信課) to サイバー整備課:
//   the designations still in force are listed by role, and the link opens matsumoto's designations only;
// - the screen with a form open passes axe in both languages and shows no Japanese label in English.
import assert from 'node:assert/strict';
import { checkA11y, japaneseLabels, signIn } from '../harness.mjs';

const CYBER = '\u3000\u3000整備計画局サイバー整備課（CYBER）';

const personRow = (page, name) => page.getByTestId('persons-table').locator('tr[data-person-id]').filter({ has: page.getByRole('rowheader', { name }) });

async function openPeople(page) {
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '管理' }).click();
  await page.getByRole('navigation', { name: '管理の項目' }).getByRole('link', { name: '職員' }).click();
  await page.waitForURL(/\/admin\/people$/);
  await page.getByTestId('persons-table').waitFor();
}

async function recordLeaving(page, shot) {
  const yoshida = personRow(page, '吉田 さくら');
  assert.equal(await yoshida.getAttribute('data-active'), 'true');
  await page.getByRole('button', { name: '吉田 さくら の離職を記録' }).click();
  const form = page.getByRole('form', { name: '吉田 さくら の離職の記録' });
  // Without a reason nothing is sent: the field says so.
  await form.getByRole('button', { name: '確認へ進む' }).click();
  await form.getByText('事由を記入してください。').waitFor();
  await form.getByRole('textbox', { name: /^事由/ }).fill('定年退職（令和8年3月31日）');
  await form.getByRole('button', { name: '確認へ進む' }).click();

  const confirm = form.getByTestId('leave-confirmation');
  await confirm.getByText('有効な指定 1 件がすべて解除されます。').waitFor();
  assert.match(await confirm.getByTestId('ending-designations').textContent(), /^破棄立会者（000 第4 7\(1\)）・法令審査官グループ$/);
  await confirm.getByText('アカウント yoshida が無効になり、使用中のセッションと API トークンも直ちに終了します。').waitFor();
  await confirm.getByText('事由: 定年退職（令和8年3月31日）').waitFor();
  await checkA11y(page, 'leaving confirmation');
  await shot('movements-leave-confirm');

  await form.getByRole('button', { name: '離職を記録する' }).click();
  const result = page.getByTestId('movement-result');
  await result.getByText('吉田 さくら の離職を記録しました。指定 1 件を解除しました。 アカウントを無効にしました。', { exact: false }).waitFor();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('tr[data-person-id]')].some((r) => r.textContent.includes('吉田 さくら') && r.getAttribute('data-active') === 'false'),
  );
  assert.equal(await yoshida.getAttribute('class'), 'person-left');
  await yoshida.getByText('離職', { exact: true }).waitFor();
  assert.equal(await yoshida.getByRole('button').count(), 0);
  await shot('movements-left');
  return result;
}

async function recordTransfer(page, shot) {
  await page.getByRole('button', { name: '松本 亮 の異動を記録' }).click();
  const form = page.getByRole('form', { name: '松本 亮 の異動の記録' });
  await form.getByText('現在の所属: 整備計画局情報通信課').waitFor();
  await form.getByRole('combobox', { name: /^異動先/ }).selectOption({ label: CYBER });
  await form.getByRole('textbox', { name: /^事由/ }).fill('人事異動（令和8年4月1日付）');
  await checkA11y(page, 'transfer form');
  await form.getByRole('button', { name: '異動を記録する' }).click();

  const result = page.getByTestId('movement-result');
  await result.getByText(/松本 亮 の異動（異動先: 整備計画局サイバー整備課）を記録しました。/).waitFor();
  const inForce = result.getByRole('table', { name: /有効な指定の一覧/ });
  await inForce.waitFor();
  const roles = await inForce.locator('tbody th[scope=row]').allTextContents();
  assert.deepEqual(roles.sort(), ['システム利用者000 第1(5)', 'システム担当者000 第1(4)'].sort());
  await personRow(page, '松本 亮').getByText('整備計画局サイバー整備課').waitFor();
  await shot('movements-transfer');
  return result;
}

export default async function ({ page, base, otherDevice, shot }) {
  // yoshida works on another device.
  const other = await otherDevice();
  await signIn(other, base, 'yoshida');

  await signIn(page, base, 'sato');
  await openPeople(page);
  // Nobody records their own leaving: not offered on sato's own row.
  await page.getByRole('button', { name: '佐藤 一郎 の異動を記録' }).waitFor();
  assert.equal(await page.getByRole('button', { name: '佐藤 一郎 の離職を記録' }).count(), 0);

  const left = await recordLeaving(page, shot);
  // yoshida's session ended with the command: her next request finds her signed out.
  await other.reload();
  await other.locator('input[name=username]').waitFor();
  assert.equal(await other.getByTestId('who').count(), 0);

  // The trail holds the leaving under the person.
  await left.getByRole('link', { name: '証跡で確認' }).click();
  await page.waitForURL(/\/trail\?entity=person%3A\d+$/);
  await page.locator('code.cmd-code', { hasText: /^person\.leave$/ }).first().waitFor();

  await openPeople(page);
  const moved = await recordTransfer(page, shot);
  await moved.getByRole('link', { name: '松本 亮 の指定を確認・解除する' }).click();
  await page.waitForURL(/\/admin\/designations\?person_id=\d+$/);
  await page.getByTestId('designations-filter').getByText('松本 亮 の指定だけを表示しています。').waitFor();
  const rows = page.getByTestId('designations-table').locator('tr[data-designation-id]');
  await page.waitForFunction(() => {
    const r = [...document.querySelectorAll('[data-testid=designations-table] tr[data-designation-id]')];
    return r.length > 0 && r.every((x) => x.textContent.includes('松本 亮'));
  });
  assert.ok((await rows.count()) >= 2);

  // In English: the forms and the result have English labels only (names stay as data).
  await page.getByTestId('lang-switch').selectOption('en');
  await page.goto(base + '/admin/people');
  await page.getByTestId('persons-table').waitFor();
  await page.getByRole('button', { name: 'Record the transfer of 井上 恵' }).click();
  await page.getByRole('form', { name: 'Transfer of 井上 恵' }).waitFor();
  await page.getByRole('button', { name: 'Record leaving of 渡辺 直子' }).click();
  await page.getByRole('form', { name: '渡辺 直子 leaves' }).getByRole('textbox', { name: /^Reason/ }).fill('secondment');
  await page.getByRole('button', { name: 'Continue to confirmation' }).click();
  await page.getByTestId('leave-confirmation').getByText('Account watanabe is disabled', { exact: false }).waitFor();
  await checkA11y(page, 'en leaving confirmation');
  assert.deepEqual(await japaneseLabels(page), [], '/admin/people shows Japanese labels in English');
}
