// Resolving one discrepancy of a reconciliation: the cause found and what was done about it
// (000 第4 1(3)). The server requires the text and refuses a second resolution.
import { useCallback, useState } from 'react';
import { ErrorBox, SubmitButton, TextArea, useCommand } from '../components/ui';
import { useI18n } from '../i18n';
import { api, seg } from '../lib/api';
import type { Discrepancy } from './types';

export interface ResolveResult {
  reconciliation_id: number;
  state: string;
  open_discrepancies: number;
}

export function ResolveForm({ d, onDone }: { d: Discrepancy; onDone(r: ResolveResult): void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const run = useCallback(
    () => api.post<ResolveResult>(`/api/v1/discrepancies/${seg(d.id)}/resolution`, { resolution: text.trim() }),
    [d.id, text],
  );
  const { submit, error, busy } = useCommand(run, onDone);
  return (
    <form onSubmit={submit} className="work-resolve" data-testid="resolve-form" data-control-no={d.control_no}>
      <TextArea
        label={t('work.disc.resolution_for', { no: d.control_no })}
        name="resolution"
        value={text}
        onChange={(e) => setText(e.target.value)}
        hint={t('work.disc.resolution_hint')}
        error={error}
        rows={2}
      />
      <ErrorBox error={error} />
      <SubmitButton busy={busy} label={t('work.disc.resolve')} />
    </form>
  );
}
