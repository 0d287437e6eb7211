// /training?fiscal_year= — 教育: who has attended the training their designations call for (受講状況 with
// each deadline as the server judges it, overdue rows highlighted), the 教育実施状況記録 of a fiscal year (別紙様式第2; 001 第7 4, 000 第5(3))
// with the form as CSV or XLSX, and, for holders of training.record, the form recording a session.
// Readers hold training.record or compliance.view; anyone else sees the server's refusal.
import { useState } from 'react';
import { ErrorBox, Loading, Notice } from '../components/ui';
import { useI18n } from '../i18n';
import { setSearch, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { Refusal, TrainingPage } from './common';
import { usePersons, usePrograms, useSessions, useStatus } from './data';
import { SessionForm } from './SessionForm';
import { RecordLinks, SessionsTable, YearSwitch } from './SessionsTable';
import { StatusTable } from './StatusTable';
import type { RecordResult } from './types';

function StatusSection({ status }: { status: ReturnType<typeof useStatus> }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="training-status">
      <h2 id="training-status">{t('training.status.title')}</h2>
      <p className="hint">{t('training.status.lead')}</p>
      {status.data ? <StatusTable people={status.data.people} /> : <Loading />}
    </section>
  );
}

export function Training(_props: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { can } = useSession();
  const { search } = useLocation();
  const fy = search.get('fiscal_year') ?? '';
  const sessions = useSessions(fy);
  const status = useStatus();
  const programs = usePrograms();
  const persons = usePersons();
  const [done, setDone] = useState<string | null>(null);
  const title = t('training.title');
  const refused = status.error ?? sessions.error;
  if (refused && !status.data && !sessions.data)
    return (
      <TrainingPage title={title}>
        <Refusal error={refused} />
      </TrainingPage>
    );
  const year = sessions.data?.fiscal_year;
  const recorded = (r: RecordResult) => {
    setDone(t('training.form.recorded', { id: r.session_id, n: r.attendee_count }));
    sessions.reload();
    status.reload();
  };
  return (
    <TrainingPage title={title}>
      <p className="lead">{t('training.lead')}</p>
      {done && <Notice>{done}</Notice>}
      <StatusSection status={status} />
      <section className="card" aria-labelledby="training-sessions">
        <h2 id="training-sessions">{t('training.sessions.title')}</h2>
        {year !== undefined && <YearSwitch fy={year} onYear={(y) => setSearch({ fiscal_year: y })} />}
        <ErrorBox error={sessions.error} />
        {sessions.data ? (
          <>
            <SessionsTable
              sessions={sessions.data.sessions}
              programs={programs.data?.programs ?? []}
              persons={persons.data?.persons ?? []}
              busy={sessions.loading}
            />
            <RecordLinks fy={sessions.data.fiscal_year} />
          </>
        ) : (
          !sessions.error && <Loading />
        )}
      </section>
      {can('training.record') && (
        <div data-testid="record-section">
          {programs.error ? (
            <div className="card" data-testid="programs-missing">
              <p className="notice warn">{t('training.form.no_programs')}</p>
              <ErrorBox error={programs.error} />
            </div>
          ) : programs.data && persons.data ? (
            programs.data.programs.length > 0 ? (
              <SessionForm programs={programs.data.programs} persons={persons.data.persons} onDone={recorded} />
            ) : (
              <p className="empty">{t('training.form.none')}</p>
            )
          ) : (
            <Loading />
          )}
        </div>
      )}
    </TrainingPage>
  );
}
