// The record of each 課室等's system users (000 第2 2(7)) and the briefing of a non-employee (000 第2 2(6)),
// through the UI, on the mod-internal demo: matsumoto (システム担当者 of 情報通信課) opens 名簿, finds the
// record of 情報通信課 (version 1, current, no confirmation step), opens the version with 岡田 (the
// contractor) listed and downloads its CSV, and is refused サイバー整備課's record with 000 第2 2(7);
// tanaka (no designation) is refused with the same clause; yamamoto (people.agreements over 情報通信課)
// sees 岡田's briefing with 井上 supervising, is offered only the system users in force as supervisors, is
// refused a briefing with none chosen, and records a new briefing naming 松本. The screens are checked with axe in both languages.
import assert from 'node:assert/strict';
import { checkA11y, inEnglish, signIn, signOut } from '../harness.mjs';

const CLAUSE = '000 第2 2(7)';
const BRIEFING_CLAUSE = '000 第2 2(6)';
const JOHOTSU = '整備計画局情報通信課';
const TAB = '課室等のシステム利用者の記録（課室等ごと）';

const versionRow = (page, n) => page.locator(`[data-testid=version-row][data-version="${n}"]`);
const picker = (page) => page.getByTestId('unit-picker').getByRole('combobox', { name: /^課室等/ });

async function openRosters(page, base) {
  // The menu lists 名簿 for holders of people.agreements; the システム担当者 reaches the screen by its address.
  await page.goto(`${base}/rosters`);
  await page.getByRole('heading', { level: 1, name: '名簿' }).waitFor();
}

