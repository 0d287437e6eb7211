import { useI18n } from '../i18n';
import { Page } from '../components/ui';

export function ItemOperation(_props: { params: Record<string, string> }) {
  const { t } = useI18n();
  return <Page title={t('ledger.title')}>{null}</Page>;
}
