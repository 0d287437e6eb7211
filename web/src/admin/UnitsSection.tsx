// Units (000 第1(4)): the organization as a tree, and a form to create a unit under another.
import { useI18n, type MessageKey } from '../i18n';
import { api } from '../lib/api';
import { Link } from '../lib/router';
import { useData } from '../lib/useData';
import { ErrorBox, Loading, SelectField, TextField } from '../components/ui';
import { CreateForm, idOrUndefined, unitForest, useCreateForm, useUnitOptions, type TreeNode } from './common';
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
  const form = useCreateForm(
    empty,
    async (f) => {
      const r = await api.post<CommandResult & { unit_id: number }>('/api/v1/units', {
        parent_id: idOrUndefined(f.parent_id),
        kind: f.kind,
        code: f.code,
        name_ja: f.name_ja,
        name_en: f.name_en || undefined,
        head_title: f.head_title || undefined,
      });
      return { ...r, code: f.code };
    },
    () => {
      form.setValues({ ...empty, parent_id: form.values.parent_id });
      onCreated();
    },
  );
  const { done, field } = form;
  const parents = useUnitOptions(units, t('admin.unit.parent_none'));
  if (!canAdmin) return null;
  return (
    <CreateForm
      id="unit-form"
      title={t('admin.unit.create')}
      form={form}
      submitLabel={t('admin.unit.submit')}
      notice={done && { text: t('admin.unit.created', { code: done.code, id: done.unit_id }), entity: `unit:${done.code}` }}
    >
      <div className="form-grid">
        <SelectField label={t('admin.unit.parent')} {...field('parent_id')} options={parents} required />
        <SelectField
          label={t('admin.unit.kind')}
          {...field('kind')}
          options={UNIT_KINDS.map((k) => ({ value: k, label: t(unitKindKey(k)) }))}
          required
        />
        <TextField label={t('admin.unit.code')} {...field('code')} required autoComplete="off" hint={t('admin.unit.code_hint')} />
        <TextField label={t('admin.unit.name_ja')} {...field('name_ja')} required />
        <TextField label={t('admin.unit.name_en')} {...field('name_en')} lang="en" />
        <TextField label={t('admin.unit.head_title')} {...field('head_title')} hint={t('admin.unit.head_title_hint')} />
      </div>
    </CreateForm>
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
