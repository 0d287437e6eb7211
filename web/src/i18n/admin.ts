import { defineMessages } from './define';

export default defineMessages(
  {
    'admin.title': '管理',
  },
  {
    'admin.title': 'Administration',
  },
);
