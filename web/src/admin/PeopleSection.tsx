// People: the list (filtered by unit, the filter in the URL) and a form to add a person.
import { useCallback, useState } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { api, query } from '../lib/api';
import { personName } from '../lib/format';
import { setSearch, useLocation } from '../lib/router';
import { useData } from '../lib/useData';
import { ErrorBox, Loading, SelectField, SubmitButton, TextField, useCommand } from '../components/ui';
import { DoneNotice, idOrUndefined, useFocusRefused, useUnitOptions } from './common';
import { PERSON_KINDS, type CommandResult, type Person, type Unit } from './types';

export const personKindKey = (k: string) => `admin.person_kind.${k}` as MessageKey;

function PersonForm({ units, defaultUnit, onCreated }: { units: Unit[]; defaultUnit: string; onCreated(): void }) {
  const { t } = useI18n();
  const empty = { family_name: '', given_name: '', unit_id: defaultUnit, title: '', kind: 'employee', email: '' };
  const [f, setF] = useState(empty);
  const [done, setDone] = useState<(CommandResult & { person_id: number; name: string }) | null>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const run = useCallback(async () => {
    setDone(null);
    const r = await api.post<CommandResult & { person_id: number }>('/api/v1/persons', {
      family_name: f.family_name,
      given_name: f.given_name,
      unit_id: idOrUndefined(f.unit_id),
      title: f.title || undefined,
      kind: f.kind,
      email: f.email || undefined,
    });
    return { ...r, name: personName(f.family_name, f.given_name) };
  }, [f]);
  const { submit, error, busy } = useCommand(run, (r) => {
    setDone(r);
    setF({ ...empty, unit_id: f.unit_id });
    onCreated();
  });
  const formRef = useFocusRefused(error);
  const unitOptions = useUnitOptions(units, t('admin.choose'));
  return (
    <form ref={formRef} className="card" onSubmit={submit} noValidate aria-labelledby="person-form-title">
      <h3 id="person-form-title">{t('admin.person.create')}</h3>
      {done && (
        <DoneNotice result={done} entity={`person:${done.person_id}`}>
          {t('admin.person.created', { name: done.name, id: done.person_id })}
        </DoneNotice>
      )}
      <ErrorBox error={error} />
      <div className="form-grid">
        <TextField
          label={t('admin.person.family_name')}
          name="family_name"
          value={f.family_name}
          onChange={set('family_name')}
          error={error}
          required
        />
        <TextField
          label={t('admin.person.given_name')}
          name="given_name"
          value={f.given_name}
          onChange={set('given_name')}
          error={error}
          required
        />
        <SelectField
          label={t('admin.person.unit')}
          name="unit_id"
          value={f.unit_id}
          onChange={set('unit_id')}
          options={unitOptions}
          error={error}
          required
        />
        <TextField
          label={t('admin.person.title_field')}
          name="title"
          value={f.title}
          onChange={set('title')}
          error={error}
          hint={t('admin.person.title_hint')}
        />
        <SelectField
          label={t('admin.person.kind')}
          name="kind"
          value={f.kind}
          onChange={set('kind')}
          options={PERSON_KINDS.map((k) => ({ value: k, label: t(personKindKey(k)) }))}
          error={error}
        />
        <TextField
          label={t('admin.person.email')}
          name="email"
          type="email"
          value={f.email}
          onChange={set('email')}
          error={error}
          autoComplete="off"
        />
      </div>
      <SubmitButton busy={busy} label={t('admin.person.submit')} />
    </form>
  );
}

export function PeopleSection({ canAdmin }: { canAdmin: boolean }) {
  const { t } = useI18n();
  const { search } = useLocation();
  const unitFilter = /^\d+$/.test(search.get('unit_id') ?? '') ? (search.get('unit_id') as string) : '';
  const units = useData<{ units: Unit[] }>('/api/v1/units');
  const persons = useData<{ persons: Person[] }>(`/api/v1/persons${query({ unit_id: unitFilter })}`);
  const unitOptions = useUnitOptions(units.data?.units ?? [], t('admin.all_units'));
  const error = units.error ?? persons.error;
  return (
    <>
      <ErrorBox error={error} />
      <div className="filters card" role="search" aria-label={t('admin.person.filter_title')}>
        <SelectField
          label={t('admin.person.filter_unit')}
          name="unit_filter"
          value={unitFilter}
          onChange={(e) => setSearch({ unit_id: e.target.value })}
          options={unitOptions}
        />
      </div>
      {!persons.data ? (
        !error && <Loading />
      ) : (
        <div className="table-wrap" aria-busy={persons.loading || undefined}>
          <table data-testid="persons-table">
            <caption>
              {t('admin.person.caption')} <span className="caption-note">{t('admin.count', { n: persons.data.persons.length })}</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.col.id')}</th>
                <th scope="col">{t('admin.person.name')}</th>
                <th scope="col">{t('admin.person.title_field')}</th>
                <th scope="col">{t('admin.person.unit')}</th>
                <th scope="col">{t('admin.person.kind')}</th>
                <th scope="col">{t('admin.person.active')}</th>
                <th scope="col">{t('admin.person.account')}</th>
              </tr>
            </thead>
            <tbody>
              {persons.data.persons.map((p) => (
                <tr key={p.id}>
                  <td className="num">{p.id}</td>
                  <th scope="row" data-value>
                    {personName(p.family_name, p.given_name)}
                  </th>
                  <td>{p.title}</td>
                  <td>{p.unit_name}</td>
                  <td>{t(personKindKey(p.kind))}</td>
                  <td>{t(p.active ? 'admin.person.in_post' : 'admin.person.left')}</td>
                  <td>{p.username ? <code>{p.username}</code> : t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canAdmin && units.data && (
        <PersonForm key={unitFilter} units={units.data.units} defaultUnit={unitFilter} onCreated={persons.reload} />
      )}
    </>
  );
}
