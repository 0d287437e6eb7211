// Small parts the compliance screens share: state, severity and duty-status badges, a clause
// reference (data, printed as the document prints it), the link to an evidence record, the card and
// table the screens list things in, and the refusal shown to a user without compliance.view.
import type { ComponentProps, ReactElement, ReactNode } from 'react';
import { Page, Refusal as SharedRefusal, Table } from '../components/ui';
import { type MessageKey, useI18n } from '../i18n';
import type { ApiError } from '../lib/api';
import { Link } from '../lib/router';
import { clausePath, evidencePath, labelOf, SEVERITY_KEYS, STATE_KEYS, STATUS_KEYS } from './labels';
import type { ClauseState, DutyStatus, Severity } from './types';
import './compliance.css';

export function StateBadge({ state }: { state: ClauseState }) {
  const { t } = useI18n();
  return (
    <span className={`badge cstate cstate-${state}`} data-state={state}>
      {labelOf(t, STATE_KEYS, state)}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useI18n();
  return (
    <span className={`badge severity severity-${severity}`} data-severity={severity}>
      {labelOf(t, SEVERITY_KEYS, severity)}
    </span>
  );
}

export function StatusBadge({ status }: { status: DutyStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge duty-status duty-${status}`} data-status={status}>
      {labelOf(t, STATUS_KEYS, status)}
    </span>
  );
}

/** A clause reference: data, kept exactly as the document prints it in every language. */
export function ClauseRef({ value }: { value: string }) {
  return (
    <span className="clause-ref" data-value>
      {value}
    </span>
  );
}

/** A clause reference linked to its clause page. */
export function ClauseLink({ profile, value }: { profile: string; value: string }) {
  return (
    <Link to={clausePath(profile, value)} className="clause-ref" data-value>
      {value}
    </Link>
  );
}

/** An evidence reference: a link when it names a record of mamori, else the text as it came. */
export function EvidenceLink({ value, children }: { value: string | null | undefined; children?: ReactNode }) {
  if (!value) return null;
  const to = evidencePath(value);
  const label = children ?? value;
  return to ? (
    <Link to={to} className="evidence-link" data-evidence={value} data-value>
      {label}
    </Link>
  ) : (
    <span className="evidence-text" data-value>
      {label}
    </span>
  );
}

/** The server's refusal; for a 403, first the sentence saying who may see compliance. */
export function Refusal({ error }: { error: ApiError | null }) {
  return <SharedRefusal error={error} denied="compliance.denied" testId="compliance-denied" />;
}

/** A page that could not be loaded: its title, the loading note or the refusal. */
export function Unloaded({ title, error, loading }: { title: string; error: ApiError | null; loading: boolean }) {
  const { t } = useI18n();
  return (
    <Page title={title}>
      {loading && !error && (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      )}
      <Refusal error={error} />
    </Page>
  );
}

/** A card with a heading (`id` labels it) showing `empty` as a note instead of its content when `isEmpty`. */
export function ListCard({
  id,
  title,
  isEmpty,
  empty,
  children,
}: {
  id: string;
  title: ReactNode;
  isEmpty: boolean;
  empty: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {isEmpty ? <p className="compliance-empty">{empty}</p> : children}
    </section>
  );
}

type ColumnOf<K> = K extends `compliance.col.${infer C}` ? C : never;
/** The last part of a `compliance.col.*` message key. */
export type ColumnKey = ColumnOf<MessageKey>;

/**
 * A table of the compliance screens. Its header row is `columns`: a column key is shown as its
 * `compliance.col.*` label in the viewer's language, an element as it is.
 */
export function ComplianceTable({
  columns,
  ...table
}: Omit<ComponentProps<typeof Table>, 'columns' | 'className'> & { columns: (ColumnKey | ReactElement)[] }) {
  const { t } = useI18n();
  return (
    <Table
      className="compliance-table"
      columns={columns.map((c) => (typeof c === 'string' ? t(`compliance.col.${c}`) : c))}
      {...table}
    />
  );
}
