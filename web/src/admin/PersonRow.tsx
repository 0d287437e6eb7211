// A row of the persons list. For a person in post, an administrator over the person's unit is offered
// 「離職を記録」 (not on themselves: nobody records their own leaving) and 「異動」, each opening its form
// in a row below; a person who has left is shown greyed as 離職, with no action.
import { Fragment, useState } from 'react';
import { useI18n } from '../i18n';
import { personName } from '../lib/format';
import { useSession } from '../lib/session';
import { personKindKey } from './common';
import { LeaveForm, TransferForm } from './MovementForms';
import type { Movement } from './MovementResult';
import type { Person, RoleCatalog, Unit } from './types';

const COLUMNS = 8;

function Actions({ person, open, setOpen }: { person: Person; open: 'leave' | 'transfer' | null; setOpen(o: 'leave' | 'transfer' | null): void }) {
  const { t } = useI18n();
  const { me, can } = useSession();
  if (!person.active || !can('org.admin', person.unit_id)) return null;
  const name = personName(person.family_name, person.given_name);
  const toggle = (o: 'leave' | 'transfer') => setOpen(open === o ? null : o);
  return (
    <div className="row-actions">
      {me?.person_id !== person.id && (
        <button
          type="button"
          className="danger"
          aria-expanded={open === 'leave'}
          aria-controls={`move-${person.id}`}
          aria-label={t('admin.move.leave_label', { name })}
          onClick={() => toggle('leave')}
        >
          {t('admin.move.leave')}
        </button>
      )}
      <button
        type="button"
        aria-expanded={open === 'transfer'}
        aria-controls={`move-${person.id}`}
        aria-label={t('admin.move.transfer_label', { name })}
        onClick={() => toggle('transfer')}
      >
        {t('admin.move.transfer')}
      </button>
    </div>
  );
}

export function PersonRow({ person: p, canAdmin, units, catalog, onMoved }: {
  person: Person;
  canAdmin: boolean;
  units: Unit[];
  catalog: RoleCatalog | null;
  onMoved(m: Movement): void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState<'leave' | 'transfer' | null>(null);
  const close = () => setOpen(null);
  return (
    <Fragment>
      <tr data-person-id={p.id} data-active={p.active ? 'true' : 'false'} className={p.active ? undefined : 'person-left'}>
        <td className="num">{p.id}</td>
        <th scope="row" data-value>
          {personName(p.family_name, p.given_name)}
        </th>
        <td>{p.title}</td>
        <td>{p.unit_name}</td>
        <td>{t(personKindKey(p.kind))}</td>
        <td>{p.active ? t('admin.person.in_post') : <span className="badge badge-left">{t('admin.person.left')}</span>}</td>
        <td>{p.username ? <code>{p.username}</code> : t('common.none')}</td>
        {canAdmin && (
          <td>
            <Actions person={p} open={open} setOpen={setOpen} />
          </td>
        )}
      </tr>
      {open && (
        <tr id={`move-${p.id}`} className="move-row">
          <td colSpan={canAdmin ? COLUMNS : COLUMNS - 1}>
            {open === 'leave' ? (
              <LeaveForm
                person={p}
                catalog={catalog}
                onCancel={close}
                onDone={(result) => {
                  close();
                  onMoved({ kind: 'left', person: p, result });
                }}
              />
            ) : (
              <TransferForm
                person={p}
                units={units}
                onCancel={close}
                onDone={(result) => {
                  close();
                  onMoved({ kind: 'transferred', person: p, result });
                }}
              />
            )}
          </td>
        </tr>
      )}
    </Fragment>
  );
}
