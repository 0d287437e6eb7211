// Approvals inbox for the 部隊等情報保証責任者: take-outs, loans, handovers and copies waiting for a
// decision in the units where the user holds ledger.approve. Without that designation the page
// says so and offers nothing to press; the server refuses anyway.
import { useCallback, useState } from 'react';
import { ErrorBox, Loading, Page } from '../components/ui';
import { useI18n } from '../i18n';
import { useSession } from '../lib/session';
import { useData } from '../lib/useData';
import { ApprovalCard, approvalKey, type Decision } from '../work/ApprovalCard';
import { requestKey } from '../work/labels';
import { StatusNote } from '../work/StatusNote';
import type { Approval, ApprovalList } from '../work/types';
import '../work/work.css';

function Inbox() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useData<ApprovalList>('/api/v1/approvals');
  const [done, setDone] = useState<string | null>(null);
  const onDecided = useCallback(
    (a: Approval, d: Decision) => {
      setDone(
        t(d === 'approve' ? 'work.approvals.approved' : 'work.approvals.rejected', { no: a.control_no, what: t(requestKey(a)) }),
      );
      reload();
    },
    [t, reload],
  );
  const rows = data?.approvals ?? [];
  return (
    <>
      {done && <StatusNote testId="approvals-done">{done}</StatusNote>}
      <ErrorBox error={error} />
      {!data && loading ? (
        <Loading />
      ) : data && rows.length === 0 ? (
        <p className="work-empty" data-testid="approvals-empty">
          {t('work.approvals.empty')}
        </p>
      ) : data ? (
        <>
          <p className="work-muted" data-testid="approvals-count">
            {t('work.approvals.count', { n: rows.length })}
          </p>
          <div className="work-approvals">
            {rows.map((a) => (
              <ApprovalCard key={approvalKey(a)} a={a} onDecided={onDecided} />
            ))}
          </div>
        </>
      ) : null}
    </>
  );
}

export function Approvals(_props: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { can } = useSession();
  return (
    <Page title={t('work.approvals.title')}>
      <p className="work-lead">{t('work.approvals.lead')}</p>
      {can('ledger.approve') ? (
        <Inbox />
      ) : (
        <p className="work-empty" data-testid="approvals-denied">
          {t('work.approvals.denied')}
        </p>
      )}
    </Page>
  );
}
