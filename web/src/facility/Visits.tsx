// Visits by people not on the entry roster (001 第8 2(5)): the approved ones (date, visitor, purpose,
// escort, how the entry is recorded, who approved), and for the 管理責任者 the form approving one
// beforehand (visit.approve) with an escort picked from the designated visitor escorts.
import { useCallback, useId, useMemo } from 'react';
import { ErrorBox, RadioField, SelectField, SubmitButton, Table, TextField, useCommand, useRefusalFocus, useToday, useValues } from '../components/ui';
import { useI18n, type MessageKey } from '../i18n';
import { api } from '../lib/api';
import { rosterApi } from './common';
import type { DesignationRow, Visit, VisitMeasure } from './types';

const MEASURE_KEYS: Record<VisitMeasure, MessageKey> = {
  id_card: 'facility.measure.id_card',
  log_book: 'facility.measure.log_book',
};

export interface Escort {
  person_id: number;
  name: string;
}

/** One entry per person, in designation order, from the escort designations in force the server listed. */
export function escortsOf(designations: DesignationRow[]): Escort[] {
  const seen = new Set<number>();
  const out: Escort[] = [];
  for (const d of designations) {
    if (seen.has(d.person_id)) continue;
    seen.add(d.person_id);
    out.push({ person_id: d.person_id, name: d.person_name ?? String(d.person_id) });
  }
  return out;
}

function VisitTable({ visits }: { visits: Visit[] }) {
  const { t, date } = useI18n();
  return (
    <Table
      data-testid="visits"
      caption={t('facility.visits.caption')}
      columns={[
        t('facility.col.visit_on'),
        t('facility.col.visitor'),
        t('facility.visit.purpose'),
        t('facility.col.escort'),
        t('facility.col.measure'),
        t('facility.col.approved_by'),
      ]}
    >
      {visits.map((v) => (
        <tr key={v.id} data-testid="visit-row" data-visit={v.id}>
          <td className="nowrap">{date(v.visit_on)}</td>
          <th scope="row">
            <span data-value>{v.visitor_name}</span>
            <div data-value>{v.visitor_affiliation}</div>
          </th>
          <td>{v.purpose}</td>
          <td data-value>{v.escort}</td>
          <td>{MEASURE_KEYS[v.measure] ? t(MEASURE_KEYS[v.measure]) : v.measure}</td>
          <td>
            <span data-value>{v.approved_by ?? ''}</span>
            <div className="nowrap">{date(v.created_at, true)}</div>
          </td>
        </tr>
      ))}
    </Table>
  );
}

function VisitForm({ facilityId, escorts, onDone }: { facilityId: number; escorts: Escort[]; onDone(text: string): void }) {
  const { t, date } = useI18n();
  const titleId = useId();
  const today = useToday();
  const initial = useMemo(
    () => ({
      visitor_name: '',
      visitor_affiliation: '',
      purpose: '',
      visit_on: today,
      escort_person_id: escorts.length === 1 ? String(escorts[0].person_id) : '',
      measure: 'log_book',
    }),
    [today, escorts],
  );
  const { values, set, setValues, text } = useValues(initial);
  const run = useCallback(
    () =>
      api.post<{ visit_id: number; visit_on: string }>(`${rosterApi(facilityId)}/visits`, {
        visitor_name: values.visitor_name.trim(),
        visitor_affiliation: values.visitor_affiliation.trim(),
        purpose: values.purpose.trim(),
        visit_on: values.visit_on,
        ...(values.escort_person_id ? { escort_person_id: Number(values.escort_person_id) } : {}),
        measure: values.measure,
      }),
    [facilityId, values],
  );
  const done = useCallback(
    (r: { visit_on: string }) => {
      onDone(t('facility.visit.done', { name: values.visitor_name.trim(), date: date(r.visit_on) }));
      setValues(initial);
    },
    [onDone, t, date, values.visitor_name, setValues, initial],
  );
  const { submit, error, busy } = useCommand(run, done);
  const ref = useRefusalFocus(error);
  const measures = (Object.keys(MEASURE_KEYS) as VisitMeasure[]).map((m) => ({ value: m, label: t(MEASURE_KEYS[m]) }));
  return (
    <form ref={ref} onSubmit={submit} className="subform" aria-labelledby={titleId} data-testid="visit-form">
      <h3 id={titleId}>{t('facility.visit.title')}</h3>
      <ErrorBox error={error} />
      {escorts.length === 0 && <p className="notice warn">{t('facility.visit.no_escort')}</p>}
      <div className="form-grid">
        <TextField label={t('facility.visit.visitor_name')} {...text('visitor_name')} error={error} required autoComplete="off" />
        <TextField label={t('facility.visit.visitor_affiliation')} {...text('visitor_affiliation')} error={error} required autoComplete="off" />
        <TextField label={t('facility.visit.purpose')} {...text('purpose')} error={error} required autoComplete="off" />
        <TextField
          label={t('facility.visit.visit_on')}
          hint={t('facility.visit.visit_on_hint')}
          type="date"
          min={today}
          {...text('visit_on')}
          error={error}
          required
        />
        <SelectField
          label={t('facility.visit.escort')}
          hint={t('facility.visit.escort_hint')}
          {...text('escort_person_id')}
          options={[
            { value: '', label: t('facility.request.choose') },
            ...escorts.map((e) => ({ value: String(e.person_id), label: e.name })),
          ]}
          error={error}
          required
        />
      </div>
      <RadioField
        label={t('facility.visit.measure')}
        name="measure"
        options={measures}
        value={values.measure}
        onChange={(v) => set('measure', v)}
        error={error}
        required
      />
      <SubmitButton busy={busy} label={t('facility.visit.submit')} />
    </form>
  );
}

export function Visits({
  facilityId,
  visits,
  escorts,
  keeper,
  onDone,
}: {
  facilityId: number;
  visits: Visit[];
  /** null until the designations are read */
  escorts: Escort[] | null;
  keeper: boolean;
  onDone(text: string): void;
}) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="facility-visits" data-testid="visits-section">
      <h2 id="facility-visits">{t('facility.visits.title')}</h2>
      <p className="hint">{t('facility.visits.lead')}</p>
      {visits.length === 0 ? <p className="empty">{t('facility.visits.none')}</p> : <VisitTable visits={visits} />}
      {keeper && escorts && <VisitForm facilityId={facilityId} escorts={escorts} onDone={onDone} />}
    </section>
  );
}
