// A person leaving or moving (離職・異動): the forms opened from a row of the persons list. Leaving asks
// for the reason, then a confirmation that says what ends at once (every designation in force and the
// account, with its sessions), then sends person.leave; a transfer sends the new unit and the reason.
// Refusals (person.inactive, person.leave_self, person.same_unit, authz.denied…) show the server's
// message with rule and clause, and beside the field the server names.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n';
import { api, query, seg, type ApiError } from '../lib/api';
import { personName } from '../lib/format';
import { useData } from '../lib/useData';
import { ErrorBox, Loading, SelectField, SubmitButton, TextArea, useCommand, useRefusalFocus } from '../components/ui';
import { idOrUndefined, useUnitOptions } from './common';
import { designationStatus } from './DesignationsSection';
import type { CommandResult, Designation, Person, RoleCatalog, Unit } from './types';

export type LeaveResult = CommandResult & { person_id: number; designations_ended: number; account_disabled: boolean };
export type TransferResult = CommandResult & { person_id: number; unit_id: number; designations_in_force: number[] };

/** Designations the server counts as in force when a person leaves: not ended, not expired. */
export const inForce = (list: Designation[]) => list.filter((d) => ['active', 'pending'].includes(designationStatus(d)));

/** One designation as a line: role (clause) and scope, the role named from the catalog. */
export function useDesignationLabel(catalog: RoleCatalog | null) {
  const { t, pick } = useI18n();
  return (d: Designation) => {
    const r = catalog?.roles.find((x) => x.code === d.role_code);
    return t('admin.move.designation_item', {
      role: r ? pick(r.name_ja, r.name_en) : pick(d.role_ja, d.role_en),
      clause: r?.clause ?? d.clause,
      unit: d.unit_name,
    });
  };
}

/** The reason field: required, its own message while empty after a try, the server's when it names it. */
function ReasonField({ reason, setReason, missing, error, hint }: {
  reason: string;
  setReason(v: string): void;
  missing: boolean;
  error: ApiError | null;
  hint: string;
}) {
  const { t } = useI18n();
  return (
    <TextArea
      label={t('admin.move.reason')}
      name="reason"
      value={reason}
      onChange={(e) => setReason(e.target.value)}
      error={error}
      invalid={missing ? t('admin.move.reason_missing') : undefined}
      hint={hint}
      required
    />
  );
}

/** What leaving ends, as the confirmation step says it. */
function LeaveConfirmation({ person, reason, catalog }: { person: Person; reason: string; catalog: RoleCatalog | null }) {
  const { t } = useI18n();
  const list = useData<{ designations: Designation[] }>(`/api/v1/designations${query({ person_id: person.id })}`);
  const label = useDesignationLabel(catalog);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const ending = list.data ? inForce(list.data.designations) : null;
  return (
    <div ref={ref} tabIndex={-1} className="move-confirm" data-testid="leave-confirmation">
      <h5>{t('admin.move.confirm_title')}</h5>
      <p>{t('admin.move.confirm_lead', { name: personName(person.family_name, person.given_name) })}</p>
      <ErrorBox error={list.error} />
      {!ending && !list.error && <Loading />}
      <ul>
        {ending && (
          <li>
            {ending.length ? t('admin.move.confirm_designations', { n: ending.length }) : t('admin.move.confirm_designations_none')}
            {ending.length > 0 && (
              <ul data-testid="ending-designations">
                {ending.map((d) => (
                  <li key={d.id}>{label(d)}</li>
                ))}
              </ul>
            )}
          </li>
        )}
        <li>{person.username ? t('admin.move.confirm_account', { username: person.username }) : t('admin.move.confirm_no_account')}</li>
        <li>{t('admin.move.confirm_undo')}</li>
      </ul>
      <p className="pre-wrap">{t('admin.move.confirm_reason', { reason })}</p>
    </div>
  );
}

/** 離職: reason, confirmation, then person.leave. */
export function LeaveForm({ person, catalog, onDone, onCancel }: {
  person: Person;
  catalog: RoleCatalog | null;
  onDone(r: LeaveResult): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const run = useCallback(
    () => api.post<LeaveResult>(`/api/v1/persons/${seg(person.id)}/departure`, { reason: reason.trim() }),
    [person.id, reason],
  );
  const { submit, error, busy, setError } = useCommand(run, onDone);
  const formRef = useRefusalFocus(error);
  const name = personName(person.family_name, person.given_name);
  const next = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    // No reason: nothing is sent and the field says so.
    if (reason.trim() === '') return;
    setError(null);
    setConfirming(true);
  };
  const titleId = `leave-${person.id}-title`;
  return (
    <form ref={formRef} className="move-form" onSubmit={confirming ? submit : next} noValidate aria-labelledby={titleId}>
      <h4 id={titleId}>{t('admin.move.leave_title', { name })}</h4>
      <ErrorBox error={error} />
      {confirming ? (
        <LeaveConfirmation person={person} reason={reason.trim()} catalog={catalog} />
      ) : (
        <ReasonField
          reason={reason}
          setReason={setReason}
          missing={tried && reason.trim() === ''}
          error={error}
          hint={t('admin.move.leave_reason_hint')}
        />
      )}
      <div className="actions">
        <SubmitButton busy={busy} label={t(confirming ? 'admin.move.leave_submit' : 'admin.move.next')} className={confirming ? 'danger' : 'primary'} />
        {confirming && (
          <button type="button" onClick={() => setConfirming(false)}>
            {t('admin.move.back')}
          </button>
        )}
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** 異動: the new unit (the current one is not offered) and the reason, then person.transfer. */
export function TransferForm({ person, units, onDone, onCancel }: {
  person: Person;
  units: Unit[];
  onDone(r: TransferResult): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const [unit, setUnit] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const options = useUnitOptions(units, t('admin.choose')).filter((o) => o.value !== String(person.unit_id));
  const run = useCallback(async () => {
    setTried(true);
    if (reason.trim() === '') return null;
    return api.post<TransferResult>(`/api/v1/persons/${seg(person.id)}/transfer`, {
      unit_id: idOrUndefined(unit),
      reason: reason.trim(),
    });
  }, [person.id, unit, reason]);
  const { submit, error, busy } = useCommand(run, (r) => {
    if (r) onDone(r);
  });
  const formRef = useRefusalFocus(error);
  const name = personName(person.family_name, person.given_name);
  const titleId = `transfer-${person.id}-title`;
  return (
    <form ref={formRef} className="move-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h4 id={titleId}>{t('admin.move.transfer_title', { name })}</h4>
      <ErrorBox error={error} />
      <div className="form-grid">
        <SelectField
          label={t('admin.move.unit')}
          name="unit_id"
          value={unit}
          onChange={(e) => setUnit(e.target.value)}
          options={options}
          error={error}
          hint={t('admin.move.unit_hint', { unit: person.unit_name })}
          required
        />
        <ReasonField
          reason={reason}
          setReason={setReason}
          missing={tried && reason.trim() === ''}
          error={error}
          hint={t('admin.move.transfer_reason_hint')}
        />
      </div>
      <div className="actions">
        <SubmitButton busy={busy} label={t('admin.move.transfer_submit')} />
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
