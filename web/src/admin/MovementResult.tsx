// What the persons list shows after a person left or moved: what the command did, where the trail
// recorded it, and where the duties it raised appear; after a transfer, the designations still in force
// (named from the role catalog) with the way to end those the new post does not need. The panel takes
// the focus when it appears, since the form that led to it has closed.
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n';
import { query } from '../lib/api';
import { personName } from '../lib/format';
import { Link } from '../lib/router';
import { useData } from '../lib/useData';
import { ErrorBox, Loading } from '../components/ui';
import { AdminTable, DoneNotice } from './common';
import type { LeaveResult, TransferResult } from './MovementForms';
import type { Designation, Person, RoleCatalog, Unit } from './types';

export type Movement =
  | { kind: 'left'; person: Person; result: LeaveResult }
  | { kind: 'transferred'; person: Person; result: TransferResult };

function DutiesHint() {
  const { t } = useI18n();
  return (
    <p className="hint">
      {t('admin.move.duties_hint')} <Link to="/duties">{t('admin.move.duties_link')}</Link>
    </p>
  );
}

/** The designations the transfer left in force, by the ids the server answered. */
function InForce({ person, ids, catalog }: { person: Person; ids: number[]; catalog: RoleCatalog | null }) {
  const { t, pick } = useI18n();
  const list = useData<{ designations: Designation[] }>(`/api/v1/designations${query({ person_id: person.id })}`);
  const name = personName(person.family_name, person.given_name);
  if (ids.length === 0) return <p>{t('admin.move.in_force_none')}</p>;
  if (list.error) return <ErrorBox error={list.error} />;
  if (!list.data) return <Loading />;
  const held = list.data.designations.filter((d) => ids.includes(d.id));
  const role = (d: Designation) => catalog?.roles.find((r) => r.code === d.role_code);
  return (
    <>
      <p className="hint">{t('admin.move.in_force_hint')}</p>
      <AdminTable
        data-testid="in-force-table"
        caption={t('admin.move.in_force_caption')}
        count={held.length}
        columns={[t('admin.col.id'), t('admin.move.col.role'), t('admin.move.col.scope')]}
      >
        {held.map((d) => {
          const r = role(d);
          return (
            <tr key={d.id} data-designation-id={d.id}>
              <td className="num">{d.id}</td>
              <th scope="row">
                {r ? pick(r.name_ja, r.name_en) : pick(d.role_ja, d.role_en)}
                <div className="small">{r?.clause ?? d.clause}</div>
              </th>
              <td>{d.unit_name}</td>
            </tr>
          );
        })}
      </AdminTable>
      <p>
        <Link to={`/admin/designations${query({ person_id: person.id })}`}>{t('admin.move.in_force_link', { name })}</Link>
      </p>
    </>
  );
}

export function MovementResult({ movement, units, catalog }: { movement: Movement; units: Unit[]; catalog: RoleCatalog | null }) {
  const { t, pick } = useI18n();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), [movement]);
  const { person } = movement;
  const name = personName(person.family_name, person.given_name);
  const entity = `person:${person.id}`;
  if (movement.kind === 'left') {
    const r = movement.result;
    return (
      <section ref={ref} tabIndex={-1} className="card movement-result" data-testid="movement-result" aria-label={t('admin.move.leave_title', { name })}>
        <DoneNotice result={r} entity={entity}>
          {t('admin.move.left_done', { name, n: r.designations_ended })}{' '}
          {t(r.account_disabled ? 'admin.move.left_account' : 'admin.move.left_no_account')}
        </DoneNotice>
        <DutiesHint />
      </section>
    );
  }
  const r = movement.result;
  const unit = units.find((u) => u.id === r.unit_id);
  return (
    <section ref={ref} tabIndex={-1} className="card movement-result" data-testid="movement-result" aria-labelledby="in-force-title">
      <DoneNotice result={r} entity={entity}>
        {t('admin.move.transferred_done', { name, unit: unit ? pick(unit.name_ja, unit.name_en) : String(r.unit_id) })}
      </DoneNotice>
      <h3 id="in-force-title">{t('admin.move.in_force_title')}</h3>
      <InForce person={person} ids={r.designations_in_force} catalog={catalog} />
      <DutiesHint />
    </section>
  );
}
