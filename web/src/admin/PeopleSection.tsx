// People: the list (filtered by unit, the filter in the URL) with, per person in post, the leaving and
// transfer forms (PersonRow) and the result of the last one; a form to add a person and the CSV import.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { api, query } from '../lib/api';
import { personName } from '../lib/format';
import { setSearch, useLocation } from '../lib/router';
import { useData } from '../lib/useData';
import { ErrorBox, Loading, SelectField, TextField } from '../components/ui';
import { AdminTable, CreateForm, idOrUndefined, personKindKey, useCreateForm, useUnitOptions } from './common';
import { ImportPanel } from './ImportPanel';
import { MovementResult, type Movement } from './MovementResult';
import { PersonRow } from './PersonRow';
import { PERSON_KINDS, type CommandResult, type Person, type RoleCatalog, type Unit } from './types';

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
  const catalog = useData<RoleCatalog>(canAdmin ? '/api/v1/roles' : null);
  const [movement, setMovement] = useState<Movement | null>(null);
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
      {movement && <MovementResult movement={movement} units={units.data?.units ?? []} catalog={catalog.data} />}
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
            canAdmin && t('admin.col.actions'),
          ]}
        >
          {persons.data.persons.map((p) => (
            <PersonRow
              key={p.id}
              person={p}
              canAdmin={canAdmin}
              units={units.data?.units ?? []}
              catalog={catalog.data}
              onMoved={(m) => {
                setMovement(m);
                persons.reload();
              }}
            />
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
