// Recording an agreement or consent: its kind (from the profile), every point agreed as a checkbox, the
// date signed, where the signed document is kept, and a note. The server refuses a partial agreement
// (every point is needed) with the agreement's clause; the refusal is shown as it came.
import { useCallback, useId, useState } from 'react';
import { ErrorBox, fieldError, SelectField, SubmitButton, TextArea, TextField, useCommand, useRefusalFocus, useValues } from '../components/ui';
import { useI18n } from '../i18n';
import { api } from '../lib/api';
import { useToday } from './common';
import type { AgreementDef } from './types';

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

export function AgreementForm({
  personId,
  agreements,
  initialKind,
  onDone,
}: {
  personId: number;
  agreements: AgreementDef[];
  initialKind?: string;
  onDone(text: string): void;
}) {
  const { t, pick, lang } = useI18n();
  const titleId = useId();
  const today = useToday();
  const first = agreements.find((a) => a.code === initialKind)?.code ?? agreements[0]?.code ?? '';
  const { values, set, setValues, text } = useValues({ kind: first, signed_on: today, document: '', note: '' });
  const [points, setPoints] = useState<Points>({});
  const def = agreements.find((a) => a.code === values.kind);
  const run = useCallback(
    () =>
      api.post<{ agreement_id: number }>('/api/v1/agreements', {
        person_id: personId,
        kind: values.kind,
        points: (def?.points ?? []).filter((p) => points[p.key]).map((p) => p.key),
        signed_on: values.signed_on,
        document: values.document.trim(),
        note: values.note.trim(),
      }),
    [personId, values, def, points],
  );
  const done = useCallback(
    (r: { agreement_id: number }) => {
      onDone(t('people.agreement.recorded', { kind: def ? pick(def.name_ja, def.name_en) : values.kind, id: r.agreement_id }));
      setValues((s) => ({ ...s, document: '', note: '' }));
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
        error={error}
        required
      />
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
