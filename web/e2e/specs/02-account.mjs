// Account screens: the forced password change at first sign-in (with the server's policy
// refusal shown beside the field), the TOTP second factor, and "sign out on every device".
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { BINARY, PASSWORD, signIn } from '../harness.mjs';

function cli(varDir, ...args) {
  const r = spawnSync(BINARY, ['user', '--var', varDir, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

function totp(base32secret, now = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32secret.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 1000 / 30)));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

export default async function ({ page, base, server, otherDevice, shot }) {
  // First sign-in with a password set by the administrator: the change is forced.
  cli(server.varDir, 'passwd', '--password', 'temporary-pass-2026', 'yoshida');
  await page.goto(base + '/');
  await page.getByLabel('ユーザ名').fill('yoshida');
  await page.getByLabel('パスワード').fill('temporary-pass-2026');
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.getByText('初回サインインのため、パスワードを変更してください。').waitFor();
  await page.getByLabel('現在のパスワード').fill('temporary-pass-2026');
  await page.getByLabel('新しいパスワード', { exact: false }).first().fill('short');
  await page.getByLabel('新しいパスワード（確認）').fill('short');
  await page.getByRole('button', { name: '変更する' }).click();
  const fieldError = page.locator('.field-error');
  await fieldError.waitFor();
  assert.match(await fieldError.textContent(), /12文字以上.*000 第2 2\(2\)/);
  await shot('password-change');
  await page.getByLabel('新しいパスワード', { exact: false }).first().fill('yoshida-new-pass-2026');
  await page.getByLabel('新しいパスワード（確認）').fill('yoshida-new-pass-2026');
  await page.getByRole('button', { name: '変更する' }).click();
  await page.getByRole('link', { name: 'ホーム' }).waitFor();
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await signIn(page, base, 'yoshida', 'yoshida-new-pass-2026');
  await page.getByRole('button', { name: 'サインアウト' }).click();

  // TOTP: the code field appears after the password, and only the right code lets the user in.
  const uri = cli(server.varDir, 'totp', 'watanabe');
  const secret = /secret=([A-Z2-7]+)/.exec(uri)[1];
  await page.getByLabel('ユーザ名').fill('watanabe');
  await page.getByLabel('パスワード').fill(PASSWORD);
  await page.getByRole('button', { name: 'サインイン' }).click();
  const code = page.getByLabel('確認コード（6桁）');
  await code.waitFor();
  await shot('signin-totp');
  await code.fill(totp(secret));
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.locator('[data-testid=who]').waitFor();
  assert.match(await page.locator('[data-testid=who]').textContent(), /渡辺/);
  await page.getByRole('button', { name: 'サインアウト' }).click();

  // Sign out everywhere: the session on another device ends too.
  await signIn(page, base, 'tanaka');
  const other = await otherDevice();
  await signIn(other, base, 'tanaka');
  await other.goto(base + '/settings');
  await other.getByRole('button', { name: 'すべての端末からサインアウト' }).waitFor();
  await shot('settings', other);
  await other.getByRole('button', { name: 'すべての端末からサインアウト' }).click();
  await other.getByText('サインアウトしました。').waitFor();
  // The first device's session is gone: its next request lands on the sign-in form.
  await page.goto(base + '/settings');
  await page.getByRole('heading', { name: 'サインイン' }).waitFor();
  assert.equal(await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status), 401);
}
