// One request waiting for the unit IA officer: who asked, for what, why, until when; the
// confirmations 000 第4 4(2), 5(2), 6(2) ask of the approver; approve or refuse. The server
// judges: its refusal (message, rule, clause) is shown as it comes.
import { useCallback, useId, useRef, useState } from 'react';
import { CheckField as Check, ErrorBox, Fact, TextArea, useCommand } from '../components/ui';
import { useI18n } from '../i18n';
import { api, seg } from '../lib/api';
import { Link } from '../lib/router';
import { KIND_KEYS, labelOf, requestKey } from './labels';
import type { Approval } from './types';

export type Decision = 'approve' | 'reject';

/** Whether approving also needs the instruction not to copy (take-outs, and any device). */
export function needsNoCopy(a: Approval): boolean {
  return a.type === 'movement' && a.movement !== 'handover' && (a.kind === 'device' || a.movement === 'take_out');
}

/** The request body of item.approve / item.approve_copy for what the approver ticked. */
export function decisionBody(
  a: Approval,
  decision: Decision,
  ticks: { confirmed: boolean; noCopy: boolean },
  note: string,
): Record<string, unknown> {
  const body: Record<string, unknown> = { decision };
  if (note.trim()) body.note = note.trim();
  if (decision === 'approve') {
    if (a.type === 'copy') {
      if (ticks.confirmed) body.confirmed_no_other_copy = true;
    } else {
      if (ticks.confirmed) body.confirmed_data = true;
      if (ticks.noCopy && needsNoCopy(a)) body.instructed_no_copy = true;
    }
  }
  return body;
}

export function approvalPath(a: Approval): string {
  return a.type === 'copy' ? `/api/v1/copies/${seg(a.copy_id ?? 0)}/approval` : `/api/v1/items/${seg(a.control_no)}/approval`;
}

export function approvalKey(a: Approval): string {
  return a.type === 'copy' ? `copy-${a.copy_id}` : `entry-${a.entry_id ?? a.control_no}`;
}

export function ApprovalCard({ a, onDecided }: { a: Approval; onDecided(a: Approval, d: Decision): void }) {
  const { t, date } = useI18n();
  const headingId = useId();
  const [confirmed, setConfirmed] = useState(false);
  const [noCopy, setNoCopy] = useState(false);
  const [note, setNote] = useState('');
  const decision = useRef<Decision>('approve');
  const run = useCallback(
    () => api.post(approvalPath(a), decisionBody(a, decision.current, { confirmed, noCopy }, note)),
    [a, confirmed, noCopy, note],
  );
  const done = useCallback(() => onDecided(a, decision.current), [a, onDecided]);
  const { submit, error, busy } = useCommand(run, done);
  const what = t(requestKey(a));
  const handover = a.movement === 'handover';
  const copy = a.type === 'copy';
  const kind = labelOf(t, KIND_KEYS, a.kind);

  return (
    <article className="card work-approval" aria-labelledby={headingId} data-testid="approval" data-control-no={a.control_no}>
      <h2 id={headingId} className="work-approval-title">
        <Link to={`/items/${seg(a.control_no)}`}>{a.control_no}</Link>
        <span className="work-request">{what}</span>
      </h2>
      <dl className="work-facts">
        <Fact label={t('work.col.requester')}>{a.user_name}</Fact>
        <Fact label={t('work.col.item')}>{a.item_type ? t('work.item_kind', { type: a.item_type, kind }) : kind}</Fact>
        <Fact label={t('work.col.unit')}>{a.unit_name}</Fact>
        {copy ? (
          <>
            <Fact label={t('work.field.copy_content')}>{a.content}</Fact>
            <Fact label={t('work.field.copy_counterparty')}>{a.counterparty}</Fact>
            <Fact label={t('work.field.copy_purpose')}>{a.purpose}</Fact>
          </>
        ) : handover ? (
          <>
            <Fact label={t('work.field.purpose')}>{a.purpose}</Fact>
            <Fact label={t('work.field.handover_at')}>{date(a.handover_at, true)}</Fact>
            <Fact label={t('work.field.handover_to')}>{a.destination}</Fact>
            <Fact label={t('work.field.handover_purpose')}>{a.movement_purpose}</Fact>
          </>
        ) : (
          <>
            <Fact label={t('work.field.purpose')}>{a.purpose}</Fact>
            <Fact label={t(a.movement === 'lend' ? 'work.field.lend_to' : 'work.field.take_out_to')}>{a.destination}</Fact>
            <Fact label={t('work.field.movement_purpose')}>{a.movement_purpose}</Fact>
            <Fact label={t('work.field.period')}>
              {a.period_from || a.period_until
                ? t('work.period', { from: date(a.period_from, true), until: date(a.period_until, true) })
                : ''}
            </Fact>
          </>
        )}
        <Fact label={t('work.col.requested_at')}>{date(a.created_at, true)}</Fact>
      </dl>
      <form className="work-decision" onSubmit={submit} aria-label={t('work.approve.form', { no: a.control_no, what })}>
        <fieldset>
          <legend>{t('work.approve.legend')}</legend>
          <Check
            name={copy ? 'confirmed_no_other_copy' : 'confirmed_data'}
            label={t(copy ? 'work.approve.confirmed_no_other_copy' : 'work.approve.confirmed_data')}
            checked={confirmed}
            onChange={(e) => setConfirmed(e.target.checked)}
            error={error}
          />
          {needsNoCopy(a) && (
            <Check
              name="instructed_no_copy"
              label={t('work.approve.instructed_no_copy')}
              checked={noCopy}
              onChange={(e) => setNoCopy(e.target.checked)}
              error={error}
            />
          )}
        </fieldset>
        <TextArea
          label={t('work.approve.note')}
          name="note"
          hint={t('work.approve.note_hint')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={error}
          rows={2}
        />
        <ErrorBox error={error} />
        <div className="actions">
          {(['approve', 'reject'] as const).map((d) => (
            <button
              key={d}
              type="submit"
              className={d === 'approve' ? 'primary' : 'danger'}
              disabled={busy}
              onClick={() => (decision.current = d)}
              data-decision={d}
              aria-describedby={headingId}
            >
              {t(d === 'approve' ? 'work.approve.approve' : 'work.approve.reject')}
            </button>
          ))}
        </div>
      </form>
    </article>
  );
}
