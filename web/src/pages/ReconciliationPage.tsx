// One reconciliation: what was expected and counted, the differences the server found, and — for
// the unit's IA officer — a form to record the cause and action for each one still open.
import { useCallback, useState } from 'react';
import { ErrorBox, Fact, Loading, Page, Table } from '../components/ui';
import { useI18n } from '../i18n';
import { query, seg } from '../lib/api';
import { personName } from '../lib/format';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';
import { useData } from '../lib/useData';
import { useUnits } from '../work/data';
import { DISCREPANCY_HINTS, DISCREPANCY_KEYS, KIND_KEYS, labelOf, STATE_KEYS } from '../work/labels';
import { ResolveForm, type ResolveResult } from '../work/ResolveForm';
import { StatusNote } from '../work/StatusNote';
import type { Person, ReconciliationDetail } from '../work/types';
import '../work/work.css';

export function ReconciliationPage({ params }: { params: Record<string, string> }) {
  const { t, date } = useI18n();
  const { can } = useSession();
  const units = useUnits();
  const id = params.id ?? '';
  const valid = /^\d+$/.test(id);
  const { data, error, loading, reload } = useData<ReconciliationDetail>(valid ? `/api/v1/reconciliations/${seg(id)}` : null);
  const rec = data?.reconciliation;
  const persons = useData<{ persons: Person[] }>(rec ? `/api/v1/persons${query({ unit_id: rec.unit_id })}` : null);
  const [done, setDone] = useState<string | null>(null);
  const onResolved = useCallback(
    (r: ResolveResult) => {
      setDone(t(r.state === 'closed' ? 'work.disc.resolved_closed' : 'work.disc.resolved', { n: r.open_discrepancies }));
      reload();
    },
    [t, reload],
  );

  const who = (pid: number | null | undefined) => {
    if (!pid) return '';
    const p = persons.data?.persons.find((x) => x.id === pid);
    return p ? personName(p.family_name, p.given_name) : t('work.person_id', { id: pid });
  };

  const title = t('work.rec.title', { id });
  if (!valid)
    return (
      <Page title={title}>
        <p className="work-empty">{t('work.rec.bad_id')}</p>
      </Page>
    );
  if (!data)
    return (
      <Page title={title}>
        <ErrorBox error={error} />
        {loading && <Loading />}
      </Page>
    );
  const r = data.reconciliation;
  const list = data.discrepancies;
  const open = list.filter((d) => d.resolution === null).length;
  const mayResolve = can('ledger.reconcile', r.unit_id);
  return (
    <Page
      title={title}
      actions={
        <Link to="/reconciliations" className="button">
          {t('work.rec.back')}
        </Link>
      }
    >
      {done && <StatusNote testId="resolve-done">{done}</StatusNote>}
      <ErrorBox error={error} />
      <section className="card" aria-labelledby="rec-summary">
        <h2 id="rec-summary">{t('work.rec.summary')}</h2>
        <dl className="work-facts" data-testid="rec-facts">
          <dt>{t('work.col.unit')}</dt>
          <dd>{units.name(r.unit_id, r.unit_name)}</dd>
          <dt>{t('work.col.kind')}</dt>
          <dd>{labelOf(t, KIND_KEYS, r.kind)}</dd>
          <dt>{t('work.col.counted_at')}</dt>
          <dd>{date(r.counted_at, true)}</dd>
          <dt>{t('work.col.counted_by')}</dt>
          <dd>{who(r.counted_by_person_id)}</dd>
          <dt>{t('work.col.expected')}</dt>
          <dd>{r.expected_count}</dd>
          <dt>{t('work.col.counted')}</dt>
          <dd>{r.counted_count}</dd>
          <dt>{t('work.col.rec_state')}</dt>
          <dd data-testid="rec-state" data-state={r.state}>
            {r.state === 'closed'
              ? t('work.rec.closed_at', { at: date(r.closed_at, true) })
              : t('work.rec.open_n', { n: open })}
          </dd>
          <Fact label={t('work.col.note')}>{r.note}</Fact>
        </dl>
      </section>

      <section className="card" aria-labelledby="rec-diffs">
        <h2 id="rec-diffs">
          {t('work.disc.title')}
          <span className={`work-count${open > 0 ? ' work-count-some' : ''}`}>{t('work.disc.count', { n: list.length, open })}</span>
        </h2>
        {list.length === 0 ? (
          <p className="work-empty" data-testid="no-discrepancies">
            {t('work.disc.none')}
          </p>
        ) : (
          <>
            {open > 0 && !mayResolve && <p className="work-muted">{t('work.disc.not_yours')}</p>}
            <Table
              className="work-table"
              data-testid="discrepancies"
              caption={t('work.disc.caption')}
              columns={[t('work.col.control_no'), t('work.col.difference'), t('work.col.ledger_state'), t('work.col.resolution')]}
            >
              {list.map((d) => (
                <tr key={d.id} data-testid="discrepancy" data-control-no={d.control_no} className={d.resolution === null ? 'work-row-open' : undefined}>
                  <th scope="row">
                    {d.item_id ? <Link to={`/items/${seg(d.control_no)}`}>{d.control_no}</Link> : d.control_no}
                  </th>
                  <td>
                    <strong>{labelOf(t, DISCREPANCY_KEYS, d.kind)}</strong>
                    {DISCREPANCY_HINTS[d.kind] && <div className="work-muted">{t(DISCREPANCY_HINTS[d.kind])}</div>}
                  </td>
                  <td>{labelOf(t, STATE_KEYS, d.ledger_state)}</td>
                  <td>
                    {d.resolution !== null ? (
                      <div className="work-resolved">
                        <p>{d.resolution}</p>
                        <p className="work-muted">
                          {t('work.disc.resolved_by', { at: date(d.resolved_at, true), who: who(d.resolved_by_person_id) })}
                        </p>
                      </div>
                    ) : mayResolve ? (
                      <ResolveForm d={d} onDone={onResolved} />
                    ) : (
                      <span>{t('work.disc.unresolved')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          </>
        )}
      </section>
    </Page>
  );
}
