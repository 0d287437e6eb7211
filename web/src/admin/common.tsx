// Shared pieces of the administration screens: unit tree ordering and options, person options, the
// "recorded in the trail" notice after a command, the forms that create something and the lists.
import { useState, type ComponentProps, type ReactNode } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { personName } from '../lib/format';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';
import { ErrorBox, Notice, SubmitButton, Table, useCommand, useRefusalFocus, useValues, type Option } from '../components/ui';
import type { CommandResult, Person, Unit } from './types';

export interface TreeNode {
  unit: Unit;
  depth: number;
  children: TreeNode[];
}

/** Units as a forest (parents before children, siblings by id); orphans become roots. */
export function unitForest(units: Unit[]): TreeNode[] {
  const ids = new Set(units.map((u) => u.id));
  const byParent = new Map<number | null, Unit[]>();
  for (const u of units) {
    const p = u.parent_id !== null && ids.has(u.parent_id) ? u.parent_id : null;
    byParent.set(p, [...(byParent.get(p) ?? []), u]);
  }
  const build = (parent: number | null, depth: number, seen: Set<number>): TreeNode[] =>
    (byParent.get(parent) ?? [])
      .filter((u) => !seen.has(u.id))
      .sort((a, b) => a.id - b.id)
      .map((u) => {
        const next = new Set(seen).add(u.id);
        return { unit: u, depth, children: build(u.id, depth + 1, next) };
      });
  return build(null, 0, new Set());
}

export function flattenForest(nodes: TreeNode[]): TreeNode[] {
  return nodes.flatMap((n) => [n, ...flattenForest(n.children)]);
}

/** Units as options in tree order, indented by depth. */
export function useUnitOptions(units: Unit[], empty?: string): Option[] {
  const { t, pick } = useI18n();
  const opts: Option[] = empty !== undefined ? [{ value: '', label: empty }] : [];
  for (const n of flattenForest(unitForest(units)))
    opts.push({
      value: String(n.unit.id),
      label: '\u3000'.repeat(n.depth) + t('admin.unit_option', { name: pick(n.unit.name_ja, n.unit.name_en), code: n.unit.code }),
    });
  return opts;
}

/** The message key naming a kind of person (職員, 契約業者等…). */
export const personKindKey = (k: string) => `admin.person_kind.${k}` as MessageKey;

export function usePersonOptions(persons: Person[], empty?: string): Option[] {
  const { t } = useI18n();
  const opts: Option[] = empty !== undefined ? [{ value: '', label: empty }] : [];
  for (const p of persons)
    opts.push({
      value: String(p.id),
      label: t('admin.person_option', { name: personName(p.family_name, p.given_name), unit: p.unit_name }),
    });
  return opts;
}

/** After a command: what was done, and where the trail recorded it. */
export function DoneNotice({ children, result, entity }: { children: ReactNode; result: CommandResult | null; entity?: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  return (
    <Notice>
      {children}
      {result?.trail_seq !== undefined && <> {t('admin.recorded', { seq: result.trail_seq })}</>}
      {entity && can('trail.view') && (
        <>
          {' '}
          <Link to={`/trail?entity=${encodeURIComponent(entity)}`}>{t('admin.show_in_trail')}</Link>
        </>
      )}
    </Notice>
  );
}

/** Parses a select's value as an id ('' → undefined, so the server names the missing field). */
export const idOrUndefined = (v: string): number | undefined => (v === '' ? undefined : Number(v));

/**
 * A form that creates something: its values, the command (a refusal focuses the field the server
 * names) and the result of the last success for the notice, cleared when the form is sent again.
 * `run` returns null when a check of its own stops it: nothing is sent and there is no notice.
 */
export function useCreateForm<V extends Record<string, string>, R>(empty: V, run: (v: V) => Promise<R | null>, after: (r: R) => void) {
  const { values, setValues, text } = useValues(empty);
  const [done, setDone] = useState<R | null>(null);
  const command = useCommand(
    () => {
      setDone(null);
      return run(values);
    },
    (r) => {
      if (r === null) return;
      setDone(r);
      after(r);
    },
  );
  const formRef = useRefusalFocus(command.error);
  /** A field's name, value and onChange, and the server's refusal for its message. */
  const field = (k: keyof V & string) => ({ ...text(k), error: command.error });
  return { ...command, values, setValues, text, field, done, formRef };
}

/**
 * The frame of a create form: title, the notice of the last success (`notice`: what was created and
 * the entity the trail recorded it under), the refusal, the fields, submit.
 */
export function CreateForm({
  id,
  title,
  form,
  submitLabel,
  notice,
  hint,
  children,
}: {
  id: string;
  title: string;
  form: Pick<ReturnType<typeof useCreateForm<Record<string, string>, CommandResult>>, 'formRef' | 'submit' | 'error' | 'busy' | 'done'>;
  submitLabel: string;
  notice: { text: ReactNode; entity: string } | null;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <form ref={form.formRef} className="card" onSubmit={form.submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {form.done && notice && (
        <DoneNotice result={form.done} entity={notice.entity}>
          {notice.text}
        </DoneNotice>
      )}
      {hint && <p className="hint">{hint}</p>}
      <ErrorBox error={form.error} />
      {children}
      <SubmitButton busy={form.busy} label={submitLabel} />
    </form>
  );
}

/** A list of a section; its caption says how many rows it has. */
export function AdminTable({ caption, count, ...table }: { count: number } & ComponentProps<typeof Table>) {
  const { t } = useI18n();
  return (
    <Table
      caption={
        <>
          {caption} <span className="caption-note">{t('admin.count', { n: count })}</span>
        </>
      }
      {...table}
    />
  );
}
