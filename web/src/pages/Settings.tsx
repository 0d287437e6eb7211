import { useState } from 'react';
import { useI18n } from '../i18n';
import { api } from '../lib/api';
import { personName } from '../lib/format';
import { useSession } from '../lib/session';
import { ErrorBox, fieldError, Notice, Page, PasswordFields, SubmitButton, TextField, useCommand, useValues } from '../components/ui';

export function PasswordForm({ onChanged }: { onChanged?: () => void }) {
  const { t, lang } = useI18n();
  const empty = { current_password: '', new_password: '', confirm: '' };
  const { values, setValues, text } = useValues(empty);
  const [done, setDone] = useState(false);
  const mismatch = values.confirm !== '' && values.confirm !== values.new_password;
  const { submit, error, busy } = useCommand(
    async () => {
      if (mismatch) return false;
      await api.post('/api/v1/auth/password', { current_password: values.current_password, new_password: values.new_password });
      return true;
    },
    (ok) => {
      if (!ok) return;
      setDone(true);
      setValues(empty);
      onChanged?.();
    },
  );
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="password-title">
      <h2 id="password-title">{t('password.title')}</h2>
      {done && <Notice>{t('password.changed')}</Notice>}
      <ErrorBox error={error} />
      <TextField
        label={t('password.current')}
        {...text('current_password')}
        type="password"
        autoComplete="current-password"
        error={error}
        required
      />
      <PasswordFields
        password={{
          label: t('password.new'),
          ...text('new_password'),
          // The password policy names the field "password" (it also guards account creation).
          invalid: fieldError(error, 'password', lang) ?? fieldError(error, 'new_password', lang),
        }}
        confirm={{ label: t('password.confirm'), ...text('confirm') }}
        mismatch={mismatch ? t('password.mismatch') : undefined}
      />
      <SubmitButton busy={busy} label={t('password.submit')} />
    </form>
  );
}

export function MustChangePassword() {
  const { t } = useI18n();
  const { refresh } = useSession();
  return (
    <Page title={t('password.title')}>
      <Notice>{t('password.must_change')}</Notice>
      <PasswordForm onChanged={() => void refresh()} />
    </Page>
  );
}

export function Settings() {
  const { t, pick } = useI18n();
  const { me, signOut } = useSession();
  if (!me) return null;
  return (
    <Page title={t('settings.title')}>
      <div className="card">
        <h2>{t('settings.account')}</h2>
        <p>
          {personName(me.family_name, me.given_name)} — {me.username}（{me.unit_name}）
        </p>
        <h3>{t('settings.designations')}</h3>
        <ul>
          {me.designations.map((d) => (
            <li key={d.designation_id}>
              {pick(d.role_ja, d.role_en)}（{d.unit_name}）
            </li>
          ))}
        </ul>
      </div>
      <PasswordForm />
      <div className="card">
        <button type="button" onClick={() => void signOut(true)}>
          {t('settings.signout_everywhere')}
        </button>
      </div>
    </Page>
  );
}
