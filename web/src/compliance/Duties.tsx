// /duties — the obligation calendar: the duties the user owns (or, for holders of compliance.view,
// those of their units), grouped overdue / due soon / later / done, each with its due date, owner role
// and escalation, and — when the server says the user may — "mark done with evidence". ?id=N opens one
// occurrence (the reminder e-mails link there); ?scope=units&unit_id= come from the dashboard.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Page } from '../components/ui';
import { useI18n } from '../i18n';
import { Link, setSearch, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { useData } from '../lib/useData';
import type { RoleCatalog } from '../admin/types';
import { StatusNote } from '../work/StatusNote';
import '../work/work.css';
import { ClauseLink, EvidenceLink, Refusal, StatusBadge } from './common';
import { CompletionForm } from './CompletionForm';
import { useDuties } from './data';
import type { Duty, DutyStatus } from './types';

/** Done duties shown (the newest). */
export const DONE_SHOWN = 50;
const GROUPS = ['overdue', 'due_soon', 'open', 'done'] as const;
type Group = (typeof GROUPS)[number];
const groupOf = (s: DutyStatus): Group => (s === 'cancelled' ? 'done' : s);

function byDue(a: Duty, b: Duty) {
  return a.due_at < b.due_at ? -1 : a.due_at > b.due_at ? 1 : a.id - b.id;
}
function byDone(a: Duty, b: Duty) {
  return (b.done_at ?? '').localeCompare(a.done_at ?? '') || b.id - a.id;
}

/** A role's name in the viewer's language from the catalog, or its code. */
function useRoleName() {
  const { pick } = useI18n();
  const catalog = useData<RoleCatalog>('/api/v1/roles');
  return useCallback(
    (code: string | null) => {
      if (!code) return '';
      const r = catalog.data?.roles.find((x) => x.code === code);
      return r ? pick(r.name_ja, r.name_en) : code;
    },
    [catalog.data, pick],
  );
}

function Escalation({ d, roleName }: { d: Duty; roleName(c: string | null): string }) {
  const { t } = useI18n();
  if (d.escalation_level > 0)
    return (
      <p className="duty-escalated" data-testid="escalated">
        {t('compliance.duty.escalated', { role: roleName(d.escalated_to ?? d.escalate_to), n: d.escalation_level })}
      </p>
    );
  if (d.escalate_to)
    return <p className="hint">{t('compliance.duty.escalates', { role: roleName(d.escalate_to) })}</p>;
  return null;
}

function DutyCard({
  d,
  focused,
  roleName,
  onDone,
}: {
  d: Duty;
  focused: boolean;
  roleName(c: string | null): string;
  onDone(d: Duty): void;
}) {
  const { t, pick, date } = useI18n();
  const open = d.status === 'open' || d.status === 'due_soon' || d.status === 'overdue';
  const [form, setForm] = useState(focused && open && d.can_complete);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!focused) return;
    ref.current?.scrollIntoView?.({ block: 'start' });
    ref.current?.focus();
  }, [focused]);
  const titleId = `duty-${d.id}-title`;
  const owners = d.owners.map((o) => o.name).join(t('compliance.sep'));
  const role = pick(d.owner_role_ja, d.owner_role_en) || d.owner_role;
  return (
    <article
      ref={ref}
      tabIndex={-1}
      className={`card duty duty-${d.status}${focused ? ' duty-focused' : ''}`}
      aria-labelledby={titleId}
      data-testid="duty"
      data-id={d.id}
      data-status={d.status}
    >
      <h3 id={titleId}>
        {pick(d.name_ja, d.name_en)} <StatusBadge status={d.status} />
      </h3>
      <dl className="compliance-facts">
        <dt>{t('compliance.col.due')}</dt>
        <dd data-testid="duty-due">{date(d.due_at)}</dd>
        <dt>{t('compliance.col.clause')}</dt>
        <dd>
          <ClauseLink profile={d.profile} value={d.clause} />
        </dd>
        <dt>{t('compliance.col.period')}</dt>
        <dd>{d.period.startsWith('event:') ? t('compliance.duty.event', { seq: d.period.slice(6) }) : d.period}</dd>
        <dt>{t('compliance.col.unit')}</dt>
        <dd>{pick(d.unit_name_ja, d.unit_name_en) || d.unit_code}</dd>
        <dt>{t('compliance.col.owner')}</dt>
        <dd data-testid="duty-owner">
          {owners ? t('compliance.duty.with', { what: role, who: owners }) : role}
        </dd>
        {d.source === 'trigger' && d.subject && (
          <>
            <dt>{t('compliance.col.raised_by')}</dt>
            <dd>
              <code>{d.trigger_event}</code> <EvidenceLink value={d.subject} />
            </dd>
          </>
        )}
        {open && d.evidence_required && (
          <>
            <dt>{t('compliance.col.evidence_required')}</dt>
            <dd>{t(d.evidence_required === 'document' ? 'compliance.evidence.document' : 'compliance.evidence.record')}</dd>
          </>
        )}
        {d.done_at && (
          <>
            <dt>{t('compliance.col.done_at')}</dt>
            <dd>
              {d.done_by ? t('compliance.duty.with', { what: date(d.done_at, true), who: d.done_by.name }) : date(d.done_at, true)}
            </dd>
          </>
        )}
        {d.evidence_ref && (
          <>
            <dt>{t('compliance.col.evidence')}</dt>
            <dd data-testid="duty-evidence">
              <EvidenceLink value={d.evidence_ref} />
              {d.evidence_note && <span className="hint"> — {d.evidence_note}</span>}
            </dd>
          </>
        )}
      </dl>
      {open && <Escalation d={d} roleName={roleName} />}
      {open && d.can_complete && !form && (
        <button type="button" className="primary" onClick={() => setForm(true)} data-testid="open-completion">
          {t('compliance.complete.open')}
        </button>
      )}
      {open && d.can_complete && form && <CompletionForm duty={d} onDone={onDone} onCancel={() => setForm(false)} />}
    </article>
  );
}

