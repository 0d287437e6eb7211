// /compliance — how far the organization complies, per profile it has taken: the share of clauses
// satisfied, the count of clauses in each state, the clauses by chapter (filtered by state, the filter
// in the address), the duties open, due soon and overdue, and the violations of each unit. For holders
// of compliance.view; anyone else sees the server's refusal.
import { useId } from 'react';
import { Page } from '../components/ui';
import { useI18n } from '../i18n';
import { query } from '../lib/api';
import { Link, setSearch, useLocation } from '../lib/router';
import { useData } from '../lib/useData';
import { ClauseLink, ComplianceTable, ListCard, StateBadge, Unloaded } from './common';
import { byChapter, CLAUSE_STATES, COVERAGE_KEYS, labelOf, SEVERITIES, STATE_KEYS } from './labels';
import type { ClauseState, ComplianceReport, ProfileCompliance, UnitCompliance } from './types';

const isState = (s: string): s is ClauseState => (CLAUSE_STATES as string[]).includes(s);

function ShareOfClauses({ p }: { p: ProfileCompliance }) {
  const { t } = useI18n();
  const id = useId();
  const percent = Math.round(p.summary.share_satisfied * 1000) / 10;
  return (
    <div className="compliance-share" data-testid="share">
      <label htmlFor={id}>{t('compliance.share')}</label>
      <meter id={id} min={0} max={1} low={0.5} high={0.9} optimum={1} value={p.summary.share_satisfied}>
        {percent}%
      </meter>
      <strong className="compliance-share-value" data-testid="share-value">
        {percent}%
      </strong>
      <span className="hint">{t('compliance.share_of', { n: p.summary.satisfied, total: p.summary.clauses })}</span>
    </div>
  );
}

/** The state filter: one toggle per state with its count; the chosen one is pressed. */
function StateFilter({ p, state, onState }: { p: ProfileCompliance; state: string; onState(s: string): void }) {
  const { t } = useI18n();
  // Counted from the clauses listed, so that a button's count is what it shows.
  const count = (s: ClauseState) => p.clauses.filter((c) => c.state === s).length;
  return (
    <div className="compliance-filter" role="group" aria-label={t('compliance.filter')}>
      <button type="button" aria-pressed={state === ''} onClick={() => onState('')}>
        {t('compliance.filter_all', { n: p.clauses.length })}
      </button>
      {CLAUSE_STATES.filter((s) => s !== 'error' || count(s) > 0 || state === s).map((s) => (
        <button key={s} type="button" aria-pressed={state === s} onClick={() => onState(s)} data-state={s}>
          {t('compliance.filter_state', { state: labelOf(t, STATE_KEYS, s), n: count(s) })}
        </button>
      ))}
    </div>
  );
}

function ClauseTables({ p, state }: { p: ProfileCompliance; state: string }) {
  const { t, pick } = useI18n();
  const rows = isState(state) ? p.clauses.filter((c) => c.state === state) : p.clauses;
  const groups = byChapter(rows);
  if (groups.length === 0)
    return (
      <p className="compliance-empty" data-testid="no-clauses">
        {t('compliance.no_clauses')}
      </p>
    );
  return (
    <div data-testid="clause-tables">
      {groups.map((g) => (
        <ComplianceTable
          key={g.chapter}
          data-chapter={g.chapter}
          caption={
            <>
              <span data-value>{g.chapter}</span> {t('compliance.chapter_count', { n: g.rows.length })}
            </>
          }
          columns={['clause', 'title', 'coverage', 'state', 'violations', 'duties']}
        >
          {g.rows.map((c) => (
            <tr key={c.ref} data-testid="clause-row" data-ref={c.ref} data-state={c.state}>
              <th scope="row">
                <ClauseLink profile={p.profile} value={c.ref} />
              </th>
              <td>{pick(c.title_ja, c.title_en)}</td>
              <td>{labelOf(t, COVERAGE_KEYS, c.coverage)}</td>
              <td>
                <StateBadge state={c.state} />
              </td>
              <td className="num">{c.violations > 0 ? <strong>{c.violations}</strong> : c.violations}</td>
              <td className="num">
                {c.obligations.open + c.obligations.overdue > 0
                  ? t('compliance.duties_cell', { open: c.obligations.open, overdue: c.obligations.overdue })
                  : ''}
              </td>
            </tr>
          ))}
        </ComplianceTable>
      ))}
    </div>
  );
}

function ProfileSection({ p, state, onState }: { p: ProfileCompliance; state: string; onState(s: string): void }) {
  const { t, pick } = useI18n();
  const titleId = useId();
  return (
    <section className="card compliance-profile" aria-labelledby={titleId} data-testid="profile" data-profile={p.profile}>
      <h2 id={titleId}>
        <span data-value>{p.document.code}</span> {pick(p.document.title_ja, p.document.title_en)}
      </h2>
      <p className="hint">{t('compliance.profile_version', { profile: p.profile, version: p.version })}</p>
      <ShareOfClauses p={p} />
      <StateFilter p={p} state={state} onState={onState} />
      <ClauseTables p={p} state={state} />
    </section>
  );
}

