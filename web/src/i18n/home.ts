import { defineMessages } from './define';

export default defineMessages(
  {
    'home.title': 'ホーム',
  },
  {
    'home.title': 'Home',
  },
);