function GroupSection({ group, rows, children }: { group: Group; rows: Duty[]; children: (d: Duty) => ReactNode }) {
  const { t } = useI18n();
  const id = `duties-${group}`;
  return (
    <section className="duty-group" aria-labelledby={`${id}-title`} data-testid={id}>
      <h2 id={`${id}-title`}>
        {t(`compliance.group.${group}`)}
        <span className={`work-count${rows.length > 0 && group !== 'done' ? ' work-count-some' : ''}`}>
          {t('compliance.count', { n: rows.length })}
        </span>
      </h2>
      {rows.length === 0 ? <p className="compliance-empty">{t(`compliance.group.${group}_none`)}</p> : rows.map(children)}
    </section>
  );
}

export function Duties(_props: { params: Record<string, string> }) {
  const { t, pick } = useI18n();
  const { can } = useSession();
  const { search } = useLocation();
  const mayUnits = can('compliance.view');
  const scope = mayUnits && search.get('scope') === 'units' ? 'units' : 'mine';
  const unitId = search.get('unit_id') ?? '';
  const focusId = Number(search.get('id') ?? '');
  const list = useDuties({ mine: scope === 'mine' ? 1 : undefined, unit_id: scope === 'units' ? unitId || undefined : undefined });
  const roleName = useRoleName();
  const [done, setDone] = useState<Duty | null>(null);
  const reload = list.reload;
  const onDone = useCallback(
    (d: Duty) => {
      setDone(d);
      reload();
    },
    [reload],
  );
  const loaded = list.open !== null && list.done !== null;
  const rows = [...(list.open ?? []), ...(list.done ?? [])];
  const groups: Record<Group, Duty[]> = { overdue: [], due_soon: [], open: [], done: [] };
  for (const d of rows) groups[groupOf(d.status)].push(d);
  for (const g of GROUPS) groups[g].sort(g === 'done' ? byDone : byDue);
  // The newest done ones (and the one asked for, wherever it is).
  const doneShown = groups.done.filter((d, i) => i < DONE_SHOWN || d.id === focusId);
  const doneHidden = groups.done.length - doneShown.length;
  groups.done = doneShown;
  const missing = loaded && focusId > 0 && !rows.some((d) => d.id === focusId);
  const toggle = (s: 'mine' | 'units') => setSearch({ scope: s === 'units' ? 'units' : undefined });
  return (
    <Page title={t('compliance.duties.page')}>
      <p className="work-lead">{t('compliance.duties.lead')}</p>
      {mayUnits && (
        <div className="compliance-filter" role="group" aria-label={t('compliance.duties.scope')}>
          <button type="button" aria-pressed={scope === 'mine'} onClick={() => toggle('mine')}>
            {t('compliance.duties.mine')}
          </button>
          <button type="button" aria-pressed={scope === 'units'} onClick={() => toggle('units')}>
            {t('compliance.duties.units')}
          </button>
        </div>
      )}
      {done && (
        <StatusNote testId="duty-done">{t('compliance.complete.done', { name: pick(done.name_ja, done.name_en) })}</StatusNote>
      )}
      {scope === 'units' && unitId && (
        <p className="compliance-chip" data-testid="unit-filter">
          {t('compliance.duties.unit_filter')} <Link to="/duties?scope=units">{t('compliance.duties.unit_filter_clear')}</Link>
        </p>
      )}
      <Refusal error={list.error} />
      {missing && (
        <p className="notice warn" data-testid="duty-missing">
          {t('compliance.duties.missing', { id: focusId })}{' '}
          {mayUnits && scope === 'mine' && <Link to={`/duties?scope=units&id=${focusId}`}>{t('compliance.duties.units')}</Link>}
        </p>
      )}
      {!loaded ? (
        !list.error && (
          <p className="loading" role="status">
            {t('common.loading')}
          </p>
        )
      ) : (
        <div className="duty-groups" aria-busy={list.loading || undefined}>
          {GROUPS.map((g) => (
            <GroupSection key={g} group={g} rows={groups[g]}>
              {(d) => <DutyCard key={d.id} d={d} focused={d.id === focusId} roleName={roleName} onDone={onDone} />}
            </GroupSection>
          ))}
          {(doneHidden > 0 || list.more) && (
            <p className="hint" data-testid="duties-more">
              {t('compliance.duties.more', { n: DONE_SHOWN })}
            </p>
          )}
        </div>
      )}
    </Page>
  );
}
