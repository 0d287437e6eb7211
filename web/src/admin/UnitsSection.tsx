// Units (000 第1(4)): the organization as a tree, and a form to create a unit under another.
import { useCallback, useState } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { api } from '../lib/api';
import { Link } from '../lib/router';
import { useData } from '../lib/useData';
import { ErrorBox, Loading, SelectField, SubmitButton, TextField, useCommand } from '../components/ui';
import { DoneNotice, idOrUndefined, unitForest, useFocusRefused, useUnitOptions, type TreeNode } from './common';
import { UNIT_KINDS, type CommandResult, type Unit } from './types';

export const unitKindKey = (k: string) => `admin.kind.${k}` as MessageKey;

function UnitTree({ nodes, root }: { nodes: TreeNode[]; root?: boolean }) {
  const { t, pick } = useI18n();
  return (
    <ul className={root ? 'unit-tree' : undefined}>
      {nodes.map((n) => (
        <li key={n.unit.id}>
          <div className="unit-node" data-unit-code={n.unit.code}>
            <strong>{pick(n.unit.name_ja, n.unit.name_en)}</strong> <code className="unit-code">{n.unit.code}</code>{' '}
            <span className="badge">{t(unitKindKey(n.unit.kind))}</span>
            {n.unit.head_title && <span className="unit-head"> {t('admin.unit.head', { title: n.unit.head_title })}</span>}{' '}
            <Link to={`/admin/people?unit_id=${n.unit.id}`} aria-label={t('admin.unit.people_of', { name: pick(n.unit.name_ja, n.unit.name_en) })}>
              {t('admin.unit.people')}
            </Link>
          </div>
          {n.children.length > 0 && <UnitTree nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}

function UnitForm({ units, canAdmin, onCreated }: { units: Unit[]; canAdmin: boolean; onCreated(): void }) {
  const { t } = useI18n();
  const empty = { parent_id: units[0] ? String(units[0].id) : '', kind: 'division', code: '', name_ja: '', name_en: '', head_title: '' };
  const [f, setF] = useState(empty);
  const [done, setDone] = useState<(CommandResult & { unit_id: number; code: string }) | null>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const run = useCallback(async () => {
    setDone(null);
    const r = await api.post<CommandResult & { unit_id: number }>('/api/v1/units', {
      parent_id: idOrUndefined(f.parent_id),
      kind: f.kind,
      code: f.code,
      name_ja: f.name_ja,
      name_en: f.name_en || undefined,
      head_title: f.head_title || undefined,
    });
    return { ...r, code: f.code };
  }, [f]);
  const { submit, error, busy } = useCommand(run, (r) => {
    setDone(r);
    setF({ ...empty, parent_id: f.parent_id });
    onCreated();
  });
  const formRef = useFocusRefused(error);
  const parents = useUnitOptions(units, t('admin.unit.parent_none'));
  if (!canAdmin) return null;
  return (
    <form ref={formRef} className="card" onSubmit={submit} noValidate aria-labelledby="unit-form-title">
      <h3 id="unit-form-title">{t('admin.unit.create')}</h3>
      {done && (
        <DoneNotice result={done} entity={`unit:${done.code}`}>
          {t('admin.unit.created', { code: done.code, id: done.unit_id })}
        </DoneNotice>
      )}
      <ErrorBox error={error} />
      <div className="form-grid">
        <SelectField
          label={t('admin.unit.parent')}
          name="parent_id"
          value={f.parent_id}
          onChange={set('parent_id')}
          options={parents}
          error={error}
          required
        />
        <SelectField
          label={t('admin.unit.kind')}
          name="kind"
          value={f.kind}
          onChange={set('kind')}
          options={UNIT_KINDS.map((k) => ({ value: k, label: t(unitKindKey(k)) }))}
          error={error}
          required
        />
        <TextField
          label={t('admin.unit.code')}
          name="code"
          value={f.code}
          onChange={set('code')}
          error={error}
          required
          autoComplete="off"
          hint={t('admin.unit.code_hint')}
        />
        <TextField
          label={t('admin.unit.name_ja')}
          name="name_ja"
          value={f.name_ja}
          onChange={set('name_ja')}
          error={error}
          required
        />
        <TextField
          label={t('admin.unit.name_en')}
          name="name_en"
          value={f.name_en}
          onChange={set('name_en')}
          error={error}
          lang="en"
        />
        <TextField
          label={t('admin.unit.head_title')}
          name="head_title"
          value={f.head_title}
          onChange={set('head_title')}
          error={error}
          hint={t('admin.unit.head_title_hint')}
        />
      </div>
      <SubmitButton busy={busy} label={t('admin.unit.submit')} />
    </form>
  );
}

export function UnitsSection({ canAdmin }: { canAdmin: boolean }) {
  const { t } = useI18n();
  const units = useData<{ units: Unit[] }>('/api/v1/units');
  if (units.error) return <ErrorBox error={units.error} />;
  if (!units.data) return <Loading />;
  return (
    <>
      <section className="card" aria-labelledby="unit-tree-title">
        <h3 id="unit-tree-title">{t('admin.unit.tree')}</h3>
        <UnitTree nodes={unitForest(units.data.units)} root />
      </section>
      <UnitForm units={units.data.units} canAdmin={canAdmin} onCreated={units.reload} />
    </>
  );
}
