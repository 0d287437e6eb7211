// One block of the home page: a heading with its count, the rows, a link to the full list, and
// a sentence when there is nothing to do.
import type { ReactNode } from 'react';
import { ErrorBox, Loading, Table } from '../components/ui';
import { useI18n } from '../i18n';
import { seg, type ApiError } from '../lib/api';
import { Link } from '../lib/router';

export const HOME_ROWS = 10;

export function WorkSection({
  id,
  title,
  count,
  error,
  empty,
  more,
  children,
}: {
  id: string;
  title: string;
  /** null while loading */
  count: number | null;
  error?: ApiError | null;
  empty: string;
  more?: { to: string; label: string };
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <section className="card work-section" aria-labelledby={`${id}-title`} data-testid={id} aria-busy={count === null || undefined}>
      <div className="work-section-head">
        <h2 id={`${id}-title`}>
          {title}
          {count !== null && (
            <span className={`work-count${count > 0 ? ' work-count-some' : ''}`} data-testid={`${id}-count`}>
              {t('home.count', { n: count })}
            </span>
          )}
        </h2>
        {more && count !== null && count > 0 && <Link to={more.to}>{more.label}</Link>}
      </div>
      {error ? (
        <ErrorBox error={error} />
      ) : count === null ? (
        <Loading />
      ) : count === 0 ? (
        <p className="work-empty">{empty}</p>
      ) : (
        children
      )}
    </section>
  );
}

/** An item's control number heading its row, linked to the item. */
export function ItemNo({ no }: { no: string }) {
  return (
    <th scope="row">
      <Link to={`/items/${seg(no)}`}>{no}</Link>
    </th>
  );
}

/**
 * The first HOME_ROWS of a block's rows as a table; with `total` (how many there are in all, the
 * rows given being the first of them), a line saying how many are not listed.
 */
export function WorkTable<T>({
  caption,
  columns,
  rows,
  total,
  row,
}: {
  caption: string;
  columns: ReactNode[];
  rows: T[];
  total?: number;
  row(r: T, n: number): ReactNode;
}) {
  const { t } = useI18n();
  const shown = Math.min(rows.length, HOME_ROWS);
  return (
    <>
      <Table caption={caption} columns={columns}>
        {rows.slice(0, HOME_ROWS).map(row)}
      </Table>
      {total !== undefined && total > shown && <p className="work-muted">{t('home.more_rows', { n: total - shown })}</p>}
    </>
  );
}
