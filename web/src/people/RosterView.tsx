// One roster as its screen shows it (001 第5 2; a 課室等's record of system users, 000 第2 2(7)): what it
// lists and who keeps it, its versions with their states, the changes since the latest version, and the
// people whose records keep a new version from being prepared. The keeper prepares a version, marks it
// submitted and records the outside body's confirmation (rosters without a confirmation step have only
// the first). A per-unit roster is read and prepared for the unit `unitId`.
import { useState } from 'react';
import { Loading, Notice, Table } from '../components/ui';
import { useI18n } from '../i18n';
import { query, seg } from '../lib/api';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';
import { useData } from '../lib/useData';
import { personPath, Refusal, useRoleNames, versionPath, VersionStateBadge } from './common';
import type { RosterDef, RosterOverview, UnitRow, VersionRow } from './types';
import { keepsUnit } from './units';
import { ConfirmForm, PrepareForm, SubmitVersion } from './VersionForms';

function RosterFacts({ roster, roleName }: { roster: RosterDef; roleName(code: string): string }) {
  const { t, pick } = useI18n();
  const confirmed = roster.confirmation_clause !== '';
  const perUnit = !!roster.per_unit;
  return (
    <section className="card" aria-labelledby="roster-facts" data-testid="roster-facts">
      <h2 id="roster-facts">{pick(roster.name_ja, roster.name_en)}</h2>
      <dl className="facts">
        <dt>{t('people.roster.clause')}</dt>
        <dd data-value>{roster.clause}</dd>
        {perUnit && (
          <>
            <dt>{t('people.units.label')}</dt>
            <dd data-value data-testid="roster-unit">
              {roster.unit && pick(roster.unit.name_ja, roster.unit.name_en)}
            </dd>
          </>
        )}
        <dt>{t('people.roster.lists')}</dt>
        <dd>{perUnit ? t('people.roster.lists_unit', { role: roleName(roster.role) }) : roleName(roster.role)}</dd>
        <dt>{t('people.roster.keeper')}</dt>
        <dd>{perUnit ? t('people.roster.keeper_unit', { role: roleName(roster.keeper) }) : roleName(roster.keeper)}</dd>
        <dt>{t('people.roster.confirmation')}</dt>
        <dd>
          {confirmed
            ? t('people.roster.confirmation_by', { by: pick(roster.confirmed_by_ja, roster.confirmed_by_en), clause: roster.confirmation_clause })
            : t('people.roster.no_confirmation')}
        </dd>
      </dl>
      {roster.gates_protected && <p className="gate">{t('people.roster.gates')}</p>}
    </section>
  );
}

/**
 * What the keeper may do with a version now: submit a draft, or open the form recording the
 * confirmation of a submission (shown under the table).
 */
function VersionActions({ roster, v, onDone, onConfirm }: { roster: RosterDef; v: VersionRow; onDone(text: string): void; onConfirm(): void }) {
  const { t, pick } = useI18n();
  if (roster.confirmation_clause === '') return null;
  if (v.state === 'draft') return <SubmitVersion roster={roster} v={v} onDone={onDone} />;
  if (v.state === 'submitted')
    return (
      <button type="button" className="primary" onClick={onConfirm} data-testid="open-confirm">
        {t('people.version.confirm', { by: pick(roster.confirmed_by_ja, roster.confirmed_by_en) })}
      </button>
    );
  return null;
}

function Versions({ data, keeper, unitId, onDone }: { data: RosterOverview; keeper: boolean; unitId?: number; onDone(text: string): void }) {
  const { t, date } = useI18n();
  const { roster, versions } = data;
  const [confirming, setConfirming] = useState<number | null>(null);
  const confirmed = versions.find((v) => v.version === confirming && v.state === 'submitted');
  const done = (text: string) => {
    setConfirming(null);
    onDone(text);
  };
  return (
    <section className="card" aria-labelledby="roster-versions">
      <h2 id="roster-versions">{t('people.versions.title')}</h2>
      {versions.length === 0 ? (
        <p className="empty">{t('people.versions.none')}</p>
      ) : (
        <Table
          data-testid="versions"
          caption={t('people.versions.caption')}
          columns={[
            t('people.col.version'),
            t('people.col.state'),
            t('people.col.reason'),
            t('people.col.prepared_at'),
            roster.confirmation_clause !== '' && t('people.col.submitted_at'),
            roster.confirmation_clause !== '' && t('people.col.confirmed'),
            t('people.col.entries'),
            keeper && roster.confirmation_clause !== '' && t('people.col.actions'),
          ]}
        >
          {versions.map((v) => (
            <tr key={v.id} data-testid="version-row" data-version={v.version} data-state={v.state}>
              <th scope="row" className="nowrap">
                <Link to={versionPath(roster.code, v.version, unitId)} aria-label={t('people.version.open', { n: v.version })}>
                  {t('people.version.number', { n: v.version })}
                </Link>
              </th>
              <td className="nowrap">
                <VersionStateBadge state={v.state} roster={roster} />
              </td>
              <td>{v.reason}</td>
              <td className="nowrap">{date(v.prepared_at, true)}</td>
              {roster.confirmation_clause !== '' && <td className="nowrap">{date(v.submitted_at, true)}</td>}
              {roster.confirmation_clause !== '' && (
                <td data-testid="confirmation">
                  {date(v.confirmed_on)}
                  {v.confirmation_ref && <div>{v.confirmation_ref}</div>}
                </td>
              )}
              <td className="num">{v.entries}</td>
              {keeper && roster.confirmation_clause !== '' && (
                <td>
                  <VersionActions roster={roster} v={v} onDone={done} onConfirm={() => setConfirming(v.version)} />
                </td>
              )}
            </tr>
          ))}
        </Table>
      )}
      {keeper && confirmed && (
        <ConfirmForm key={confirmed.version} roster={roster} v={confirmed} onDone={done} onCancel={() => setConfirming(null)} />
      )}
    </section>
  );
}

