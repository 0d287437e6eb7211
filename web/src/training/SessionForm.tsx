// Recording a session (training.record): the program (from the profiles), every column of 別紙様式第2
// 教育実施状況記録 — 実施日, 実施者, 実施手段, 局・課 (a unit where the user holds training.record), 室又は
// グループ, 教育内容 — the content items covered (each with its clause: 001 第7 1(1)–(7)), the audience
// and the people who attended (their number is recorded). The server refuses a missing column, an item
// not covered, nobody attending or a date to come, citing the clause; the refusal is shown as it came
// and what was typed stays.
import { useCallback, useId, useMemo, useState } from 'react';
import { ErrorBox, fieldError, SelectField, SubmitButton, TextArea, TextField, useCommand, useRefusalFocus, useToday, useValues } from '../components/ui';
import { useI18n } from '../i18n';
import { api } from '../lib/api';
import { personName } from '../lib/format';
import { useSession } from '../lib/session';
import { useUnits } from '../work/data';
import type { Unit } from '../work/types';
import { Clause } from './common';
import { SESSIONS_PATH } from './data';
import type { PersonRow, ProgramDef, RecordResult } from './types';

type Checked = Record<string, boolean>;

function ContentBoxes({ program, checked, onToggle, message }: { program: ProgramDef; checked: Checked; onToggle(key: string): void; message?: string }) {
  const { t, pick } = useI18n();
  const id = useId();
  return (
    <fieldset aria-describedby={message ? `${id}-error` : undefined} data-testid="contents">
      <legend>{t('training.form.contents', { clause: program.clause })}</legend>
      {program.contents.map((c, i) => (
        <div className="field field-check" key={c.key}>
          <input id={`${id}-${i}`} type="checkbox" name="contents_covered" value={c.key} checked={!!checked[c.key]} onChange={() => onToggle(c.key)} />
          <label htmlFor={`${id}-${i}`}>
            <Clause value={c.clause} /> {pick(c.text_ja, c.text_en)}
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

/** `unit` and every unit below it. */
function subtree(units: Unit[], unit: number): Set<number> {
  const out = new Set<number>([unit]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const u of units)
      if (u.parent_id !== null && out.has(u.parent_id) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
  }
  return out;
}

function AttendeeBoxes({
  persons,
  units,
  unitId,
  chosen,
  onToggle,
  message,
}: {
  persons: PersonRow[];
  units: Unit[];
  unitId: number;
  chosen: Set<number>;
  onToggle(id: number): void;
  message?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const [everyone, setEveryone] = useState(false);
  const near = subtree(units, unitId);
  const shown = persons.filter((p) => p.active !== 0 && (everyone || near.has(p.unit_id) || chosen.has(p.id)));
  return (
    <fieldset aria-describedby={`${id}-count${message ? ` ${id}-error` : ''}`} data-testid="attendees-field">
      <legend>{t('training.form.attendees')}</legend>
      <div className="field field-check">
        <input id={`${id}-all`} type="checkbox" checked={everyone} onChange={() => setEveryone(!everyone)} />
        <label htmlFor={`${id}-all`}>{t('training.form.everyone')}</label>
      </div>
      <div className="attendee-list">
        {shown.map((p) => (
          <div className="field field-check" key={p.id}>
            <input id={`${id}-${p.id}`} type="checkbox" name="attendees" value={p.id} checked={chosen.has(p.id)} onChange={() => onToggle(p.id)} />
            <label htmlFor={`${id}-${p.id}`}>
              <span data-value>{personName(p.family_name, p.given_name)}</span>
              {p.unit_name && <span className="small" data-value>（{p.unit_name}）</span>}
            </label>
          </div>
        ))}
        {shown.length === 0 && <p className="empty">{t('training.form.nobody')}</p>}
      </div>
      <p id={`${id}-count`} className="small" role="status" data-testid="attendee-count">
        {t('training.form.count', { n: chosen.size })}
      </p>
      {message && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {message}
        </small>
      )}
    </fieldset>
  );
}

export function SessionForm({ programs, persons, onDone }: { programs: ProgramDef[]; persons: PersonRow[]; onDone(r: RecordResult): void }) {
  const { t, pick, lang } = useI18n();
  const { can } = useSession();
  const titleId = useId();
  const today = useToday();
  const units = useUnits();
  const mine = useMemo(() => units.units.filter((u) => can('training.record', u.id)), [units.units, can]);
  const { values, set, setValues, text } = useValues({
    program: programs[0]?.code ?? '',
    held_on: today,
    trainer: '',
    method: '',
    unit_id: '',
    room_group: '',
    content: '',
    audience: '',
    note: '',
  });
  const unitId = values.unit_id || String(mine[0]?.id ?? '');
  const [covered, setCovered] = useState<Checked>({});
  const [attendees, setAttendees] = useState<Set<number>>(new Set());
  const program = programs.find((p) => p.code === values.program);
  const run = useCallback(
    () =>
      api.post<RecordResult>(SESSIONS_PATH, {
        program: values.program,
        held_on: values.held_on,
        trainer: values.trainer.trim(),
        method: values.method.trim(),
        unit_id: Number(unitId),
        room_group: values.room_group.trim(),
        content: values.content.trim(),
        audience: values.audience.trim(),
        attendees: [...attendees],
        contents_covered: (program?.contents ?? []).filter((c) => covered[c.key]).map((c) => c.key),
        note: values.note.trim(),
      }),
    [values, unitId, attendees, program, covered],
  );
  const done = useCallback(
    (r: RecordResult) => {
      onDone(r);
      setValues((s) => ({ ...s, content: '', note: '' }));
      setCovered({});
      setAttendees(new Set());
    },
    [onDone, setValues],
  );
  const { submit, error, busy } = useCommand(run, done);
  const ref = useRefusalFocus(error);
  const toggle = (id: number) => {
    const next = new Set(attendees);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setAttendees(next);
  };
  return (
    <form ref={ref} onSubmit={submit} className="card" aria-labelledby={titleId} data-testid="session-form">
      <h2 id={titleId}>{t('training.form.title')}</h2>
      <p className="hint">{t('training.form.lead', { clause: program?.record_clause ?? '' })}</p>
      <ErrorBox error={error} />
      <SelectField
        label={t('training.form.program')}
        {...text('program')}
        onChange={(e) => {
          set('program', e.target.value);
          setCovered({});
        }}
        options={programs.map((p) => ({ value: p.code, label: t('training.form.program_option', { name: pick(p.name_ja, p.name_en), clause: p.clause }) }))}
        error={error}
        required
      />
      <div className="form-grid">
        <TextField label={t('training.col.held_on')} type="date" max={today} {...text('held_on')} error={error} required />
        <TextField label={t('training.col.trainer')} hint={t('training.form.trainer_hint')} {...text('trainer')} error={error} required autoComplete="off" />
        <TextField label={t('training.col.method')} hint={t('training.form.method_hint')} {...text('method')} error={error} required autoComplete="off" />
        <SelectField
          label={t('training.col.unit')}
          {...text('unit_id')}
          value={unitId}
          options={mine.map((u) => ({ value: String(u.id), label: pick(u.name_ja, u.name_en) }))}
          error={error}
          required
        />
        <TextField label={t('training.col.room_group')} {...text('room_group')} error={error} autoComplete="off" />
        <TextField label={t('training.form.audience')} hint={t('training.form.audience_hint')} {...text('audience')} error={error} required autoComplete="off" />
      </div>
      <TextArea label={t('training.form.content')} hint={t('training.form.content_hint')} {...text('content')} error={error} required rows={2} />
      {program && (
        <ContentBoxes
          program={program}
          checked={covered}
          onToggle={(k) => setCovered({ ...covered, [k]: !covered[k] })}
          message={fieldError(error, 'contents_covered', lang)}
        />
      )}
      {unitId && (
        <AttendeeBoxes
          persons={persons}
          units={units.units}
          unitId={Number(unitId)}
          chosen={attendees}
          onToggle={toggle}
          message={fieldError(error, 'attendees', lang)}
        />
      )}
      <TextArea label={t('training.form.note')} {...text('note')} error={error} rows={2} />
      <SubmitButton busy={busy} label={t('training.form.submit')} />
    </form>
  );
}
