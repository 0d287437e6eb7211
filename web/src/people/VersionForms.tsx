// The keeper's commands on a roster: prepare a new version (with its reason; for a per-unit roster, of
// one 課室等's record), mark a draft as submitted to the confirming body, and record that body's
// confirmation (date and reference). Each refusal is the server's, shown with its rule and clause;
// after success `onDone` reloads the roster.
import { useCallback, useId } from 'react';
import { ErrorBox, SubmitButton, TextField, useCommand, useRefusalFocus, useValues } from '../components/ui';
import { useI18n } from '../i18n';
import { api, seg } from '../lib/api';
import { useToday } from './common';
import type { RosterDef, VersionRow } from './types';

interface Done {
  roster: string;
  version: number;
  state: string;
}

const versionsPath = (roster: RosterDef) => `/api/v1/rosters/${seg(roster.code)}/versions`;

/** A new version of `roster` (for a per-unit roster, of the record of `unitId`). */
export function PrepareForm({ roster, unitId, onDone }: { roster: RosterDef; unitId?: number; onDone(text: string): void }) {
  const { t } = useI18n();
  const titleId = useId();
  const { values, setValues, text } = useValues({ reason: '' });
  const run = useCallback(
    () => api.post<Done>(versionsPath(roster), unitId === undefined ? { reason: values.reason.trim() } : { unit_id: unitId, reason: values.reason.trim() }),
    [roster, unitId, values],
  );
  const done = useCallback(
    (r: Done) => {
      setValues({ reason: '' });
      onDone(t('people.prepare.done', { n: r.version }));
    },
    [onDone, setValues, t],
  );
  const { submit, error, busy } = useCommand(run, done);
  const ref = useRefusalFocus(error);
  return (
    <form ref={ref} onSubmit={submit} className="subform" aria-labelledby={titleId} data-testid="prepare-form">
      <h3 id={titleId}>{t('people.prepare.title')}</h3>
      <ErrorBox error={error} />
      <TextField label={t('people.prepare.reason')} hint={t('people.prepare.reason_hint')} {...text('reason')} error={error} autoComplete="off" />
      <SubmitButton busy={busy} label={t('people.prepare.submit')} />
    </form>
  );
}

/** "Mark as submitted" for a draft of a roster the outside body confirms. */
export function SubmitVersion({ roster, v, onDone }: { roster: RosterDef; v: VersionRow; onDone(text: string): void }) {
  const { t, pick } = useI18n();
  const by = pick(roster.confirmed_by_ja, roster.confirmed_by_en);
  const run = useCallback(() => api.post<Done>(`${versionsPath(roster)}/${v.version}/submission`, {}), [roster, v.version]);
  const done = useCallback(() => onDone(t('people.version.submitted', { n: v.version, by })), [onDone, t, v.version, by]);
  const { submit, error, busy } = useCommand(run, done);
  return (
    <form onSubmit={submit} data-testid="submit-version">
      <ErrorBox error={error} />
      <SubmitButton busy={busy} label={t('people.version.submit')} />
    </form>
  );
}

/** The outside body's confirmation of a submitted version: the date confirmed and its reference. */
export function ConfirmForm({
  roster,
  v,
  onDone,
  onCancel,
}: {
  roster: RosterDef;
  v: VersionRow;
  onDone(text: string): void;
  onCancel(): void;
}) {
  const { t, pick } = useI18n();
  const by = pick(roster.confirmed_by_ja, roster.confirmed_by_en);
  const titleId = useId();
  const today = useToday();
  const { values, text } = useValues({ confirmed_on: today, reference: '' });
  const run = useCallback(
    () =>
      api.post<Done>(`${versionsPath(roster)}/${v.version}/confirmation`, {
        confirmed_on: values.confirmed_on,
        reference: values.reference.trim(),
      }),
    [roster, v.version, values],
  );
  const done = useCallback(() => onDone(t('people.version.confirmed', { n: v.version, by })), [onDone, t, v.version, by]);
  const { submit, error, busy } = useCommand(run, done);
  const ref = useRefusalFocus(error);
  return (
    <form ref={ref} onSubmit={submit} className="subform" aria-labelledby={titleId} data-testid="confirm-form">
      <h3 id={titleId}>{t('people.version.confirm_title', { n: v.version, by })}</h3>
      <ErrorBox error={error} />
      <TextField label={t('people.version.confirmed_on')} type="date" max={today} {...text('confirmed_on')} error={error} required />
      <TextField
        label={t('people.version.reference')}
        hint={t('people.version.reference_hint')}
        {...text('reference')}
        error={error}
        required
        autoComplete="off"
      />
      <div className="actions">
        <SubmitButton busy={busy} label={t('people.version.confirm_submit')} />
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
