// Reference data the ledger screens share (units, persons, designations) and small shared pieces:
// the export links of the 別紙様式 and the notice shown after a recorded operation.
import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { navigate, useLocation } from '../lib/router';
import { personName } from '../lib/format';
import { useData } from '../lib/useData';
import { Notice, Page } from '../components/ui';
import { methodKey } from './labels';
import type { Designation, Item, LedgerEntry, Person, Unit } from './types';
import './ledger.css';

/** The page frame of the ledger screens: their styles apply inside `.ledger` only. */
export function LedgerPage({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Page title={title} actions={actions}>
      <div className="ledger">{children}</div>
    </Page>
  );
}

export function useUnits() {
  return useData<{ units: Unit[] }>('/api/v1/units');
}

export function usePersons() {
  return useData<{ persons: Person[] }>('/api/v1/persons');
}

export function useDesignations(enabled = true) {
  return useData<{ designations: Designation[] }>(enabled ? '/api/v1/designations' : null);
}

/** The unit and every unit above it (designations for an ancestor cover the unit). */
export function unitAndAncestors(units: Unit[], id: number): number[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const out: number[] = [];
  let cur = byId.get(id);
  while (cur && !out.includes(cur.id)) {
    out.push(cur.id);
    cur = cur.parent_id == null ? undefined : byId.get(cur.parent_id);
  }
  if (!out.includes(id)) out.push(id);
  return out;
}

/** Persons holding a destruction-witness designation in force for the unit (000 第4 7(1)). */
export function designatedWitnesses(designations: Designation[], units: Unit[], unitId: number, now = Date.now()): Set<number> {
  const scope = unitAndAncestors(units, unitId);
  const out = new Set<number>();
  for (const d of designations) {
    if (d.role_code !== 'destruction_witness' || d.revoked_at) continue;
    if (!scope.includes(d.unit_id)) continue;
    if (Date.parse(d.valid_from) > now) continue;
    if (d.valid_until && Date.parse(d.valid_until) <= now) continue;
    out.add(d.person_id);
  }
  return out;
}

export function usePersonLabel() {
  const { t } = useI18n();
  return (p: Person, selfId?: number) => {
    const name = personName(p.family_name, p.given_name);
    return p.id === selfId ? t('ledger.op.you', { name }) : name;
  };
}

/** CSV and XLSX links of a 管理簿 export, in the viewer's date style (和暦 or 西暦). */
export function ExportLinks({ base, label, testId }: { base: string; label: string; testId?: string }) {
  const { t, dateStyle } = useI18n();
  const href = (format: 'csv' | 'xlsx') => `${base}?format=${format}&dates=${dateStyle}`;
  return (
    <div className="export-links" data-testid={testId}>
      <span className="export-label">{label}</span>
      <a className="button" href={href('csv')} download data-format="csv">
        {t('ledger.export.csv')}
      </a>
      <a className="button" href={href('xlsx')} download data-format="xlsx">
        {t('ledger.export.xlsx')}
      </a>
      <small className="hint">
        {t('ledger.export.dates', { style: t(dateStyle === 'wareki' ? 'dates.wareki' : 'dates.seireki') })}
      </small>
    </div>
  );
}

/**
 * The `done` query parameter an operation leaves behind when it returns to the item page: read
 * once, then removed from the address so that a reload does not repeat the notice.
 */
export function useDoneParam(): string | null {
  const { path, search } = useLocation();
  const [done] = useState(() => search.get('done'));
  useEffect(() => {
    if (done) {
      const rest = new URLSearchParams(window.location.search);
      rest.delete('done');
      const s = rest.toString();
      navigate(path + (s ? `?${s}` : ''), { replace: true });
    }
  }, [done, path]);
  return done;
}

export function DoneNotice({ text }: { text: string | null }) {
  if (!text) return null;
  return <Notice>{text}</Notice>;
}

/** A ledger row's time away: when it was handed over, or the period it was out for ('' if neither). */
export function usePeriodText() {
  const { t, date } = useI18n();
  return (e: Pick<LedgerEntry, 'period_from' | 'period_until' | 'handover_at'>) =>
    e.handover_at
      ? date(e.handover_at, true)
      : e.period_from
        ? t('ledger.form.period', { from: date(e.period_from, true), until: date(e.period_until, true) })
        : '';
}

/** The destruction recorded and waiting for its witness: method, time and executor (and `children`). */
export function DestructionFacts({ item, className, children }: { item: Item; className: string; children?: ReactNode }) {
  const { t, date } = useI18n();
  return (
    <dl className={className}>
      <dt>{t('ledger.pending.method')}</dt>
      <dd>{methodKey(item.final_method) ? t(methodKey(item.final_method)!) : item.final_method}</dd>
      <dt>{t('ledger.pending.at')}</dt>
      <dd>{date(item.final_at, true)}</dd>
      <dt>{t('ledger.pending.executor')}</dt>
      <dd>{item.executor_name}</dd>
      {children}
    </dl>
  );
}
