import { defineMessages } from './define';

export default defineMessages(
  {
    'ledger.title': '媒体・機器',
  },
  {
    'ledger.title': 'Media & devices',
  },
);
