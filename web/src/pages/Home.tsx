// Home: what waits for the signed-in user — approvals to give, items they hold, items not
// returned in time, discrepancies of a reconciliation to resolve. Each block shows only when the
// user's designations make it theirs; the server scopes every list anyway.
import { Page } from '../components/ui';
import { HomeDuties } from '../compliance/HomeDuties';
import { useI18n } from '../i18n';
import { query } from '../lib/api';
import { personName } from '../lib/format';
import { Link } from '../lib/router';
import { useSession, type Me } from '../lib/session';
import { useData } from '../lib/useData';
import { labelOf, MOVEMENT_KEYS, requestKey } from '../work/labels';
import { HOME_ROWS, ItemNo, WorkSection, WorkTable } from '../work/Section';
import type { ApprovalList, ItemPage, OverdueReport, Reconciliation } from '../work/types';
import { useUnits } from '../work/data';
import '../work/work.css';

function Greeting({ me }: { me: Me }) {
  const { t, pick } = useI18n();
  // The name is data (it stays Japanese in English); the words around it come from the catalog.
  const greeting = t('home.greeting', { name: '\u0000' }).split('\u0000');
  return (
    <section className="card work-greeting" aria-labelledby="home-greeting">
      <h2 id="home-greeting">
        {greeting[0]}
        <span data-value>{personName(me.family_name, me.given_name)}</span>
        {greeting[1]}
      </h2>
      <p className="work-muted">
        {me.title ? t('home.title_unit', { title: me.title, unit: me.unit_name }) : me.unit_name}
      </p>
      {me.designations.length > 0 ? (
        <>
          <h3 className="work-subhead">{t('home.designations')}</h3>
          <ul className="work-designations" data-testid="home-designations">
            {me.designations.map((d) => (
              <li key={d.designation_id}>
                {t('home.designation', { role: pick(d.role_ja, d.role_en), unit: d.unit_name })}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('home.no_designations')}</p>
      )}
    </section>
  );
}

function ApprovalsSection() {
  const { t, date } = useI18n();
  const { data, error } = useData<ApprovalList>('/api/v1/approvals');
  const rows = data?.approvals ?? [];
  return (
    <WorkSection
      id="home-approvals"
      title={t('home.approvals.title')}
      count={data ? rows.length : null}
      error={error}
      empty={t('home.approvals.empty')}
      more={{ to: '/approvals', label: t('home.approvals.open') }}
    >
      <WorkTable
        caption={t('home.approvals.caption')}
        columns={[t('work.col.no'), t('work.col.request'), t('work.col.requester'), t('work.col.until')]}
        rows={rows}
        total={rows.length}
        row={(a) => (
          <tr key={`${a.type}-${a.copy_id ?? a.entry_id ?? a.control_no}`}>
            <ItemNo no={a.control_no} />
            <td>{t(requestKey(a))}</td>
            <td>{a.user_name ?? ''}</td>
            <td>{date(a.handover_at ?? a.period_until ?? null, true)}</td>
          </tr>
        )}
      />
    </WorkSection>
  );
}

function HeldSection({ personId }: { personId: number }) {
  const { t, date, pick } = useI18n();
  const { data, error } = useData<ItemPage>(`/api/v1/items${query({ holder_person_id: personId, per_page: HOME_ROWS })}`);
  const rows = data?.items ?? [];
  return (
    <WorkSection
      id="home-held"
      title={t('home.held.title')}
      count={data ? data.total : null}
      error={error}
      empty={t('home.held.empty')}
      more={{ to: `/items${query({ holder_person_id: personId })}`, label: t('home.show_all') }}
    >
      <WorkTable
        caption={t('home.held.caption')}
        columns={[t('work.col.no'), t('work.col.type'), t('work.col.state'), t('work.col.since'), t('work.col.until')]}
        rows={rows}
        total={data?.total}
        row={(i) => (
          <tr key={i.id}>
            <ItemNo no={i.control_no} />
            <td>{i.type}</td>
            <td>
              {pick(i.state_ja, i.state_en)}
              {i.overdue && <span className="badge overdue work-badge">{t('home.overdue_badge')}</span>}
            </td>
            <td>{date(i.started_at, true)}</td>
            <td>{date(i.period_until, true)}</td>
          </tr>
        )}
      />
    </WorkSection>
  );
}

function OverdueSection() {
  const { t, date } = useI18n();
  const { data, error } = useData<OverdueReport>('/api/v1/reports/overdue');
  const rows = data?.items ?? [];
  return (
    <WorkSection
      id="home-overdue"
      title={t('home.overdue.title')}
      count={data ? rows.length : null}
      error={error}
      empty={t('home.overdue.empty')}
      more={{ to: `/items${query({ overdue: 1 })}`, label: t('home.show_all') }}
    >
      {data && <p className="work-muted">{t('home.overdue.cutoff', { cutoff: date(data.cutoff, true) })}</p>}
      <WorkTable
        caption={t('home.overdue.caption')}
        columns={[t('work.col.no'), t('work.col.type'), t('work.col.user'), t('work.col.movement'), t('work.col.since'), t('work.col.until')]}
        rows={rows}
        total={rows.length}
        row={(o, n) => (
          <tr key={`${o.control_no}-${n}`}>
            <ItemNo no={o.control_no} />
            <td>{o.type}</td>
            <td>{o.user_name}</td>
            <td>{labelOf(t, MOVEMENT_KEYS, o.movement)}</td>
            <td>{date(o.started_at, true)}</td>
            <td>{date(o.period_until, true)}</td>
          </tr>
        )}
      />
    </WorkSection>
  );
}

function DiscrepancySection() {
  const { t, date } = useI18n();
  const { can } = useSession();
  const units = useUnits();
  const { data, error } = useData<{ reconciliations: Reconciliation[] }>('/api/v1/reconciliations');
  const rows = (data?.reconciliations ?? []).filter(
    (r) => (r.open_discrepancies ?? 0) > 0 && can('ledger.reconcile', r.unit_id),
  );
  const total = rows.reduce((n, r) => n + (r.open_discrepancies ?? 0), 0);
  return (
    <WorkSection
      id="home-discrepancies"
      title={t('home.discrepancies.title')}
      count={data ? total : null}
      error={error}
      empty={t('home.discrepancies.empty')}
      more={{ to: '/reconciliations', label: t('home.show_all') }}
    >
      <WorkTable
        caption={t('home.discrepancies.caption')}
        columns={[t('work.col.reconciliation'), t('work.col.unit'), t('work.col.counted_at'), t('work.col.open')]}
        rows={rows}
        row={(r) => (
          <tr key={r.id}>
            <th scope="row">
              <Link to={`/reconciliations/${r.id}`}>{t('work.rec.number', { id: r.id })}</Link>
            </th>
            <td>{units.name(r.unit_id, r.unit_name)}</td>
            <td>{date(r.counted_at, true)}</td>
            <td className="num">{r.open_discrepancies}</td>
          </tr>
        )}
      />
    </WorkSection>
  );
}

export function Home(_props: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { me, can } = useSession();
  if (!me) return null;
  const approve = can('ledger.approve');
  const view = can('ledger.view');
  const reconcile = can('ledger.reconcile');
  // Duties are owned through roles: shown to those designated to one (or who watch compliance).
  const duties = me.designations.length > 0 || can('compliance.view');
  return (
    <Page title={t('home.title')}>
      <Greeting me={me} />
      <div className="work-sections">
        {approve && <ApprovalsSection />}
        {view && <HeldSection personId={me.person_id} />}
        {view && <OverdueSection />}
        {reconcile && <DiscrepancySection />}
        {duties && <HomeDuties />}
      </div>
      {!approve && !view && !reconcile && !duties && <p className="work-empty">{t('home.nothing')}</p>}
    </Page>
  );
}
