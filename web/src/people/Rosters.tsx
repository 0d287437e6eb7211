// /rosters — the rosters of role holders the profile keeps (001 第5 2), one tab per roster (the roster in
// the address), and for a roster kept per 課室等 (000 第2 2(7)) the unit chosen in the address
// (?unit_id=), by default the first the viewer keeps or may read. For holders of people.agreements, and
// for a per-unit roster also the unit's システム担当者 and holders of org.admin; anyone else sees the
// server's refusal.
import { Loading } from '../components/ui';
import { useI18n } from '../i18n';
import { useLocation } from '../lib/router';
import { PeoplePage, Refusal, RosterTabs } from './common';
import { usePeopleDefinitions } from './definitions';
import { RosterView } from './RosterView';
import { SectionRoster } from './SectionRoster';

export function Rosters(_props: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { search } = useLocation();
  const defs = usePeopleDefinitions();
  const title = t('people.rosters.title');
  if (!defs.data)
    return (
      <PeoplePage title={title}>
        {defs.loading && !defs.error ? <Loading /> : <Refusal error={defs.error} />}
      </PeoplePage>
    );
  const { rosters } = defs.data;
  const wanted = search.get('roster') ?? '';
  const current = rosters.find((r) => r.code === wanted) ?? rosters[0];
  return (
    <PeoplePage title={title}>
      {current ? (
        <>
          <RosterTabs rosters={rosters} current={current.code} />
          {current.per_unit ? <SectionRoster key={current.code} roster={current} /> : <RosterView key={current.code} code={current.code} />}
        </>
      ) : (
        <p className="empty">{t('people.rosters.none')}</p>
      )}
    </PeoplePage>
  );
}
