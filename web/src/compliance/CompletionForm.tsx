// "Mark done with evidence": the kind of evidence (a record of mamori or a document), its reference
// and a note, posted to /obligations/{id}/completion. The server judges the evidence; its refusal is
// shown with its rule and clause, and beside the field it names.
import { useCallback, useId } from 'react';
import { ErrorBox, RadioField, SubmitButton, TextArea, TextField, useCommand, useRefusalFocus, useValues } from '../components/ui';
import { useI18n } from '../i18n';
import { api, seg } from '../lib/api';
import type { Duty, EvidenceKind } from './types';

export function CompletionForm({ duty, onDone, onCancel }: { duty: Duty; onDone(d: Duty): void; onCancel(): void }) {
  const { t, pick } = useI18n();
  const legendId = useId();
  const { values, set, text } = useValues({
    evidence_kind: duty.evidence_required ?? 'record',
    evidence_ref: '',
    note: '',
  });
  const run = useCallback(
    () =>
      api.post<Duty>(`/api/v1/obligations/${seg(duty.id)}/completion`, {
        evidence_kind: values.evidence_kind,
        evidence_ref: values.evidence_ref.trim(),
        note: values.note.trim(),
      }),
    [duty.id, values],
  );
  // The answer is the server's; the notice names the duty as the user saw it.
  const done = useCallback(() => onDone(duty), [onDone, duty]);
  const { submit, error, busy } = useCommand(run, done);
  const ref = useRefusalFocus(error);
  const record = values.evidence_kind === 'record';
  return (
    <form ref={ref} onSubmit={submit} className="duty-complete" data-testid="completion-form" aria-labelledby={legendId}>
      <h4 id={legendId}>{t('compliance.complete.title', { name: pick(duty.name_ja, duty.name_en) })}</h4>
      <ErrorBox error={error} />
      <RadioField
        label={t('compliance.complete.kind')}
        name="evidence_kind"
        value={values.evidence_kind}
        onChange={(v) => set('evidence_kind', v as EvidenceKind)}
        error={error}
        required
        hint={t(duty.evidence_required === 'document' ? 'compliance.complete.expects_document' : 'compliance.complete.expects_record')}
        options={[
          { value: 'record', label: t('compliance.evidence.record') },
          { value: 'document', label: t('compliance.evidence.document') },
        ]}
      />
      <TextField
        label={t(record ? 'compliance.complete.ref_record' : 'compliance.complete.ref_document')}
        hint={t(record ? 'compliance.complete.ref_record_hint' : 'compliance.complete.ref_document_hint')}
        {...text('evidence_ref')}
        error={error}
        required
        autoComplete="off"
      />
      <TextArea label={t('compliance.complete.note')} {...text('note')} error={error} rows={2} />
      <div className="actions">
        <SubmitButton busy={busy} label={t('compliance.complete.submit')} />
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
