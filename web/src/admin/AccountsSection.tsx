// Accounts (000 第2 2(2)): issue one to a person with an initial password (the server makes the
// person change it at the first sign-in), and disable or re-enable an account.
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { api, ApiError, seg } from '../lib/api';
import { personName } from '../lib/format';
import { useSession } from '../lib/session';
import { useData } from '../lib/useData';
import { ErrorBox, Loading, PasswordFields, SelectField, TextField, useCommand } from '../components/ui';
import { loadAccountStates, type AccountState } from './accounts';
import { AdminTable, CreateForm, idOrUndefined, useCreateForm, usePersonOptions } from './common';
import type { CommandResult, Person } from './types';

function AccountForm({ persons, onCreated }: { persons: Person[]; onCreated(): void }) {
  const { t } = useI18n();
  const [tried, setTried] = useState(false);
  const form = useCreateForm(
    { person_id: '', username: '', password: '', confirm: '' },
    async (f) => {
      setTried(true);
      // The two passwords differ: nothing is sent, the confirmation field says so.
      if (f.confirm !== f.password) return null;
      return api.post<CommandResult & { account_id: number; username: string }>('/api/v1/accounts', {
        person_id: idOrUndefined(f.person_id),
        username: f.username,
        password: f.password,
      });
    },
    () => {
      setTried(false);
      form.setValues({ person_id: '', username: '', password: '', confirm: '' });
      onCreated();
    },
  );
  const { done, field, values: f } = form;
  const mismatch = f.confirm !== f.password && (f.confirm !== '' || tried);
  const candidates = persons.filter((p) => !p.username && p.active);
  const options = usePersonOptions(candidates, t('admin.choose'));
  return (
    <CreateForm
      id="account-form"
      title={t('admin.account.create')}
      form={form}
      submitLabel={t('admin.account.submit')}
      hint={t('admin.account.first_signin')}
      notice={done && { text: t('admin.account.created', { username: done.username, id: done.account_id }), entity: `account:${done.username}` }}
    >
      {candidates.length === 0 && <p>{t('admin.account.no_candidates')}</p>}
      <div className="form-grid">
        <SelectField label={t('admin.account.person')} {...field('person_id')} options={options} required />
        <TextField
          label={t('admin.account.username')}
          {...field('username')}
          required
          autoComplete="off"
          spellCheck={false}
          hint={t('admin.account.username_hint')}
        />
        <PasswordFields
          password={{ label: t('admin.account.password'), ...field('password'), hint: t('admin.account.password_hint') }}
          confirm={{ label: t('admin.account.confirm'), ...form.text('confirm') }}
          mismatch={mismatch ? t('admin.account.mismatch') : undefined}
        />
      </div>
    </CreateForm>
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
      <AdminTable
        data-testid="accounts-table"
        caption={t('admin.account.caption')}
        count={holders.length}
        columns={[t('admin.account.username'), t('admin.person.name'), t('admin.person.unit'), t('admin.account.status'), t('admin.col.actions')]}
      >
        {holders.map((p) => (
          <AccountRow key={p.id} person={p} state={states?.get(p.username as string)} canAdmin={canAdmin} onChanged={reload} />
        ))}
      </AdminTable>
    </>
  );
}
