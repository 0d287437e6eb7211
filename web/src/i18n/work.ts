import { defineMessages } from './define';

export default defineMessages(
  {
    'work.title': '承認と照合',
  },
  {
    'work.title': 'Approvals and reconciliation',
  },
);
