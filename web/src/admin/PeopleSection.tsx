// People: the list (filtered by unit, the filter in the URL), a form to add a person and the CSV import.
import { useI18n, type MessageKey } from '../i18n';
import { api, query } from '../lib/api';
import { personName } from '../lib/format';
import { setSearch, useLocation } from '../lib/router';
import { useData } from '../lib/useData';
import { ErrorBox, Loading, SelectField, TextField } from '../components/ui';
import { AdminTable, CreateForm, idOrUndefined, useCreateForm, useUnitOptions } from './common';
import { ImportPanel } from './ImportPanel';
import { PERSON_KINDS, type CommandResult, type Person, type Unit } from './types';

export const personKindKey = (k: string) => `admin.person_kind.${k}` as MessageKey;

function PersonForm({ units, defaultUnit, onCreated }: { units: Unit[]; defaultUnit: string; onCreated(): void }) {
  const { t } = useI18n();
  const empty = { family_name: '', given_name: '', unit_id: defaultUnit, title: '', kind: 'employee', email: '' };
  const form = useCreateForm(
    empty,
    async (f) => {
      const r = await api.post<CommandResult & { person_id: number }>('/api/v1/persons', {
        family_name: f.family_name,
        given_name: f.given_name,
        unit_id: idOrUndefined(f.unit_id),
        title: f.title || undefined,
        kind: f.kind,
        email: f.email || undefined,
      });
      return { ...r, name: personName(f.family_name, f.given_name) };
    },
    () => {
      form.setValues({ ...empty, unit_id: form.values.unit_id });
      onCreated();
    },
  );
  const { done, field } = form;
  const unitOptions = useUnitOptions(units, t('admin.choose'));
  return (
    <CreateForm
      id="person-form"
      title={t('admin.person.create')}
      form={form}
      submitLabel={t('admin.person.submit')}
      notice={done && { text: t('admin.person.created', { name: done.name, id: done.person_id }), entity: `person:${done.person_id}` }}
    >
      <div className="form-grid">
        <TextField label={t('admin.person.family_name')} {...field('family_name')} required />
        <TextField label={t('admin.person.given_name')} {...field('given_name')} required />
        <SelectField label={t('admin.person.unit')} {...field('unit_id')} options={unitOptions} required />
        <TextField label={t('admin.person.title_field')} {...field('title')} hint={t('admin.person.title_hint')} />
        <SelectField
          label={t('admin.person.kind')}
          {...field('kind')}
          options={PERSON_KINDS.map((k) => ({ value: k, label: t(personKindKey(k)) }))}
        />
        <TextField label={t('admin.person.email')} {...field('email')} type="email" autoComplete="off" />
      </div>
    </CreateForm>
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
        <AdminTable
          data-testid="persons-table"
          busy={persons.loading}
          caption={t('admin.person.caption')}
          count={persons.data.persons.length}
          columns={[
            t('admin.col.id'),
            t('admin.person.name'),
            t('admin.person.title_field'),
            t('admin.person.unit'),
            t('admin.person.kind'),
            t('admin.person.active'),
            t('admin.person.account'),
          ]}
        >
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
        </AdminTable>
      )}
      {canAdmin && units.data && (
        <PersonForm key={unitFilter} units={units.data.units} defaultUnit={unitFilter} onCreated={persons.reload} />
      )}
      {canAdmin && units.data && <ImportPanel units={units.data.units} onImported={persons.reload} />}
    </>
  );
}
