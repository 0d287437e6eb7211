// A roster kept per 課室等 (000 第2 2(7): the system users of each unit, recorded by its システム担当者): the
// unit picker and the record of the unit in the address (?unit_id=). Without one, the first unit the
// viewer keeps or may read is put in the address; choosing another unit moves there (a new address, so
// the back button returns). Units the viewer keeps or reads are offered first; the server judges reads.
import { useEffect } from 'react';
import { ErrorBox, Loading, SelectField } from '../components/ui';
import { useI18n } from '../i18n';
import { navigate, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { rosterPath } from './common';
import { RosterView } from './RosterView';
import type { RosterDef, UnitRow } from './types';
import { defaultUnit, unitsForViewer, useUnitList } from './units';

function UnitPicker({ roster, units, current }: { roster: RosterDef; units: UnitRow[]; current: number }) {
  const { t, pick } = useI18n();
  const { me } = useSession();
  const mine = unitsForViewer(me, roster, units);
  const option = (u: UnitRow) => ({ value: String(u.id), label: pick(u.name_ja, u.name_en ?? u.name_ja) });
  return (
    <div className="card people-unit" data-testid="unit-picker">
      <SelectField
        label={t('people.units.label')}
        name="unit_id"
        hint={t('people.units.hint')}
        value={String(current)}
        onChange={(e) => navigate(rosterPath(roster.code, Number(e.target.value)))}
        options={[]}
        groups={[
          { label: t('people.units.mine'), options: mine.map(option) },
          { label: t('people.units.others'), options: units.filter((u) => !mine.includes(u)).map(option) },
        ]}
      />
    </div>
  );
}

export function SectionRoster({ roster }: { roster: RosterDef }) {
  const { t } = useI18n();
  const { me } = useSession();
  const { search } = useLocation();
  const units = useUnitList();
  const list = units.data?.units;
  const asked = search.get('unit_id') ?? '';
  const named = /^\d+$/.test(asked);
  const unitId = named ? Number(asked) : list ? defaultUnit(me, roster, list)?.id : undefined;
  useEffect(() => {
    if (!named && unitId !== undefined) navigate(rosterPath(roster.code, unitId), { replace: true });
  }, [named, unitId, roster.code]);
  if (!list) return units.error ? <ErrorBox error={units.error} /> : <Loading />;
  if (unitId === undefined) return <p className="empty">{t('people.units.none')}</p>;
  return (
    <>
      <UnitPicker roster={roster} units={list} current={unitId} />
      <RosterView key={unitId} code={roster.code} unitId={unitId} units={list} />
    </>
  );
}
