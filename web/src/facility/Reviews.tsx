// The periodic reviews of a facility's entry roster (001 第8 2(1)オ): the last one first, the earlier ones
// in a table, and for the 管理責任者 the form recording a new one (entry.review, which also completes the
// entry_roster_review duty).
import { useCallback, useId, useState } from 'react';
import { ErrorBox, SubmitButton, Table, TextArea, useCommand, useRefusalFocus, useValues } from '../components/ui';
import { useI18n } from '../i18n';
import { api } from '../lib/api';
import { rosterApi } from './common';
import type { Review } from './types';

function ReviewForm({ facilityId, onDone, onCancel }: { facilityId: number; onDone(text: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const titleId = useId();
  const { values, text } = useValues({ note: '' });
  const run = useCallback(
    () => api.post<{ review_id: number }>(`${rosterApi(facilityId)}/entry-reviews`, { note: values.note.trim() }),
    [facilityId, values],
  );
  const done = useCallback(() => onDone(t('facility.review.done')), [onDone, t]);
  const { submit, error, busy } = useCommand(run, done);
  const ref = useRefusalFocus(error);
  return (
    <form ref={ref} onSubmit={submit} className="subform" aria-labelledby={titleId} data-testid="review-form">
      <h3 id={titleId}>{t('facility.review.title')}</h3>
      <ErrorBox error={error} />
      <TextArea label={t('facility.review.note')} hint={t('facility.review.note_hint')} {...text('note')} error={error} rows={3} required />
      <div className="actions">
        <SubmitButton busy={busy} label={t('facility.review.submit')} />
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function LastReview({ review }: { review: Review | undefined }) {
  const { t, date } = useI18n();
  if (!review) return <p className="empty">{t('facility.reviews.none')}</p>;
  return (
    <dl className="facts" data-testid="last-review">
      <dt>{t('facility.reviews.last')}</dt>
      <dd>{date(review.reviewed_at, true)}</dd>
      <dt>{t('facility.col.reviewed_by')}</dt>
      <dd data-value>{review.reviewed_by ?? ''}</dd>
      <dt>{t('facility.col.note')}</dt>
      <dd>{review.note}</dd>
    </dl>
  );
}

export function Reviews({
  facilityId,
  reviews,
  keeper,
  onDone,
}: {
  facilityId: number;
  /** newest first, as the server sends them */
  reviews: Review[];
  keeper: boolean;
  onDone(text: string): void;
}) {
  const { t, date } = useI18n();
  const [open, setOpen] = useState(false);
  const earlier = reviews.slice(1);
  const done = (text: string) => {
    setOpen(false);
    onDone(text);
  };
  return (
    <section className="card" aria-labelledby="facility-reviews" data-testid="reviews">
      <h2 id="facility-reviews">{t('facility.reviews.title')}</h2>
      <LastReview review={reviews[0]} />
      {earlier.length > 0 && (
        <Table
          caption={t('facility.reviews.caption')}
          columns={[t('facility.col.reviewed_at'), t('facility.col.reviewed_by'), t('facility.col.note')]}
        >
          {earlier.map((r) => (
            <tr key={r.id} data-testid="review-row">
              <td className="nowrap">{date(r.reviewed_at, true)}</td>
              <td data-value>{r.reviewed_by ?? ''}</td>
              <td>{r.note}</td>
            </tr>
          ))}
        </Table>
      )}
      {keeper &&
        (open ? (
          <ReviewForm facilityId={facilityId} onDone={done} onCancel={() => setOpen(false)} />
        ) : (
          <button type="button" onClick={() => setOpen(true)} data-testid="open-review">
            {t('facility.review.open')}
          </button>
        ))}
    </section>
  );
}
