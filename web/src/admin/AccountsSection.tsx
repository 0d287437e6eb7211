// Accounts (000 第2 2(2)): issue one to a person with an initial password (the server makes the
// person change it at the first sign-in), and disable or re-enable an account.
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { api, ApiError, seg } from '../lib/api';
import { personName } from '../lib/format';
import { useSession } from '../lib/session';
import { useData } from '../lib/useData';
import { ErrorBox, Loading, SelectField, SubmitButton, TextField, useCommand } from '../components/ui';
import { loadAccountStates, type AccountState } from './accounts';
import { DoneNotice, idOrUndefined, useFocusRefused, usePersonOptions } from './common';
import type { CommandResult, Person } from './types';

function AccountForm({ persons, onCreated }: { persons: Person[]; onCreated(): void }) {
  const { t } = useI18n();
  const empty = { person_id: '', username: '', password: '', confirm: '' };
  const [f, setF] = useState(empty);
  const [done, setDone] = useState<(CommandResult & { account_id: number; username: string }) | null>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const [tried, setTried] = useState(false);
  const mismatch = f.confirm !== f.password && (f.confirm !== '' || tried);
  const run = useCallback(async () => {
    setTried(true);
    setDone(null);
    if (f.confirm !== f.password) return null;
    return api.post<CommandResult & { account_id: number; username: string }>('/api/v1/accounts', {
      person_id: idOrUndefined(f.person_id),
      username: f.username,
      password: f.password,
    });
  }, [f]);
  const { submit, error, busy } = useCommand(run, (r) => {
    if (!r) return; // the two passwords differ: the confirmation field says so
    setDone(r);
    setTried(false);
    setF(empty);
    onCreated();
  });
  const formRef = useFocusRefused(error);
  const candidates = persons.filter((p) => !p.username && p.active);
  const options = usePersonOptions(candidates, t('admin.choose'));
  return (
    <form ref={formRef} className="card" onSubmit={submit} noValidate aria-labelledby="account-form-title">
      <h3 id="account-form-title">{t('admin.account.create')}</h3>
      {done && (
        <DoneNotice result={done} entity={`account:${done.username}`}>
          {t('admin.account.created', { username: done.username, id: done.account_id })}
        </DoneNotice>
      )}
      <p className="hint">{t('admin.account.first_signin')}</p>
      <ErrorBox error={error} />
      {candidates.length === 0 && <p>{t('admin.account.no_candidates')}</p>}
      <div className="form-grid">
        <SelectField
          label={t('admin.account.person')}
          name="person_id"
          value={f.person_id}
          onChange={set('person_id')}
          options={options}
          error={error}
          required
        />
        <TextField
          label={t('admin.account.username')}
          name="username"
          value={f.username}
          onChange={set('username')}
          error={error}
          required
          autoComplete="off"
          spellCheck={false}
          hint={t('admin.account.username_hint')}
        />
        <TextField
          label={t('admin.account.password')}
          name="password"
          type="password"
          value={f.password}
          onChange={set('password')}
          error={error}
          required
          autoComplete="new-password"
          hint={t('admin.account.password_hint')}
        />
        <TextField
          label={t('admin.account.confirm')}
          name="confirm"
          type="password"
          value={f.confirm}
          onChange={set('confirm')}
          invalid={mismatch ? t('admin.account.mismatch') : undefined}
          required
          autoComplete="new-password"
        />
      </div>
      <SubmitButton busy={busy} label={t('admin.account.submit')} />
    </form>
  );
}

function AccountRow({
  person,
  state,
  canAdmin,
  onChanged,
}: {
  person: Person;
  state: AccountState | undefined;
  canAdmin: boolean;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const { me } = useSession();
  // Not offered on one's own account (a convenience: one would lock oneself out).
  const self = me?.username === person.username;
  const [done, setDone] = useState<string | null>(null);
  const next = !state?.disabled;
  const run = useCallback(async () => {
    if (!state) return null;
    return api.post<CommandResult>(`/api/v1/accounts/${seg(state.account_id)}/disabled`, { disabled: next });
  }, [state, next]);
  const { submit, error, busy } = useCommand(run, (r) => {
    if (!r) return;
    setDone(t(next ? 'admin.account.disabled_done' : 'admin.account.enabled_done', { username: person.username ?? '' }));
    onChanged();
  });
  const status = !state
    ? t('admin.account.status_unknown')
    : state.disabled
      ? t('admin.account.status_disabled')
      : state.must_change_password
        ? t('admin.account.status_must_change')
        : t('admin.account.status_enabled');
  return (
    <tr data-username={person.username}>
      <th scope="row">
        <code>{person.username}</code>
      </th>
      <td>{personName(person.family_name, person.given_name)}</td>
      <td>{person.unit_name}</td>
      <td>
        <span className={`badge ${state?.disabled ? 'badge-off' : ''}`}>{status}</span>
      </td>
      <td>
        {canAdmin && state && !self && (
          <button
            type="button"
            className={next ? 'danger' : undefined}
            disabled={busy}
            onClick={() => void submit()}
            aria-label={t(next ? 'admin.account.disable_label' : 'admin.account.enable_label', { username: person.username ?? '' })}
          >
            {t(next ? 'admin.account.disable' : 'admin.account.enable')}
          </button>
        )}
        {done && (
          <span className="row-done" role="status">
            {' '}
            {done}
          </span>
        )}
        <ErrorBox error={error} />
      </td>
    </tr>
  );
}

export function AccountsSection({ canAdmin }: { canAdmin: boolean }) {
  const { t } = useI18n();
  const persons = useData<{ persons: Person[] }>('/api/v1/persons');
  const [states, setStates] = useState<Map<string, AccountState> | null>(null);
  const [stateError, setStateError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  const list = persons.data?.persons ?? null;
  useEffect(() => {
    if (!list) return;
    const ctl = new AbortController();
    loadAccountStates(list, ctl.signal)
      .then((s) => {
        setStates(s);
        setStateError(null);
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError) setStateError(e);
      });
    return () => ctl.abort();
  }, [list, tick]);
  const reload = () => {
    persons.reload();
    setTick((n) => n + 1);
  };

  if (persons.error) return <ErrorBox error={persons.error} />;
  if (!list) return <Loading />;
  const holders = list.filter((p) => p.username);
  return (
    <>
      {canAdmin && <AccountForm persons={list} onCreated={reload} />}
      {stateError && (
        <>
          <p className="notice warn">{t('admin.account.status_unavailable')}</p>
          <ErrorBox error={stateError} />
        </>
      )}
      <div className="table-wrap">
        <table data-testid="accounts-table">
          <caption>
            {t('admin.account.caption')} <span className="caption-note">{t('admin.count', { n: holders.length })}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.account.username')}</th>
              <th scope="col">{t('admin.person.name')}</th>
              <th scope="col">{t('admin.person.unit')}</th>
              <th scope="col">{t('admin.account.status')}</th>
              <th scope="col">{t('admin.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {holders.map((p) => (
              <AccountRow
                key={p.id}
                person={p}
                state={states?.get(p.username as string)}
                canAdmin={canAdmin}
                onChanged={reload}
              />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
