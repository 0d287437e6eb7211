// /items/:no/:op — the form of one ledger operation on one item. The page warns (but does not
// stop the user) when the item's state does not normally allow the operation: the server decides.
import { useI18n } from '../i18n';
import { seg } from '../lib/api';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';
import { useData } from '../lib/useData';
import { ErrorBox, Loading } from '../components/ui';
import { availableActions, isOp, opClause, opLabel } from '../ledger/actions';
import { LedgerPage } from '../ledger/common';
import { kindInTextKey, kindKey } from '../ledger/labels';
import { FORMS } from '../ledger/OperationForms';
import type { ItemDetail } from '../ledger/types';

export function ItemOperation({ params }: { params: Record<string, string> }) {
  const { t, pick } = useI18n();
  const { me, can } = useSession();
  const no = params.no ?? '';
  const op = params.op ?? '';
  const known = isOp(op);
  const { data, error, loading } = useData<ItemDetail>(known ? `/api/v1/items/${seg(no)}` : null);
  const back = (
    <p>
      <Link to={`/items/${seg(no)}`}>{t('common.back')}</Link>
    </p>
  );

  if (!known)
    return (
      <LedgerPage title={no}>
        <p>{t('ledger.op.unknown')}</p>
        {back}
      </LedgerPage>
    );
  if (!data)
    return (
      <LedgerPage title={no}>
        {loading && <Loading />}
        <ErrorBox error={error} />
        {back}
      </LedgerPage>
    );

  const { item } = data;
  const Form = FORMS[op];
  const usual = availableActions(item, data.entries, data.copies, {
    personId: me?.person_id ?? 0,
    can: (p) => can(p, item.custodian_unit_id),
  }).some((a) => a.op === op);
  return (
    <LedgerPage title={t('ledger.op.title', { action: t(opLabel(op, item.kind)), no: item.control_no })}>
      <p className="op-context">
        <span>{t(kindKey(item.kind))}</span>
        <span>{item.type}</span>
        <span>{item.unit_name}</span>
        <span className={`state state-${item.state}`}>{pick(item.state_ja, item.state_en)}</span>
        <span className="clause">{t('ledger.op.basis', { clause: opClause(op, item.kind) })}</span>
      </p>
      {!usual && (
        <p className="op-warning" role="note" data-testid="op-not-now">
          {t('ledger.op.not_now', { kind: t(kindInTextKey(item.kind)), state: pick(item.state_ja, item.state_en) })}
        </p>
      )}
      <Form ctx={{ op, detail: data }} />
    </LedgerPage>
  );
}
