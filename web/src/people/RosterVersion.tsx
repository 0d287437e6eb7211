// /rosters/:roster/versions/:version — one version of a roster: its state and dates, the people it lists
// (with their roles' names; dates of birth and nationality only for holders of people.particulars, as
// the server decides), and the form file as CSV or XLSX. A per-unit roster's version (000 第2 2(7)) is
// read for the unit in the address (?unit_id=), and every link carries it.
import { Loading, Table } from '../components/ui';
import { useI18n } from '../i18n';
import { query, seg } from '../lib/api';
import { Link, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { useData } from '../lib/useData';
import { PeoplePage, personPath, Refusal, rosterPath, useRoleNames, VersionStateBadge } from './common';
import type { RosterVersionDetail } from './types';

function Facts({ d }: { d: RosterVersionDetail }) {
  const { t, pick, date } = useI18n();
  const v = d.version;
  const confirmed = d.roster.confirmation_clause !== '';
  return (
    <section className="card" aria-labelledby="version-facts">
      <h2 id="version-facts">{t('people.detail.facts')}</h2>
      <dl className="facts">
        {d.roster.unit && (
          <>
            <dt>{t('people.units.label')}</dt>
            <dd data-value data-testid="version-unit">
              {pick(d.roster.unit.name_ja, d.roster.unit.name_en)}
            </dd>
          </>
        )}
        <dt>{t('people.col.state')}</dt>
        <dd>
          <VersionStateBadge state={v.state} roster={d.roster} />
        </dd>
        <dt>{t('people.col.reason')}</dt>
        <dd>{v.reason}</dd>
        <dt>{t('people.col.prepared_at')}</dt>
        <dd>{date(v.prepared_at, true)}</dd>
        {confirmed && (
          <>
            <dt>{t('people.col.submitted_at')}</dt>
            <dd>{date(v.submitted_at, true)}</dd>
            <dt>{t('people.col.confirmed')}</dt>
            <dd data-testid="confirmation">
              {date(v.confirmed_on)} {v.confirmation_ref}
            </dd>
          </>
        )}
        <dt>{t('people.col.entries')}</dt>
        <dd>{d.entries.length}</dd>
      </dl>
    </section>
  );
}

function Download({ roster, version, unitId }: { roster: string; version: number; unitId?: number }) {
  const { t } = useI18n();
  const href = (format: 'csv' | 'xlsx') => `/api/v1/rosters/${seg(roster)}/versions/${version}${query({ format, unit_id: unitId })}`;
  return (
    <div className="actions" data-testid="roster-export">
      <span>{t('people.detail.download')}</span>
      <a className="button" href={href('csv')} download data-format="csv">
        {t('people.detail.csv')}
      </a>
      <a className="button" href={href('xlsx')} download data-format="xlsx">
        {t('people.detail.xlsx')}
      </a>
    </div>
  );
}

function Entries({ d, unitId }: { d: RosterVersionDetail; unitId?: number }) {
  const { t, pick, date } = useI18n();
  const { can } = useSession();
  // A person's record needs people.agreements: a システム担当者 reading their unit's record sees names only.
  const linked = can('people.agreements');
  const roleName = useRoleNames();
  const particulars = d.roster.particulars;
  const shown = particulars && d.particulars_shown;
  const rosterName = pick(d.roster.name_ja, d.roster.name_en);
  return (
    <section className="card" aria-labelledby="version-entries">
      <h2 id="version-entries">{t('people.detail.entries')}</h2>
      {particulars && !d.particulars_shown && <p className="hint">{t('people.detail.particulars_hidden')}</p>}
      <Table
        data-testid="entries"
        caption={t('people.detail.caption', { roster: rosterName, n: d.version.version, count: d.entries.length })}
        columns={[
          t('people.col.name'),
          shown && t('people.col.birth_date'),
          t('people.col.department'),
          t('people.col.position'),
          shown && t('people.col.nationality'),
          t('people.col.roles'),
          t('people.col.designated_on'),
          d.roster.agreement !== '' && t('people.col.agreement_id'),
        ]}
      >
        {d.entries.map((e) => (
          <tr key={e.person_id} data-testid="entry" data-person={e.person_id}>
            <th scope="row">
              {linked ? (
                <Link to={personPath(e.person_id)} data-value>
                  {e.name}
                </Link>
              ) : (
                <span data-value>{e.name}</span>
              )}
            </th>
            {shown && <td>{date(e.birth_date)}</td>}
            <td>{e.department}</td>
            <td>{e.position}</td>
            {shown && <td>{e.nationality}</td>}
            <td data-testid="entry-roles">{e.roles.map(roleName).join(t('people.sep'))}</td>
            <td>{date(e.designated_on)}</td>
            {d.roster.agreement !== '' && <td>{e.agreement_id !== null ? t('people.agreement_ref', { id: e.agreement_id }) : ''}</td>}
          </tr>
        ))}
      </Table>
      <Download roster={d.roster.code} version={d.version.version} unitId={unitId} />
      {shown && <p className="hint">{t('people.detail.viewed')}</p>}
    </section>
  );
}

export function RosterVersionPage({ params }: { params: Record<string, string> }) {
  const { t, pick } = useI18n();
  const { search } = useLocation();
  const roster = params.roster ?? '';
  const version = params.version ?? '';
  const unit = search.get('unit_id') ?? '';
  const unitId = /^\d+$/.test(unit) ? Number(unit) : undefined;
  const path = `/api/v1/rosters/${seg(roster)}/versions/${version}${query({ unit_id: unitId })}`;
  const detail = useData<RosterVersionDetail>(/^\d+$/.test(version) ? path : null);
  const d = detail.data;
  const back = (
    <p>
      <Link to={rosterPath(roster, unitId)}>{t('people.detail.back')}</Link>
    </p>
  );
  if (!d)
    return (
      <PeoplePage title={t('people.rosters.title')}>
        {detail.loading && !detail.error && <Loading />}
        <Refusal error={detail.error} perUnit={unitId !== undefined} />
        {back}
      </PeoplePage>
    );
  return (
    <PeoplePage title={t('people.detail.title', { roster: pick(d.roster.name_ja, d.roster.name_en), n: d.version.version })}>
      <Facts d={d} />
      <Entries d={d} unitId={unitId} />
      {back}
    </PeoplePage>
  );
}
