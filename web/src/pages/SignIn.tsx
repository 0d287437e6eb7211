import { useState } from 'react';
import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';
import { useSession } from '../lib/session';
import { LanguageSwitch } from '../components/Layout';
import { ErrorBox, Notice, SubmitButton, TextField, useCommand, useValues } from '../components/ui';

export function SignIn({ reason }: { reason?: 'expired' | 'signed-out' }) {
  const { t } = useI18n();
  const { signIn } = useSession();
  const { values, text } = useValues({ username: '', password: '', totp: '' });
  const { username, password, totp } = values;
  const [needTotp, setNeedTotp] = useState(false);
  const { submit, error, busy } = useCommand(async () => {
    try {
      await signIn(username.trim(), password, needTotp ? totp.trim() : undefined);
    } catch (e) {
      if (e instanceof ApiError && e.error.rule === 'auth.totp_required') setNeedTotp(true);
      throw e;
    }
  });
  return (
    <div className="signin">
      <main id="main" className="signin-card">
        <h1>{t('app.name')}</h1>
        <LanguageSwitch />
        <h2>{t('signin.title')}</h2>
        {reason === 'expired' && <Notice>{t('session.expired')}</Notice>}
        {reason === 'signed-out' && <Notice>{t('signin.signed_out')}</Notice>}
        {error && !(error.error.rule === 'auth.totp_required' && !totp) && <ErrorBox error={error} />}
        <form onSubmit={submit} noValidate>
          <TextField label={t('signin.username')} {...text('username')} autoComplete="username" required autoFocus />
          <TextField label={t('signin.password')} {...text('password')} type="password" autoComplete="current-password" required />
          {needTotp && (
            <TextField
              label={t('signin.totp')}
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              hint={t('signin.totp_hint')}
              {...text('totp')}
              required
              autoFocus
            />
          )}
          <SubmitButton busy={busy} label={t('signin.submit')} />
        </form>
      </main>
    </div>
  );
}
