import { defineMessages } from './define';

export default defineMessages(
  {
    'trail.title': '証跡',
  },
  {
    'trail.title': 'Trail',
  },
);
