// Recording an agreement or consent: its kind (from the profile), every point agreed as a checkbox, the
// date signed, where the signed document is kept, and a note; for a kind naming a supervisor_role (the
// briefing of a non-employee, 000 第2 2(6)) also the supervising employee, chosen among the holders of
// that role in force (GET /api/v1/designations?role=&in_force=1) who are employees, other than the
// person. The server still refuses a partial agreement (every point is needed), a supervisor who is not
// an employee holding the role, and a kind not applicable to the person, each with the agreement's
// clause; the refusal is shown as it came.
import { useCallback, useId, useState } from 'react';
import { ErrorBox, fieldError, SelectField, SubmitButton, TextArea, TextField, useCommand, useRefusalFocus, useValues } from '../components/ui';
import { useI18n } from '../i18n';
import { api, query, type ApiError } from '../lib/api';
import { useData } from '../lib/useData';
import { useRoleNames, useToday } from './common';
import { personKindName } from './kinds';
import type { AgreementDef, HolderRow } from './types';

type Points = Record<string, boolean>;

function PointBoxes({
  def,
  checked,
  onToggle,
  message,
}: {
  def: AgreementDef;
  checked: Points;
  onToggle(key: string): void;
  message?: string;
}) {
  const { t, pick } = useI18n();
  const id = useId();
  return (
    <fieldset aria-describedby={message ? `${id}-error` : undefined} data-testid="points">
      <legend>{t('people.agreement.points')}</legend>
      {def.points.map((p, i) => (
        <div className="field field-check" key={p.key}>
          <input id={`${id}-${i}`} type="checkbox" name="points" value={p.key} checked={!!checked[p.key]} onChange={() => onToggle(p.key)} />
          <label htmlFor={`${id}-${i}`}>
            <span className="point-key" data-value>
              {p.key}
            </span>
            {pick(p.text_ja, p.text_en)}
          </label>
        </div>
      ))}
      {message && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {message}
        </small>
      )}
    </fieldset>
  );
}

/**
 * Those who may be named to supervise `personId`: the holders of the role in force (the server's answer),
 * employees or non-regular staff other than the person, once each.
 */
function supervisorCandidates(holders: HolderRow[], personId: number): HolderRow[] {
  const employed = (k?: string) => k === undefined || k === 'employee' || k === 'non_regular';
  const seen = new Set<number>([personId]);
  return holders.filter((h) => {
    if (seen.has(h.person_id) || !employed(h.person_kind)) return false;
    seen.add(h.person_id);
    return true;
  });
}

function SupervisorField({
  def,
  personId,
  field,
  error,
}: {
  def: AgreementDef;
  personId: number;
  field: { name: string; value: string; onChange(e: { target: { value: string } }): void };
  error: ApiError | null;
}) {
  const { t } = useI18n();
  const roleName = useRoleNames();
  const holders = useData<{ designations: HolderRow[] }>(`/api/v1/designations${query({ role: def.supervisor_role, in_force: 1 })}`);
  const options = supervisorCandidates(holders.data?.designations ?? [], personId).map((h) => ({
    value: String(h.person_id),
    label: h.unit_name ? `${h.person_name}（${h.unit_name}）` : h.person_name,
  }));
  return (
    <SelectField
      label={t('people.agreement.supervisor')}
      hint={t('people.agreement.supervisor_hint', { role: roleName(def.supervisor_role ?? '') })}
      {...field}
      options={[{ value: '', label: t('people.agreement.supervisor_choose') }, ...options]}
      error={error}
      required
    />
  );
}

export function AgreementForm({
  personId,
  agreements,
  initialKind,
  onDone,
}: {
  personId: number;
  /** the kinds that may be recorded for this person */
  agreements: AgreementDef[];
  initialKind?: string;
  onDone(text: string): void;
}) {
  const { t, pick, lang } = useI18n();
  const titleId = useId();
  const today = useToday();
  const first = agreements.find((a) => a.code === initialKind)?.code ?? agreements[0]?.code ?? '';
  const { values, set, setValues, text } = useValues({ kind: first, signed_on: today, document: '', note: '', supervisor_person_id: '' });
  const [points, setPoints] = useState<Points>({});
  const def = agreements.find((a) => a.code === values.kind);
  const supervised = !!def?.supervisor_role;
  const run = useCallback(
    () =>
      api.post<{ agreement_id: number }>('/api/v1/agreements', {
        person_id: personId,
        kind: values.kind,
        points: (def?.points ?? []).filter((p) => points[p.key]).map((p) => p.key),
        signed_on: values.signed_on,
        document: values.document.trim(),
        note: values.note.trim(),
        // Left out when none is chosen: the server answers input.required at the field.
        ...(supervised && values.supervisor_person_id !== '' ? { supervisor_person_id: Number(values.supervisor_person_id) } : {}),
      }),
    [personId, values, def, points, supervised],
  );
  const done = useCallback(
    (r: { agreement_id: number }) => {
      onDone(t('people.agreement.recorded', { kind: def ? pick(def.name_ja, def.name_en) : values.kind, id: r.agreement_id }));
      setValues((s) => ({ ...s, document: '', note: '', supervisor_person_id: '' }));
      setPoints({});
    },
    [onDone, t, pick, def, values.kind, setValues],
  );
  const { submit, error, busy } = useCommand(run, done);
  const ref = useRefusalFocus(error);
  return (
    <form ref={ref} onSubmit={submit} className="card" aria-labelledby={titleId} data-testid="agreement-form">
      <h2 id={titleId}>{t('people.agreement.record')}</h2>
      <ErrorBox error={error} />
      <SelectField
        label={t('people.agreement.kind')}
        {...text('kind')}
        onChange={(e) => {
          set('kind', e.target.value);
          setPoints({});
        }}
        options={agreements.map((a) => ({ value: a.code, label: t('people.agreement.kind_option', { name: pick(a.name_ja, a.name_en), clause: a.clause }) }))}
        hint={def?.kinds?.length ? t('people.agreement.kinds_hint', { kinds: def.kinds.map((k) => personKindName(t, k)).join(t('people.sep')) }) : undefined}
        error={error}
        required
      />
      {def && supervised && <SupervisorField def={def} personId={personId} field={text('supervisor_person_id')} error={error} />}
      {def && (
        <PointBoxes
          def={def}
          checked={points}
          onToggle={(k) => setPoints({ ...points, [k]: !points[k] })}
          message={fieldError(error, 'points', lang)}
        />
      )}
      <TextField label={t('people.agreement.signed_on')} type="date" max={today} {...text('signed_on')} error={error} required />
      <TextField
        label={t('people.agreement.document')}
        hint={t('people.agreement.document_hint')}
        {...text('document')}
        error={error}
        required
        autoComplete="off"
      />
      <TextArea label={t('people.agreement.note')} {...text('note')} error={error} rows={2} />
      <SubmitButton busy={busy} label={t('people.agreement.submit')} />
    </form>
  );
}
