// 「CSVから取り込む」: people from a CSV file (POST /api/v1/persons/import). The file is read as an
// ArrayBuffer and sent unchanged (Shift_JIS stays Shift_JIS: the server decodes it). 「確認（ドライラン）」
// shows what the import would do, row by row, and writes nothing; 「取り込む」 then applies every row, or
// none. A refusal (a bad file names its line and column) shows the server's message and clause.
import { useState, type FormEvent } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { api, ApiError, query } from '../lib/api';
import { personName } from '../lib/format';
import { ErrorBox, SelectField, SubmitButton, Table, TextField } from '../components/ui';
import { DoneNotice } from './common';
import type { CommandResult, Unit } from './types';

export interface ImportRow {
  line: number;
  action: 'create' | 'update' | 'unchanged';
  person_id: number;
  fields: { family_name: string; given_name: string; unit_id: number; unit_code: string };
  changes: string[];
}
export interface ImportResult extends CommandResult {
  dry_run: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rows?: ImportRow[];
}

const ENCODINGS = [
  { value: 'auto', key: 'admin.import.encoding.auto' },
  { value: 'utf-8', key: 'admin.import.encoding.utf8' },
  { value: 'shift_jis', key: 'admin.import.encoding.sjis' },
] as const;

/** The file's bytes, unchanged. */
function readBytes(file: File): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

function PlanTable({ plan, units }: { plan: ImportResult; units: Unit[] }) {
  const { t, pick } = useI18n();
  const unitName = (id: number, code: string) => {
    const u = units.find((x) => x.id === id);
    return u ? t('admin.unit_option', { name: pick(u.name_ja, u.name_en), code: u.code }) : code;
  };
  return (
    <Table
      data-testid="import-plan"
      caption={
        <>
          {t('admin.import.plan_caption')}{' '}
          <span className="caption-note">{t('admin.import.summary', { created: plan.created, updated: plan.updated, unchanged: plan.unchanged })}</span>
        </>
      }
      columns={[
        t('admin.import.col.line'),
        t('admin.import.col.action'),
        t('admin.import.col.name'),
        t('admin.import.col.unit'),
        t('admin.import.col.changes'),
      ]}
    >
      {(plan.rows ?? []).map((r) => (
        <tr key={r.line}>
          <td className="num">{r.line}</td>
          <td>{t(`admin.import.action.${r.action}` as MessageKey)}</td>
          <th scope="row" data-value>
            {personName(r.fields.family_name, r.fields.given_name)}
          </th>
          <td data-value>{unitName(r.fields.unit_id, r.fields.unit_code)}</td>
          <td>{r.changes.map((c) => t(`admin.import.change.${c}` as MessageKey)).join(t('admin.list_sep'))}</td>
        </tr>
      ))}
    </Table>
  );
}

export function ImportPanel({ units, onImported }: { units: Unit[]; onImported(): void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState('auto');
  const [plan, setPlan] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<(ImportResult & { file: string }) | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);

  const send = async (dryRun: boolean) => {
    if (!file) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const bytes = await readBytes(file);
      const path = `/api/v1/persons/import${query({ dry_run: dryRun ? 1 : undefined, encoding, filename: file.name })}`;
      const r = await api.upload<ImportResult>(path, bytes, 'text/csv');
      if (dryRun) {
        setPlan(r);
      } else {
        setPlan(null);
        setDone({ ...r, file: file.name });
        onImported();
      }
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setError(err);
      if (dryRun) setPlan(null);
    } finally {
      setBusy(false);
    }
  };
  const onDryRun = (e: FormEvent) => {
    e.preventDefault();
    void send(true);
  };
  // A new file or encoding needs a new dry run.
  const reset = () => {
    setPlan(null);
    setDone(null);
    setError(null);
  };

  return (
    <form className="card" onSubmit={onDryRun} noValidate aria-labelledby="person-import-title" data-testid="person-import">
      <h3 id="person-import-title">{t('admin.import.title')}</h3>
      {done && (
        <DoneNotice result={done} entity={`import:${done.file}`}>
          {t('admin.import.done', { file: done.file, created: done.created, updated: done.updated, unchanged: done.unchanged })}
        </DoneNotice>
      )}
      <p className="hint">{t('admin.import.hint')}</p>
      <ErrorBox error={error} />
      <div className="form-grid">
        <TextField
          label={t('admin.import.file')}
          name="csv"
          type="file"
          accept=".csv,text/csv"
          required
          hint={t('admin.import.file_hint')}
          invalid={missing && !file ? t('admin.import.no_file') : undefined}
          error={error}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setMissing(false);
            reset();
          }}
        />
        <SelectField
          label={t('admin.import.encoding')}
          name="encoding"
          value={encoding}
          error={error}
          onChange={(e) => {
            setEncoding(e.target.value);
            reset();
          }}
          options={ENCODINGS.map((o) => ({ value: o.value, label: t(o.key) }))}
        />
      </div>
      <div className="actions">
        <SubmitButton busy={busy} label={t('admin.import.dry_run')} className={plan ? '' : 'primary'} />
        {plan && (
          <button type="button" className="primary" disabled={busy} aria-busy={busy || undefined} onClick={() => void send(false)}>
            {t('admin.import.apply')}
          </button>
        )}
      </div>
      {plan && <PlanTable plan={plan} units={units} />}
    </form>
  );
}