function Names({ title, people, testId }: { title: string; people: { person_id: number; name: string }[]; testId: string }) {
  if (people.length === 0) return null;
  return (
    <div data-testid={testId}>
      <h3>{title}</h3>
      <ul>
        {people.map((p) => (
          <li key={p.person_id} data-value>
            {p.name}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Pending({ data, keeper, unitId, onDone }: { data: RosterOverview; keeper: boolean; unitId?: number; onDone(text: string): void }) {
  const { t } = useI18n();
  const { added, removed, changed } = data.pending;
  const none = added.length + removed.length + changed.length === 0;
  return (
    <section className="card" aria-labelledby="roster-pending" data-testid="pending">
      <h2 id="roster-pending">{t('people.pending.title')}</h2>
      {none ? (
        <p className="empty">{t('people.pending.none')}</p>
      ) : (
        <>
          {data.versions.length === 0 && <p>{t('people.pending.first')}</p>}
          <div className="changes">
            <Names title={t('people.pending.added')} people={added} testId="pending-added" />
            <Names title={t('people.pending.removed')} people={removed} testId="pending-removed" />
            <Names title={t('people.pending.changed')} people={changed} testId="pending-changed" />
          </div>
        </>
      )}
      {keeper && !none && <PrepareForm roster={data.roster} unitId={unitId} onDone={onDone} />}
    </section>
  );
}

function Incomplete({ data }: { data: RosterOverview }) {
  const { t } = useI18n();
  const { roster, incomplete } = data;
  return (
    <section className="card" aria-labelledby="roster-incomplete">
      <h2 id="roster-incomplete">{t('people.incomplete.title')}</h2>
      {incomplete.length === 0 ? (
        <p className="empty">{t('people.incomplete.none')}</p>
      ) : (
        <>
          <p>{t('people.incomplete.lead')}</p>
          <Table data-testid="incomplete" caption={t('people.incomplete.caption')} columns={[t('people.col.name'), t('people.col.missing'), '']}>
            {incomplete.map((p) => (
              <tr key={p.person_id} data-testid="incomplete-row" data-person={p.person_id}>
                <th scope="row" data-value>
                  {p.name}
                </th>
                <td>
                  {!p.particulars && <span className="badge missing">{t('people.incomplete.particulars')}</span>}{' '}
                  {!p.agreement && <span className="badge missing">{t('people.incomplete.agreement')}</span>}
                </td>
                <td>
                  <Link to={personPath(p.person_id, p.agreement ? undefined : roster.agreement)}>{t('people.incomplete.open')}</Link>
                </td>
              </tr>
            ))}
          </Table>
        </>
      )}
    </section>
  );
}

/**
 * The roster `code`; for a per-unit roster, the record of `unitId` (named as the server names it; `units`
 * tells whose designation covers it).
 */
export function RosterView({ code, unitId, units = [] }: { code: string; unitId?: number; units?: UnitRow[] }) {
  const { t } = useI18n();
  const { me } = useSession();
  const roleName = useRoleNames();
  const overview = useData<RosterOverview>(`/api/v1/rosters/${seg(code)}${query({ unit_id: unitId })}`);
  const [done, setDone] = useState<string | null>(null);
  const perUnit = unitId !== undefined;
  const data = overview.data;
  if (!data) return overview.loading && !overview.error ? <Loading /> : <Refusal error={overview.error} perUnit={perUnit} />;
  const roster = data.roster;
  const keeper =
    unitId !== undefined
      ? keepsUnit(me, roster, units, unitId)
      : (me?.designations ?? []).some((d) => d.role === roster.keeper);
  const onDone = (text: string) => {
    setDone(text);
    overview.reload();
  };
  return (
    <div data-testid="roster" data-roster={code} data-unit={unitId}>
      {done && <Notice>{done}</Notice>}
      <Refusal error={overview.error} perUnit={perUnit} />
      <RosterFacts roster={roster} roleName={roleName} />
      {!keeper && (
        <p className="hint">
          {perUnit ? t('people.version.keeper_only_unit', { role: roleName(roster.keeper) }) : t('people.version.keeper_only', { role: roleName(roster.keeper) })}
        </p>
      )}
      <Versions data={data} keeper={keeper} unitId={unitId} onDone={onDone} />
      <Pending data={data} keeper={keeper} unitId={unitId} onDone={onDone} />
      <Incomplete data={data} />
    </div>
  );
}
