// The commands on the entry roster's permits (001 第8 2(1)ウ〜オ): the 管理責任者 requests a permit for a
// person with the need for it (entry.request) and revokes one no longer needed (entry.revoke); the
// 保護システム管理者 consents, which issues the entry certificate (entry.consent). Each refusal is the server's,
// shown with its rule and clause; after success `onDone` reloads the roster with a notice.
import { useCallback, useId, useMemo } from 'react';
import { ErrorBox, SelectField, SubmitButton, TextArea, useCommand, useRefusalFocus, useValues, type OptionGroup } from '../components/ui';
import { useI18n } from '../i18n';
import { api } from '../lib/api';
import { personName } from '../lib/format';
import { rosterApi } from './common';
import type { Permit, PermitResult, PersonRow } from './types';

const permitApi = (id: number, what: 'consent' | 'revocation') => `/api/v1/entry-permits/${id}/${what}`;
const fullName = (p: PersonRow) => personName(p.family_name, p.given_name);

/** Active people without an open permit for the facility, grouped by their unit. */
function candidates(persons: PersonRow[], permits: Permit[]): OptionGroup[] {
  const open = new Set(permits.filter((p) => p.state !== 'revoked').map((p) => p.person_id));
  const groups = new Map<string, OptionGroup>();
  for (const p of persons) {
    if (p.active === 0 || open.has(p.id)) continue;
    const unit = p.unit_name ?? '';
    if (!groups.has(unit)) groups.set(unit, { label: unit, options: [] });
    groups.get(unit)!.options.push({ value: String(p.id), label: fullName(p) });
  }
  return [...groups.values()];
}

export function RequestForm({
  facilityId,
  persons,
  permits,
  onDone,
}: {
  facilityId: number;
  persons: PersonRow[];
  permits: Permit[];
  onDone(text: string): void;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const groups = useMemo(() => candidates(persons, permits), [persons, permits]);
  const { values, setValues, text } = useValues({ person_id: '', purpose: '' });
  const run = useCallback(
    () =>
      api.post<PermitResult>(`${rosterApi(facilityId)}/entry-permits`, {
        ...(values.person_id ? { person_id: Number(values.person_id) } : {}),
        purpose: values.purpose.trim(),
      }),
    [facilityId, values],
  );
  const done = useCallback(() => {
    const person = persons.find((p) => String(p.id) === values.person_id);
    setValues({ person_id: '', purpose: '' });
    onDone(t('facility.request.done', { name: person ? fullName(person) : values.person_id }));
  }, [persons, values.person_id, setValues, onDone, t]);
  const { submit, error, busy } = useCommand(run, done);
  const ref = useRefusalFocus(error);
  const nobody = groups.every((g) => g.options.length === 0);
  return (
    <form ref={ref} onSubmit={submit} className="card" aria-labelledby={titleId} data-testid="request-form">
      <h2 id={titleId}>{t('facility.request.title')}</h2>
      <ErrorBox error={error} />
      {nobody ? (
        <p className="empty">{t('facility.request.nobody')}</p>
      ) : (
        <>
          <SelectField
            label={t('facility.request.person')}
            {...text('person_id')}
            options={[{ value: '', label: t('facility.request.choose') }]}
            groups={groups}
            error={error}
            required
          />
          <TextArea
            label={t('facility.request.purpose')}
            hint={t('facility.request.purpose_hint')}
            {...text('purpose')}
            error={error}
            rows={2}
            required
          />
          <SubmitButton busy={busy} label={t('facility.request.submit')} />
        </>
      )}
    </form>
  );
}

/** 同意して許可証を発行: the administrator's consent to a pending permit; the notice names the certificate. */
export function ConsentButton({ permit, onDone }: { permit: Permit; onDone(text: string): void }) {
  const { t } = useI18n();
  const run = useCallback(() => api.post<PermitResult>(permitApi(permit.id, 'consent'), {}), [permit.id]);
  const done = useCallback(
    (r: PermitResult) => onDone(t('facility.consent.done', { name: permit.name, no: r.certificate_no ?? '' })),
    [onDone, t, permit.name],
  );
  const { submit, error, busy } = useCommand(run, done);
  return (
    <form onSubmit={submit} data-testid="consent-form">
      <ErrorBox error={error} />
      <button
        type="submit"
        className="primary"
        disabled={busy}
        aria-busy={busy || undefined}
        aria-label={t('facility.consent.label', { name: permit.name })}
      >
        {t('facility.consent.submit')}
      </button>
    </form>
  );
}

/** The revocation of a permit (or of a request awaiting consent), with its reason. */
export function RevokeForm({ permit, onDone, onCancel }: { permit: Permit; onDone(text: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const titleId = useId();
  const { values, text } = useValues({ reason: '' });
  const run = useCallback(
    () => api.post<PermitResult>(permitApi(permit.id, 'revocation'), { reason: values.reason.trim() }),
    [permit.id, values],
  );
  const done = useCallback(() => onDone(t('facility.revoke.done', { name: permit.name })), [onDone, t, permit.name]);
  const { submit, error, busy } = useCommand(run, done);
  const ref = useRefusalFocus(error);
  return (
    <form ref={ref} onSubmit={submit} className="subform" aria-labelledby={titleId} data-testid="revoke-form">
      <h3 id={titleId}>{t('facility.revoke.title', { name: permit.name })}</h3>
      <ErrorBox error={error} />
      <TextArea
        label={t('facility.revoke.reason')}
        hint={t('facility.revoke.reason_hint')}
        {...text('reason')}
        error={error}
        rows={2}
        required
      />
      <div className="actions">
        <SubmitButton busy={busy} label={t('facility.revoke.submit')} className="danger" />
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
