// The permits of a facility's entry roster (001 第8 2(1)ウ, エ): who, from where, why, the state with the
// certificate number, who requested, consented and revoked and when (the names as the roster gives them),
// why revoked; and the actions the state and the viewer's role allow — consent for a pending permit
// (保護システム管理者), revocation of a pending or granted one (管理責任者, opening a form under the table).
import { useState } from 'react';
import { Table } from '../components/ui';
import { useI18n } from '../i18n';
import { PermitStateBadge } from './common';
import { ConsentButton, RevokeForm } from './PermitForms';
import type { Permit } from './types';

interface Props {
  permits: Permit[];
  keeper: boolean;
  consenter: boolean;
  onDone(text: string): void;
}

function Actions({ permit, keeper, consenter, onDone, onRevoke }: Omit<Props, 'permits'> & { permit: Permit; onRevoke(): void }) {
  const { t } = useI18n();
  const open = permit.state !== 'revoked';
  return (
    <div className="row-actions">
      {consenter && permit.state === 'pending_consent' && <ConsentButton permit={permit} onDone={onDone} />}
      {keeper && open && (
        <button type="button" className="danger" onClick={onRevoke} aria-label={t('facility.revoke.open_label', { name: permit.name })}>
          {t('facility.revoke.open')}
        </button>
      )}
    </div>
  );
}

function PermitRow({ permit, keeper, consenter, onDone, onRevoke }: Omit<Props, 'permits'> & { permit: Permit; onRevoke(): void }) {
  const { t, date } = useI18n();
  return (
    <tr data-testid="permit-row" data-permit={permit.id} data-state={permit.state}>
      <th scope="row" className="nowrap" data-value>
        {permit.name}
        {permit.person_active === 0 && <div className="badge left">{t('facility.left')}</div>}
      </th>
      <td data-value>{permit.affiliation}</td>
      <td>{permit.purpose}</td>
      <td>
        <PermitStateBadge permit={permit} />
      </td>
      <td className="nowrap" data-testid="requested">
        {date(permit.requested_at, true)}
        {permit.requested_by && <div data-value>{permit.requested_by}</div>}
      </td>
      <td className="nowrap" data-testid="consented">
        {date(permit.consented_at, true)}
        {permit.consented_by && <div data-value>{permit.consented_by}</div>}
      </td>
      <td data-testid="revoked">
        {date(permit.revoked_at, true)}
        {permit.revoked_by && <div data-value>{permit.revoked_by}</div>}
        {permit.revoke_reason && <div>{permit.revoke_reason}</div>}
      </td>
      {(keeper || consenter) && (
        <td>
          <Actions permit={permit} keeper={keeper} consenter={consenter} onDone={onDone} onRevoke={onRevoke} />
        </td>
      )}
    </tr>
  );
}

export function Permits({ permits, keeper, consenter, onDone }: Props) {
  const { t } = useI18n();
  const [revoking, setRevoking] = useState<number | null>(null);
  const target = permits.find((p) => p.id === revoking && p.state !== 'revoked');
  const done = (text: string) => {
    setRevoking(null);
    onDone(text);
  };
  return (
    <section className="card" aria-labelledby="facility-permits">
      <h2 id="facility-permits">{t('facility.permits.title')}</h2>
      {permits.length === 0 ? (
        <p className="empty">{t('facility.permits.none')}</p>
      ) : (
        <Table
          data-testid="permits"
          caption={t('facility.permits.caption')}
          columns={[
            t('facility.col.person'),
            t('facility.col.affiliation'),
            t('facility.col.purpose'),
            t('facility.col.state'),
            t('facility.col.requested'),
            t('facility.col.consented'),
            t('facility.col.revoked_at'),
            (keeper || consenter) && t('facility.col.actions'),
          ]}
        >
          {permits.map((p) => (
            <PermitRow
              key={p.id}
              permit={p}
              keeper={keeper}
              consenter={consenter}
              onDone={done}
              onRevoke={() => setRevoking(p.id)}
            />
          ))}
        </Table>
      )}
      {keeper && target && <RevokeForm key={target.id} permit={target} onDone={done} onCancel={() => setRevoking(null)} />}
    </section>
  );
}
