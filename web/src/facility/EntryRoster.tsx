// /facilities/:unit — one facility's 取扱施設等立入名簿 (001 第8 2(1)ウ〜オ, 2(5)): the facility, its permits
// with the actions the viewer's role and each permit's state allow, the 管理責任者's request form, the
// roster's form file as CSV or XLSX, the periodic reviews and the escorted visits. After each command the
// roster is read again and a notice says what was done.
import { useMemo, useState } from 'react';
import { Loading, Notice } from '../components/ui';
import { useI18n } from '../i18n';
import { query } from '../lib/api';
import { Link } from '../lib/router';
import { useData, type Data } from '../lib/useData';
import { ESCORT_ROLE, FacilityPage, KindLabel, Refusal, rosterApi, useFacilityRoles } from './common';
import { RequestForm } from './PermitForms';
import { Permits } from './Permits';
import { Reviews } from './Reviews';
import type { DesignationRow, EntryRoster, PersonRow } from './types';
import { escortsOf, Visits } from './Visits';

function Facts({ roster }: { roster: EntryRoster }) {
  const { t } = useI18n();
  const { keeper, consenter } = useFacilityRoles();
  return (
    <section className="card" aria-labelledby="facility-facts" data-testid="facility-facts">
      <h2 id="facility-facts">{t('facility.roster.facts')}</h2>
      <dl className="facts">
        <dt>{t('facility.col.kind')}</dt>
        <dd>
          <KindLabel kind={roster.facility.kind} />
        </dd>
        <dt>{t('facility.roster.code')}</dt>
        <dd data-value>{roster.facility.code}</dd>
      </dl>
      {!keeper && <p className="hint">{t('facility.roster.keeper_only')}</p>}
      {!consenter && <p className="hint">{t('facility.roster.consenter_only')}</p>}
      <Download id={roster.facility.id} />
    </section>
  );
}

function Download({ id }: { id: number }) {
  const { t } = useI18n();
  const href = (format: 'csv' | 'xlsx') => `${rosterApi(id)}/entry-roster?format=${format}`;
  return (
    <div className="actions" data-testid="roster-export">
      <span>{t('facility.download')}</span>
      <a className="button" href={href('csv')} download data-format="csv">
        {t('facility.download.csv')}
      </a>
      <a className="button" href={href('xlsx')} download data-format="xlsx">
        {t('facility.download.xlsx')}
      </a>
    </div>
  );
}

/**
 * For the 管理責任者's forms only: the people a permit may be requested for and the visitor escorts in
 * force as the server judges them (001 第8 2(5)). The permits carry their own names.
 */
function usePeople(keeper: boolean) {
  const persons = useData<{ persons: PersonRow[] }>(keeper ? '/api/v1/persons' : null);
  const escortPath = `/api/v1/designations${query({ role: ESCORT_ROLE, in_force: 1 })}`;
  const designations = useData<{ designations: DesignationRow[] }>(keeper ? escortPath : null);
  const rows = designations.data?.designations;
  const escorts = useMemo(() => (rows ? escortsOf(rows) : null), [rows]);
  return { persons: persons.data?.persons ?? null, escorts };
}

function RosterView({ id, roster }: { id: number; roster: Data<EntryRoster> }) {
  const { keeper, consenter } = useFacilityRoles();
  const people = usePeople(keeper);
  const [done, setDone] = useState<string | null>(null);
  const r = roster.data;
  if (!r) return roster.loading && !roster.error ? <Loading /> : <Refusal error={roster.error} />;
  const onDone = (text: string) => {
    setDone(text);
    roster.reload();
  };
  return (
    <div data-testid="entry-roster" data-facility={r.facility.id}>
      {done && <Notice>{done}</Notice>}
      <Refusal error={roster.error} />
      <Facts roster={r} />
      <Permits permits={r.permits} keeper={keeper} consenter={consenter} onDone={onDone} />
      {keeper && people.persons && <RequestForm facilityId={id} persons={people.persons} permits={r.permits} onDone={onDone} />}
      <Reviews facilityId={id} reviews={r.reviews} keeper={keeper} onDone={onDone} />
      <Visits facilityId={id} visits={r.visits} escorts={people.escorts} keeper={keeper} onDone={onDone} />
    </div>
  );
}

export function EntryRosterPage({ params }: { params: Record<string, string> }) {
  const { t, pick } = useI18n();
  const raw = params.unit ?? '';
  const id = /^\d+$/.test(raw) ? Number(raw) : null;
  const roster = useData<EntryRoster>(id !== null ? `${rosterApi(id)}/entry-roster` : null);
  const f = roster.data?.facility;
  return (
    <FacilityPage title={f ? t('facility.roster.title', { name: pick(f.name_ja, f.name_en) }) : t('facility.list.title')}>
      {id !== null ? <RosterView id={id} roster={roster} /> : <p className="empty">{t('common.not_found')}</p>}
      <p>
        <Link to="/facilities">{t('facility.roster.back')}</Link>
      </p>
    </FacilityPage>
  );
}
