// Designations (000 第1): who holds which role, where, since when and why; designate a person (the
// server applies who-may-designate, the eligible pool, the minimum-necessary rule and issues the
// 指定書) and end a designation with a reason. Refusals appear beside the field the server names.
// `?person_id=` narrows the list to one person (the transfer result links here).
import { Fragment, useCallback, useState } from 'react';
import { useI18n } from '../i18n';
import { api, query, seg } from '../lib/api';
import { fromLocalInput, personName } from '../lib/format';
import { Link, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { useData } from '../lib/useData';
import { ErrorBox, Loading, SelectField, SubmitButton, TextArea, TextField, useCommand, useRefusalFocus } from '../components/ui';
import { AdminTable, CreateForm, DoneNotice, idOrUndefined, useCreateForm, usePersonOptions, useUnitOptions } from './common';
import type { CommandResult, Designation, Person, Role, RoleCatalog, Unit } from './types';

export type DesignationStatus = 'active' | 'revoked' | 'expired' | 'pending';

export function designationStatus(d: Pick<Designation, 'revoked_at' | 'valid_from' | 'valid_until'>, now = Date.now()): DesignationStatus {
  if (d.revoked_at) return 'revoked';
  if (d.valid_until && Date.parse(d.valid_until) <= now) return 'expired';
  if (Date.parse(d.valid_from) > now) return 'pending';
  return 'active';
}

function RoleInfo({ role, catalog }: { role: Role; catalog: RoleCatalog }) {
  const { t, pick } = useI18n();
  const { me } = useSession();
  const roleName = (code: string) => {
    const r = catalog.roles.find((x) => x.code === code);
    return r ? pick(r.name_ja, r.name_en) : code;
  };
  const mine = new Set(me?.designations.map((d) => d.role) ?? []);
  const mayDesignate = role.designated_by.some((c) => mine.has(c));
  const perms = role.permissions.map((code) => {
    const p = catalog.permissions.find((x) => x.code === code);
    return p ? pick(p.name_ja, p.name_en) : code;
  });
  return (
    <div className="role-info" aria-live="polite" data-testid="role-info">
      <dl>
        <dt>{t('admin.role.clause')}</dt>
        <dd>{role.clause}</dd>
        <dt>{t('admin.role.designated_by')}</dt>
        <dd>{role.designated_by.length ? role.designated_by.map(roleName).join(t('admin.list_sep')) : t('common.none')}</dd>
        <dt>{t('admin.role.permissions')}</dt>
        <dd>{perms.length ? perms.join(t('admin.list_sep')) : t('common.none')}</dd>
      </dl>
      <ul>
        {role.eligible_pool && <li>{t('admin.role.pool', { pool: roleName(role.eligible_pool), clause: role.clause })}</li>}
        {role.minimum_necessary && <li>{t('admin.role.minimum')}</li>}
        {role.certificate && <li>{t('admin.role.certificate', { label: role.certificate_label })}</li>}
        {role.org_wide && <li>{t('admin.role.org_wide')}</li>}
        <li>{t(mayDesignate ? 'admin.role.you_can' : 'admin.role.you_cannot')}</li>
      </ul>
    </div>
  );
}

type DesignationCreated = CommandResult & { designation_id: number; certificate_id?: number; certificate_number?: string };

export function DesignationForm({
  catalog,
  persons,
  units,
  onCreated,
}: {
  catalog: RoleCatalog;
  persons: Person[];
  units: Unit[];
  onCreated(): void;
}) {
  const { t, pick, offsetMinutes } = useI18n();
  const empty = { role: '', person_id: '', unit_id: '', valid_from: '', valid_until: '', note: '' };
  const form = useCreateForm(
    empty,
    (f) =>
      api.post<DesignationCreated>('/api/v1/designations', {
        role: f.role || undefined,
        person_id: idOrUndefined(f.person_id),
        unit_id: idOrUndefined(f.unit_id),
        valid_from: f.valid_from ? fromLocalInput(f.valid_from, offsetMinutes) : undefined,
        valid_until: f.valid_until ? fromLocalInput(f.valid_until, offsetMinutes) : undefined,
        note: f.note || undefined,
      }),
    () => {
      form.setValues(empty);
      onCreated();
    },
  );
  const { done, field } = form;
  // Roles one belongs to by being in a unit (職員) are not designated: the server refuses them.
  const roles = catalog.roles.filter((r) => !r.implicit_member);
  const role = roles.find((r) => r.code === form.values.role);
  const roleOptions = [
    { value: '', label: t('admin.choose') },
    ...roles.map((r) => ({ value: r.code, label: t('admin.role.option', { name: pick(r.name_ja, r.name_en), clause: r.clause }) })),
  ];
  const personOptions = usePersonOptions(
    persons.filter((p) => p.active),
    t('admin.choose'),
  );
  const unitOptions = useUnitOptions(units, t('admin.choose'));
  return (
    <CreateForm
      id="designation-form"
      title={t('admin.designation.create')}
      form={form}
      submitLabel={t('admin.designation.submit')}
      notice={
        done && {
          text: (
            <>
              {t('admin.designation.created', { id: done.designation_id })}
              {done.certificate_number && <> {t('admin.designation.certificate_issued', { number: done.certificate_number })}</>}
            </>
          ),
          entity: `designation:${done.designation_id}`,
        }
      }
    >
      <div className="form-grid">
        <div>
          <SelectField label={t('admin.designation.role')} {...field('role')} options={roleOptions} required />
          {role && <RoleInfo role={role} catalog={catalog} />}
        </div>
        <div>
          <SelectField
            label={t('admin.designation.person')}
            {...field('person_id')}
            options={personOptions}
            required
            hint={role?.eligible_pool ? t('admin.designation.person_pool_hint') : undefined}
          />
          <SelectField
            label={t('admin.designation.unit')}
            {...field('unit_id')}
            options={unitOptions}
            required
            hint={t('admin.designation.unit_hint')}
          />
          <TextField
            label={t('admin.designation.valid_from')}
            {...field('valid_from')}
            type="datetime-local"
            hint={t('admin.designation.valid_from_hint')}
          />
          <TextField
            label={t('admin.designation.valid_until')}
            {...field('valid_until')}
            type="datetime-local"
            hint={t('admin.designation.valid_until_hint')}
          />
        </div>
      </div>
      <TextArea
        label={t('admin.designation.note')}
        {...field('note')}
        required={role?.minimum_necessary}
        hint={t(role?.minimum_necessary ? 'admin.designation.note_hint_minimum' : 'admin.designation.note_hint')}
      />
    </CreateForm>
  );
}

function RevokeForm({ d, onDone, onCancel }: { d: Designation; onDone(r: CommandResult): void; onCancel(): void }) {
  const { t, pick } = useI18n();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const missing = tried && reason.trim() === '';
  const run = useCallback(async () => {
    setTried(true);
    // The reason is recorded with the revocation in the trail (the command's input).
    if (reason.trim() === '') return null;
    return api.post<CommandResult>(`/api/v1/designations/${seg(d.id)}/revocation`, { reason: reason.trim() });
  }, [d.id, reason]);
  const { submit, error, busy } = useCommand(run, (r) => {
    if (r) onDone(r);
  });
  const formRef = useRefusalFocus(error);
  const titleId = `revoke-${d.id}-title`;
  return (
    <form ref={formRef} className="revoke-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h4 id={titleId}>
        {t('admin.designation.revoke_title', { id: d.id, role: pick(d.role_ja, d.role_en), person: d.person_name })}
      </h4>
      <ErrorBox error={error} />
      <TextArea
        label={t('admin.designation.reason')}
        name="reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={error}
        invalid={missing ? t('admin.designation.reason_missing') : undefined}
        hint={t('admin.designation.reason_hint')}
        required
      />
      <div className="actions">
        <SubmitButton busy={busy} label={t('admin.designation.revoke_submit')} className="danger" />
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

const STATUS_KEY = {
  active: 'admin.designation.status.active',
  revoked: 'admin.designation.status.revoked',
  expired: 'admin.designation.status.expired',
  pending: 'admin.designation.status.pending',
} as const;

function DesignationTable({
  list,
  persons,
  catalog,
  canAdmin,
  onChanged,
}: {
  list: Designation[];
  persons: Person[];
  catalog: RoleCatalog;
  canAdmin: boolean;
  onChanged(id: number, r: CommandResult): void;
}) {
  const { t, pick, date } = useI18n();
  const [revoking, setRevoking] = useState<number | null>(null);
  const { me } = useSession();
  // Offered only where the user holds a role that designates this one (a convenience: the server
  // also checks the scope, and refuses otherwise).
  const mine = new Set(me?.designations.map((x) => x.role) ?? []);
  const mayDesignate = (code: string) => !!catalog.roles.find((r) => r.code === code)?.designated_by.some((c) => mine.has(c));
  const nameOf = (id: number | null) => {
    if (id === null) return t('admin.designation.by_system');
    const p = persons.find((x) => x.id === id);
    return p ? personName(p.family_name, p.given_name) : String(id);
  };
  const rows = [...list].sort((a, b) => b.id - a.id);
  return (
    <AdminTable
      data-testid="designations-table"
      caption={t('admin.designation.caption')}
      count={list.length}
      columns={[
        t('admin.col.id'),
        t('admin.designation.role_clause'),
        t('admin.designation.person'),
        t('admin.designation.unit'),
        t('admin.designation.period'),
        t('admin.designation.status'),
        t('admin.designation.note'),
        t('admin.designation.designated_by'),
        canAdmin && t('admin.col.actions'),
      ]}
    >
      {rows.map((d) => {
        const status = designationStatus(d);
        return (
          <Fragment key={d.id}>
            <tr data-designation-id={d.id} data-status={status}>
              <td className="num">{d.id}</td>
              <th scope="row">
                {pick(d.role_ja, d.role_en)}
                <div className="small" data-value>
                  {d.clause}
                </div>
              </th>
              <td>{d.person_name}</td>
              <td>{d.unit_name}</td>
              <td>
                {t('admin.designation.period_value', {
                  from: date(d.valid_from, true),
                  until: d.valid_until ? date(d.valid_until, true) : t('admin.designation.open_ended'),
                })}
              </td>
              <td>
                <span className={`badge status-${status}`}>{t(STATUS_KEY[status])}</span>
                {d.revoked_at && (
                  <div className="small">
                    {t('admin.designation.revoked_at', { date: date(d.revoked_at, true), by: nameOf(d.revoked_by_person_id) })}
                  </div>
                )}
              </td>
              <td className="pre-wrap">{d.note || t('common.none')}</td>
              <td>{nameOf(d.designated_by_person_id)}</td>
              {canAdmin && (
                <td>
                  {status !== 'revoked' && mayDesignate(d.role_code) && (
                    <button
                      type="button"
                      className="danger"
                      aria-expanded={revoking === d.id}
                      aria-controls={`revoke-${d.id}`}
                      aria-label={t('admin.designation.revoke_label', { id: d.id, role: pick(d.role_ja, d.role_en), person: d.person_name })}
                      onClick={() => setRevoking(revoking === d.id ? null : d.id)}
                    >
                      {t('admin.designation.revoke')}
                    </button>
                  )}
                </td>
              )}
            </tr>
            {revoking === d.id && (
              <tr id={`revoke-${d.id}`} className="revoke-row">
                <td colSpan={canAdmin ? 9 : 8}>
                  <RevokeForm
                    d={d}
                    onCancel={() => setRevoking(null)}
                    onDone={(r) => {
                      setRevoking(null);
                      onChanged(d.id, r);
                    }}
                  />
                </td>
              </tr>
            )}
          </Fragment>
        );
      })}
    </AdminTable>
  );
}

/** Says the list shows one person's designations (?person_id=, e.g. after a transfer), with the way back. */
function PersonFilter({ personId, persons }: { personId: number; persons: Person[] }) {
  const { t } = useI18n();
  const p = persons.find((x) => x.id === personId);
  return (
    <p className="notice" data-testid="designations-filter">
      {t('admin.designation.filtered', { name: p ? personName(p.family_name, p.given_name) : String(personId) })}{' '}
      <Link to="/admin/designations">{t('admin.designation.show_all')}</Link>
    </p>
  );
}

export function DesignationsSection({ canAdmin }: { canAdmin: boolean }) {
  const { t } = useI18n();
  const { search } = useLocation();
  const personId = /^\d+$/.test(search.get('person_id') ?? '') ? Number(search.get('person_id')) : undefined;
  const list = useData<{ designations: Designation[] }>(`/api/v1/designations${query({ person_id: personId })}`);
  const catalog = useData<RoleCatalog>('/api/v1/roles');
  const persons = useData<{ persons: Person[] }>('/api/v1/persons');
  const units = useData<{ units: Unit[] }>('/api/v1/units');
  const [revoked, setRevoked] = useState<{ id: number; result: CommandResult } | null>(null);
  const error = list.error ?? catalog.error ?? persons.error ?? units.error;
  if (error) return <ErrorBox error={error} />;
  if (!list.data || !catalog.data || !persons.data || !units.data) return <Loading />;
  return (
    <>
      {canAdmin && (
        <DesignationForm
          catalog={catalog.data}
          persons={persons.data.persons}
          units={units.data.units}
          onCreated={() => {
            setRevoked(null);
            list.reload();
          }}
        />
      )}
      {personId !== undefined && <PersonFilter personId={personId} persons={persons.data.persons} />}
      {revoked !== null && (
        <DoneNotice result={revoked.result} entity={`designation:${revoked.id}`}>
          {t('admin.designation.revoked_done', { id: revoked.id })}
        </DoneNotice>
      )}
      <DesignationTable
        list={list.data.designations}
        persons={persons.data.persons}
        catalog={catalog.data}
        canAdmin={canAdmin}
        onChanged={(id, result) => {
          setRevoked({ id, result });
          list.reload();
        }}
      />
    </>
  );
}
