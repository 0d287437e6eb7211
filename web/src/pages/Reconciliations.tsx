// Stock reconciliations (000 第3 1(3), 第4 1(3)) of the units the user may see, newest first, with
// how many discrepancies are still open; the unit IA officer starts a new count from here.
import { ErrorBox, Loading, Page, Table } from '../components/ui';
import { useI18n } from '../i18n';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';
import { useData } from '../lib/useData';
import { useUnits } from '../work/data';
import { KIND_KEYS, labelOf } from '../work/labels';
import type { Reconciliation } from '../work/types';
import '../work/work.css';

export function Reconciliations(_props: { params: Record<string, string> }) {
  const { t, date } = useI18n();
  const { can } = useSession();
  const units = useUnits();
  const { data, error, loading } = useData<{ reconciliations: Reconciliation[] }>('/api/v1/reconciliations');
  const rows = data?.reconciliations ?? [];
  const open = rows.reduce((n, r) => n + (r.open_discrepancies ?? 0), 0);
  return (
    <Page
      title={t('work.recs.title')}
      actions={
        can('ledger.reconcile') ? (
          <Link to="/reconciliations/new" className="button primary">
            {t('work.recs.new')}
          </Link>
        ) : undefined
      }
    >
      <p className="work-lead">{t('work.recs.lead')}</p>
      <ErrorBox error={error} />
      {!data && loading ? (
        <Loading />
      ) : data && rows.length === 0 ? (
        <p className="work-empty">{t('work.recs.empty')}</p>
      ) : data ? (
        <>
          <p className="work-muted" data-testid="recs-open">
            {t('work.recs.open_total', { n: open })}
          </p>
          <Table
            className="work-table"
            caption={t('work.recs.caption')}
            columns={[
              t('work.col.reconciliation'),
              t('work.col.unit'),
              t('work.col.kind'),
              t('work.col.counted_at'),
              t('work.col.expected'),
              t('work.col.counted'),
              t('work.col.rec_state'),
              t('work.col.open'),
            ]}
          >
            {rows.map((r) => (
              <tr key={r.id} className={(r.open_discrepancies ?? 0) > 0 ? 'work-row-open' : undefined}>
                <th scope="row">
                  <Link to={`/reconciliations/${r.id}`}>{t('work.rec.number', { id: r.id })}</Link>
                </th>
                <td>{units.name(r.unit_id, r.unit_name)}</td>
                <td>{labelOf(t, KIND_KEYS, r.kind)}</td>
                <td>{date(r.counted_at, true)}</td>
                <td className="num">{r.expected_count}</td>
                <td className="num">{r.counted_count}</td>
                <td>{t(r.state === 'closed' ? 'work.rec.closed' : 'work.rec.open')}</td>
                <td className="num">
                  {(r.open_discrepancies ?? 0) > 0 ? (
                    <span className="badge overdue">{r.open_discrepancies}</span>
                  ) : (
                    r.open_discrepancies ?? 0
                  )}
                </td>
              </tr>
            ))}
          </Table>
        </>
      ) : null}
    </Page>
  );
}
