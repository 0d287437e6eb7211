// One medium or device: the facts, what the viewer may record now (derived from the state and the
// viewer's designations in the custodian unit), its 管理簿 in the 別紙様式 layout, the copies
// recorded, and the export of the form as CSV or XLSX.
import { useI18n } from '../i18n';
import { seg } from '../lib/api';
import { personName } from '../lib/format';
import { Link } from '../lib/router';
import { useData } from '../lib/useData';
import { useSession } from '../lib/session';
import { ErrorBox, Fact, Loading, Table } from '../components/ui';
import { availableActions, currentEntry, isOp, OP_INFO, opLabel, opPath } from '../ledger/actions';
import { DestructionFacts, DoneNotice, ExportLinks, LedgerPage, useDoneParam, usePeriodText, usePersons } from '../ledger/common';
import { LedgerSheet } from '../ledger/LedgerSheet';
import { ProtectedRefusal } from '../people/ProtectedRefusal';
import { approvalKey, kindInTextKey, kindKey, movementKey } from '../ledger/labels';
import type { ItemDetail } from '../ledger/types';

export function ItemPage({ params }: { params: Record<string, string> }) {
  const { t, pick, date } = useI18n();
  const { me, can } = useSession();
  const no = params.no ?? '';
  const done = useDoneParam();
  const { data, error, loading } = useData<ItemDetail>(`/api/v1/items/${seg(no)}`);
  const persons = usePersons();
  const period = usePeriodText();

  if (!data) {
    return (
      <LedgerPage title={no}>
        {loading && <Loading />}
        <ProtectedRefusal error={error} />
        <p>
          <Link to="/items">{t('ledger.item.back_to_list')}</Link>
        </p>
      </LedgerPage>
    );
  }

  const { item, entries, copies } = data;
  const unit = item.custodian_unit_id;
  const actions = availableActions(item, entries, copies, {
    personId: me?.person_id ?? 0,
    can: (p) => can(p, unit),
  });
  const cur = currentEntry(item, entries);
  const kind = t(kindKey(item.kind));
  const kindInText = t(kindInTextKey(item.kind));
  const doneText =
    done === 'register'
      ? t('ledger.register.done', { no: item.control_no })
      : done && isOp(done)
        ? t(OP_INFO[done].done)
        : null;
  const personById = (id: number | null | undefined) => {
    const p = persons.data?.persons.find((x) => x.id === id);
    return p ? personName(p.family_name, p.given_name) : '';
  };
  const copyContent = (id?: number) => copies.find((c) => c.id === id)?.content ?? '';

  return (
    <LedgerPage title={t('ledger.item.title', { no: item.control_no, type: item.type, kind })}>
      <DoneNotice text={doneText} />
      <ErrorBox error={error} />

      <section className="card item-actions" aria-labelledby="actions-title">
        <h2 id="actions-title">{t('ledger.item.actions')}</h2>
        {actions.length > 0 ? (
          <ul className="action-list" data-testid="item-actions">
            {actions.map((a) => (
              <li key={`${a.op}-${a.copyId ?? ''}`}>
                <Link className={a.primary ? 'button primary' : 'button'} to={opPath(item.control_no, a.op, a.copyId)}>
                  {a.copyId === undefined
                    ? t(opLabel(a.op, item.kind))
                    : t('ledger.action.copy_label', { action: t(opLabel(a.op, item.kind)), content: copyContent(a.copyId) })}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p data-testid="item-no-actions">{t('ledger.item.no_actions', { kind: kindInText })}</p>
        )}
        <small className="hint">{t('ledger.item.server_judges')}</small>
      </section>

      <div className="grid">
        <section className="card" aria-labelledby="facts-title">
          <h2 id="facts-title">{t('ledger.item.facts')}</h2>
          <dl className="facts">
            <dt>{t('ledger.item.control_no')}</dt>
            <dd>{item.control_no}</dd>
            <dt>{t('ledger.item.kind')}</dt>
            <dd>{kind}</dd>
            <dt>{t('ledger.item.type')}</dt>
            <dd>{item.type}</dd>
            <dt>{t('ledger.item.unit')}</dt>
            <dd>{item.unit_name}</dd>
            <dt>{t('ledger.item.storage')}</dt>
            <dd>{item.storage}</dd>
            <dt>{t('ledger.item.state')}</dt>
            <dd>
              <span className={`state state-${item.state}`} data-testid="item-state">
                {pick(item.state_ja, item.state_en)}
              </span>
            </dd>
            <Fact label={t('ledger.item.vendor')}>{item.vendor}</Fact>
            <Fact label={t('ledger.item.product')}>{item.product}</Fact>
            <Fact label={t('ledger.item.serial')}>{item.serial}</Fact>
            <dt>{t('ledger.item.origin')}</dt>
            <dd>{t(item.origin === 'received' ? 'ledger.item.origin.received' : 'ledger.item.origin.registered')}</dd>
            <Fact label={t('ledger.item.received_from')}>{item.origin === 'received' && item.received_from}</Fact>
            <dt>{t('ledger.item.registered_at')}</dt>
            <dd>{date(item.registered_at, true)}</dd>
          </dl>
        </section>

        {cur && (
          <section className="card" aria-labelledby="current-title">
            <h2 id="current-title">{t('ledger.item.current')}</h2>
            <dl className="facts">
              <dt>{t('ledger.item.holder')}</dt>
              <dd data-testid="current-holder">{cur.user_name}</dd>
              <dt>{t('ledger.item.started_at')}</dt>
              <dd>{date(cur.started_at, true)}</dd>
              <dt>{t('ledger.item.purpose')}</dt>
              <dd>{cur.purpose}</dd>
              <Fact label={t('ledger.item.movement')}>{cur.movement !== 'use' && movementKey(cur.movement) && t(movementKey(cur.movement)!)}</Fact>
              <Fact label={t('ledger.item.period')}>{period(cur)}</Fact>
              <Fact label={t('ledger.item.destination')}>{cur.destination}</Fact>
              <Fact label={t('ledger.item.borrower')}>{cur.borrower}</Fact>
              <Fact label={t('ledger.item.approval')}>{approvalKey(cur.approval) && t(approvalKey(cur.approval)!)}</Fact>
            </dl>
          </section>
        )}

        {item.state === 'destruction_pending' && (
          <section className="card warn" aria-labelledby="pending-title">
            <h2 id="pending-title">{t('ledger.pending.title')}</h2>
            <DestructionFacts item={item} className="facts">
              <dt>{t('ledger.pending.witness')}</dt>
              <dd data-testid="pending-witness">{personById(item.witness_person_id)}</dd>
            </DestructionFacts>
          </section>
        )}
      </div>

      <section className="card" aria-labelledby="sheet-title">
        <h2 id="sheet-title">{t('ledger.item.sheet')}</h2>
        <LedgerSheet item={item} entries={entries} copies={copies} />
        <ExportLinks
          base={`/api/v1/items/${seg(item.control_no)}/ledger`}
          label={t('ledger.export.item', { kind: kindInText })}
          testId="item-export"
        />
      </section>

      {copies.length > 0 && (
        <section className="card" aria-labelledby="copies-title">
          <h2 id="copies-title">{t('ledger.copies.title')}</h2>
          <Table
            className="copies"
            caption={t('ledger.copies.caption')}
            columns={[
              t('ledger.copies.created_at'),
              t('ledger.copies.content'),
              t('ledger.copies.counterparty'),
              t('ledger.copies.purpose'),
              t('ledger.copies.approval'),
              t('ledger.copies.decided_at'),
            ]}
          >
            {copies.map((c) => (
              <tr key={c.id}>
                <td>{date(c.created_at, true)}</td>
                <td>{c.content}</td>
                <td>{c.counterparty}</td>
                <td>{c.purpose}</td>
                <td>{approvalKey(c.approval) ? t(approvalKey(c.approval)!) : c.approval}</td>
                <td>{date(c.approved_at, true)}</td>
              </tr>
            ))}
          </Table>
        </section>
      )}

      <p>
        <Link to="/items">{t('ledger.item.back_to_list')}</Link>
      </p>
    </LedgerPage>
  );
}
