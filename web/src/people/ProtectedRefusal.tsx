// The refusal of a protected item (001 第5 2(1)エ, 2(3)ア): the server's people.not_confirmed or
// people.not_handler shown under a plain heading saying why the item cannot be opened and what to do,
// with the server's message, clause and rule. Any other error is shown as the error box shows it.
import { ErrorBox } from '../components/ui';
import { useI18n, type MessageKey } from '../i18n';
import type { ApiError } from '../lib/api';
import './people.css';

const EXPLAIN: Record<string, MessageKey> = {
  'people.not_confirmed': 'people.item.not_confirmed',
  'people.not_handler': 'people.item.not_handler',
};

export function ProtectedRefusal({ error }: { error: ApiError | null }) {
  const { t } = useI18n();
  const explain = error && error.status === 403 ? EXPLAIN[error.error.rule] : undefined;
  if (!explain) return <ErrorBox error={error} />;
  return (
    <section className="card protected-refusal" aria-labelledby="protected-title" data-testid="protected-refusal" data-rule={error!.error.rule}>
      <h2 id="protected-title">{t('people.item.protected')}</h2>
      <p>{t(explain)}</p>
      <ErrorBox error={error} />
    </section>
  );
}