function DutySummary({ o }: { o: ComplianceReport['obligations'] }) {
  const { t } = useI18n();
  return (
    <section className="card compliance-duties" aria-labelledby="compliance-duties-title" data-testid="duty-summary">
      <h2 id="compliance-duties-title">{t('compliance.duties.title')}</h2>
      <dl className="compliance-figures">
        <div className={o.overdue > 0 ? 'figure figure-bad' : 'figure'}>
          <dt>{t('compliance.status.overdue')}</dt>
          <dd data-testid="duties-overdue">{o.overdue}</dd>
        </div>
        <div className="figure">
          <dt>{t('compliance.status.due_soon')}</dt>
          <dd data-testid="duties-due-soon">{o.due_soon}</dd>
        </div>
        <div className="figure">
          <dt>{t('compliance.duties.open')}</dt>
          <dd data-testid="duties-open">{o.open}</dd>
        </div>
      </dl>
      <Link to="/duties?scope=units">{t('compliance.duties.calendar')}</Link>
    </section>
  );
}

const issues = (u: UnitCompliance) => SEVERITIES.reduce((n, s) => n + (u.violations[s] ?? 0), 0) + u.overdue_duties;

/** The units with a violation or an overdue duty (the others have nothing to show). */
function UnitTable({ units: all }: { units: UnitCompliance[] }) {
  const { t, pick } = useI18n();
  const units = all.filter((u) => issues(u) > 0);
  return (
    <ListCard
      id="compliance-units-title"
      title={t('compliance.units.title')}
      isEmpty={units.length === 0}
      empty={t('compliance.units.none')}
    >
      <ComplianceTable
        data-testid="unit-table"
        caption={t('compliance.units.caption')}
        columns={['unit', ...SEVERITIES.map((s) => <>{t(`compliance.severity.${s}`)}</>), 'overdue_duties', 'list']}
      >
        {units.map((u) => {
          const total = SEVERITIES.reduce((n, s) => n + (u.violations[s] ?? 0), 0);
          const name = pick(u.name_ja, u.name_en);
          return (
            <tr key={u.unit_id} data-testid="unit-row" data-unit={u.code}>
              <th scope="row">
                <span data-value>{name}</span>
              </th>
              {SEVERITIES.map((s) => (
                <td key={s} className="num" data-severity={s}>
                  {u.violations[s] ?? 0}
                </td>
              ))}
              <td className="num">
                {u.overdue_duties > 0 ? (
                  <Link to={`/duties${query({ scope: 'units', unit_id: u.unit_id })}`}>{u.overdue_duties}</Link>
                ) : (
                  0
                )}
              </td>
              <td>
                {total > 0 ? (
                  <Link to={`/compliance/violations${query({ unit_id: u.unit_id })}`}>
                    {t('compliance.units.show', { n: total })}
                  </Link>
                ) : (
                  t('compliance.units.clean')
                )}
              </td>
            </tr>
          );
        })}
      </ComplianceTable>
    </ListCard>
  );
}

function ProfileTabs({ profiles, current, state }: { profiles: ProfileCompliance[]; current: string; state: string }) {
  const { t, pick } = useI18n();
  return (
    <nav className="compliance-tabs" aria-label={t('compliance.profiles')}>
      <ul>
        {profiles.map((p) => (
          <li key={p.profile}>
            <Link to={`/compliance${query({ profile: p.profile, state })}`} aria-current={p.profile === current ? 'page' : undefined}>
              <span data-value>{p.document.code}</span> {pick(p.document.title_ja, p.document.title_en)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ComplianceDashboard(_props: { params: Record<string, string> }) {
  const { t, date } = useI18n();
  const { search } = useLocation();
  const report = useData<ComplianceReport>('/api/v1/compliance');
  const title = t('compliance.title');
  const data = report.data;
  if (!data) return <Unloaded title={title} error={report.error} loading={report.loading} />;
  const wanted = search.get('profile') ?? '';
  const current = data.profiles.find((p) => p.profile === wanted) ?? data.profiles[0];
  const state = search.get('state') ?? '';
  const onState = (s: string) => setSearch({ profile: wanted || undefined, state: s || undefined });
  return (
    <Page
      title={title}
      actions={
        <Link className="button" to="/compliance/violations">
          {t('compliance.violations.all')}
        </Link>
      }
    >
      <p className="hint" data-testid="evaluated">
        {t('compliance.evaluated', { at: date(data.evaluated_at, true), seq: data.as_of_seq })}
      </p>
      <div className="compliance-top">
        <DutySummary o={data.obligations} />
      </div>
      {data.profiles.length > 1 && <ProfileTabs profiles={data.profiles} current={current.profile} state={state} />}
      {current ? (
        <ProfileSection p={current} state={state} onState={onState} />
      ) : (
        <p className="compliance-empty">{t('compliance.no_profiles')}</p>
      )}
      <UnitTable units={data.units} />
    </Page>
  );
}
