// Sign-in in Japanese, the security headers the app is served with, English on the switch,
// sign-out, and a wrong password refused with the server's rule.
import assert from 'node:assert/strict';
import { PASSWORD, signIn } from '../harness.mjs';

export default async function ({ page, base, shot }) {
  const res = await page.goto(base + '/');
  const csp = res.headers()['content-security-policy'];
  assert.match(csp, /default-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
  await page.getByRole('heading', { name: 'サインイン' }).waitFor();
  await shot('signin');

  // A wrong password: the server's message and rule are shown, nothing else happens.
  await page.getByLabel('ユーザ名').fill('tanaka');
  await page.getByLabel('パスワード').fill('wrong-password-123');
  await page.getByRole('button', { name: 'サインイン' }).click();
  const alert = page.locator('.error-box');
  await alert.waitFor();
  assert.match(await alert.textContent(), /auth\./);

  await signIn(page, base, 'tanaka', PASSWORD);
  assert.match(await page.locator('[data-testid=who]').textContent(), /田中 美咲/);
  // The session cookie is HttpOnly: scripts cannot read it, and nothing secret is in storage.
  assert.equal(await page.evaluate(() => document.cookie), '');
  const stored = await page.evaluate(() => JSON.stringify(window.localStorage));
  assert.doesNotMatch(stored, /csrf|session|token|password/i);

  // English on the switch.
  await page.getByTestId('lang-switch').selectOption('en');
  await page.getByRole('link', { name: 'Home' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByTestId('lang-switch').selectOption('ja');

  await page.getByRole('button', { name: 'サインアウト' }).click();
  await page.getByText('サインアウトしました。').waitFor();
  // The old session no longer works.
  const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
  assert.equal(me, 401);
}
