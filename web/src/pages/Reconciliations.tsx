import { useI18n } from '../i18n';
import { Page } from '../components/ui';

export function Reconciliations(_props: { params: Record<string, string> }) {
  const { t } = useI18n();
  return <Page title={t('work.title')}>{null}</Page>;
}