export default async function ({ page, base, shot }) {
  // ---- 1. the システム担当者 reads the record of 情報通信課 and its CSV -------------------------------------
  await signIn(page, base, 'matsumoto');
  await openRosters(page, base);
  const tab = page.getByRole('navigation', { name: '名簿の種類' }).getByRole('link', { name: TAB });
  assert.equal(await tab.getAttribute('aria-current'), 'page');
  const v1 = versionRow(page, 1);
  await v1.waitFor();
  assert.match(page.url(), /\/rosters\?roster=section_user&unit_id=\d+$/);
  const johotsu = new URL(page.url()).searchParams.get('unit_id');
  assert.equal(await picker(page).inputValue(), johotsu);
  assert.equal(await page.getByTestId('roster-unit').textContent(), JOHOTSU);
  assert.equal(await v1.getAttribute('data-state'), 'current');
  assert.match(await v1.textContent(), /現行版/);
  // No confirmation step: nothing to submit or confirm, and nothing has changed since version 1.
  assert.equal(await page.getByTestId('versions').getByRole('button').count(), 0);
  await page.getByText('最新の版から変更はありません。').waitFor();
  await checkA11y(page, 'section roster');
  await shot('section-roster');

  await v1.getByRole('link', { name: '第1版を表示' }).click();
  await page.getByRole('heading', { level: 1, name: '課室等のシステム利用者の記録 第1版' }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('unit_id'), johotsu);
  const okada = page.getByTestId('entry').filter({ hasText: '岡田 修' });
  await okada.waitFor();
  assert.equal(await okada.getByTestId('entry-roles').textContent(), 'システム利用者');
  assert.equal(await page.getByTestId('entry').count(), 3);
  const csvHref = await page.getByTestId('roster-export').locator('a[data-format=csv]').getAttribute('href');
  assert.equal(new URL(csvHref, base).searchParams.get('unit_id'), johotsu);
  const csv = await page.request.get(base + csvHref);
  assert.equal(csv.status(), 200);
  assert.match(csv.headers()['content-type'], /^text\/csv/);
  const text = await csv.text();
  assert.match(text, /課室等のシステム利用者の記録（整備計画局情報通信課）/);
  assert.match(text, /岡田 修/);
  const xlsxHref = await page.getByTestId('roster-export').locator('a[data-format=xlsx]').getAttribute('href');
  assert.equal((await page.request.get(base + xlsxHref)).status(), 200);
  await checkA11y(page, 'section roster version');
  await shot('section-roster-version');

  // Another unit's record is not his: the server's refusal, with the clause.
  await page.getByRole('link', { name: '名簿へ戻る' }).click();
  await versionRow(page, 1).waitFor();
  await picker(page).selectOption({ label: '整備計画局サイバー整備課' });
  const refused = page.getByRole('alert');
  await refused.waitFor();
  assert.equal(await refused.getAttribute('data-clause'), CLAUSE);
  assert.match(await refused.textContent(), /この記録（課室等のシステム利用者の記録）を閲覧する指定がありません。/);
  await page.getByTestId('people-denied').waitFor();
  await checkA11y(page, 'section roster refused');

  await page.getByTestId('lang-switch').selectOption('en');
  await inEnglish(page, base, `/rosters?roster=section_user&unit_id=${johotsu}`);
  await inEnglish(page, base, `/rosters/section_user/versions/1?unit_id=${johotsu}`);
  assert.equal(await page.getByTestId('version-unit').textContent(), 'Information and Communications Division');
  await page.getByTestId('lang-switch').selectOption('ja');
  await signOut(page);

  // ---- 2. a user without rights is refused, citing 000 第2 2(7) ---------------------------------------
  await signIn(page, base, 'tanaka');
  await openRosters(page, base);
  const denied = page.getByRole('alert');
  await denied.waitFor();
  assert.equal(await denied.getAttribute('data-clause'), CLAUSE);
  await page.getByTestId('people-denied').waitFor();
  assert.equal(await page.getByTestId('versions').count(), 0);
  const direct = await page.request.get(`${base}/api/v1/rosters/section_user/versions/1?unit_id=${johotsu}&format=csv`);
  assert.equal(direct.status(), 403);
  assert.equal((await direct.json()).error.clause, CLAUSE);
  await signOut(page);

  // ---- 3. the briefing of the contractor, with the supervising employee --------------------------------
  await signIn(page, base, 'yamamoto');
  const persons = await (await page.request.get(`${base}/api/v1/persons`)).json();
  const okadaId = persons.persons.find((p) => p.family_name === '岡田').id;
  await page.goto(`${base}/persons/${okadaId}`);
  await page.getByRole('heading', { level: 1, name: '合意・記載事項' }).waitFor();
  assert.equal(await page.getByTestId('person-kind').textContent(), '契約業者等');
  const first = page.locator('[data-testid=agreement][data-kind=non_employee_briefing][data-ended=false]');
  await first.waitFor();
  assert.equal(await first.getByTestId('agreement-supervisor').textContent(), '井上 恵');

  const form = page.getByTestId('agreement-form');
  assert.equal(await form.getByLabel(/合意・同意の種類/).inputValue(), 'non_employee_briefing');
  for (const box of await form.getByTestId('points').getByRole('checkbox').all()) await box.check();
  await form.getByLabel(/書面/).fill('情報通信課 保守作業員への説明書 第4号');
  // Only the system users in force are offered (山本 is not one); with none chosen the server refuses,
  // with the briefing's clause, at the field.
  const supervisor = form.getByRole('combobox', { name: /監督する職員/ });
  await supervisor.locator('option', { hasText: '松本 亮' }).waitFor({ state: 'attached' });
  assert.deepEqual(await supervisor.locator('option').allTextContents(), [
    '選んでください',
    `松本 亮（${JOHOTSU}）`,
    `井上 恵（${JOHOTSU}）`,
  ]);
  await form.evaluate((f) => f.setAttribute('novalidate', ''));
  await form.getByRole('button', { name: '合意・同意を記録する' }).click();
  const refusal = form.locator('.error-box');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('data-rule'), 'input.required');
  assert.equal(await refusal.getAttribute('data-clause'), BRIEFING_CLAUSE);
  assert.equal(await supervisor.getAttribute('aria-invalid'), 'true');
  await checkA11y(page, 'briefing refused');
  await shot('briefing-refused');

  await supervisor.selectOption({ label: `松本 亮（${JOHOTSU}）` });
  await form.getByRole('button', { name: '合意・同意を記録する' }).click();
  await page.getByText(/^職員以外の者への説明と監督する職員の指定を記録しました（#\d+）。$/).waitFor();
  const current = page.locator('[data-testid=agreement][data-kind=non_employee_briefing][data-ended=false]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=agreement]').length === 2);
  assert.equal(await current.count(), 1);
  assert.equal(await current.getByTestId('agreement-supervisor').textContent(), '松本 亮');
  await checkA11y(page, 'briefing recorded');
  await shot('briefing');

  // An employee: the briefing is not offered.
  const inoue = persons.persons.find((p) => p.family_name === '井上').id;
  await page.goto(`${base}/persons/${inoue}`);
  await page.getByTestId('no-applicable').waitFor();
  assert.equal(await page.getByTestId('agreement-form').count(), 0);

  await page.getByTestId('lang-switch').selectOption('en');
  await inEnglish(page, base, `/persons/${okadaId}`);
  await page.getByTestId('lang-switch').selectOption('ja');
}
