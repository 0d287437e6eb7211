// Small parts of the training screen: its frame (styles apply inside `.training` only), a clause
// reference kept as the document prints it, the refusal shown to someone who may not read training
// records, and today's date in the organization's zone.
import type { ReactNode } from 'react';
import { Page, Refusal as SharedRefusal } from '../components/ui';
import { useI18n } from '../i18n';
import type { ApiError } from '../lib/api';
import { formatDate } from '../lib/format';
import './training.css';

export function TrainingPage({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Page title={title} actions={actions}>
      <div className="training">{children}</div>
    </Page>
  );
}

/** A clause reference: data, the same in every language. */
export function Clause({ value }: { value: string }) {
  if (!value) return null;
  return (
    <span className="clause-ref" data-value>
      {value}
    </span>
  );
}

/** The server's refusal; for a 403, first the sentence saying who may read training records. */
export function Refusal({ error }: { error: ApiError | null }) {
  return <SharedRefusal error={error} denied="training.denied" testId="training-denied" />;
}


/** A local date (YYYY-MM-DD) in the viewer's style; the text as is when it is not one. */
export function useDay(): (day: string | null | undefined) => string {
  const { dateStyle } = useI18n();
  // A calendar day has no zone: read and print it at UTC midnight with no offset.
  return (day) => (day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? formatDate(`${day}T00:00:00Z`, dateStyle, 0) : (day ?? ''));
}
