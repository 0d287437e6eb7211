// What a user may do with an item now, derived from its state and the user's designations in the
// item's custodian unit — mirroring the preconditions of src/ledger/commands.cc. This only decides
// which buttons to show: the server checks every request again and refuses with rule and clause.
import type { MessageKey } from '../i18n';
import type { CopyEntry, Item, LedgerEntry } from './types';

/** The operations of the route /items/:no/:op. */
export const OPS = [
  'checkout',
  'return',
  'check',
  'movement',
  'approval',
  'borrower',
  'copy',
  'copy-approval',
  'handover',
  'handover-complete',
  'destruction',
  'witness',
  'disposal',
] as const;
export type Op = (typeof OPS)[number];

export function isOp(s: string): s is Op {
  return (OPS as readonly string[]).includes(s);
}

export interface OpInfo {
  /** Label of the action button and title of its form. */
  label: MessageKey;
  /** The notice on the item page after the operation was recorded. */
  done: MessageKey;
  /** Label used for devices when it differs (devices are only lent). */
  deviceLabel?: MessageKey;
  /** The clause of 000 the operation records (media; devices in deviceClause). */
  clause: string;
  deviceClause?: string;
}

export const OP_INFO: Record<Op, OpInfo> = {
  checkout: { label: 'ledger.action.checkout', done: 'ledger.done.checkout', clause: '000 第4 3(1)', deviceClause: '000 第3 3(1)' },
  return: { label: 'ledger.action.return', done: 'ledger.done.return', clause: '000 第4 3(1)', deviceClause: '000 第3 3(1)' },
  check: { label: 'ledger.action.check', done: 'ledger.done.check', clause: '000 第4 3(2)', deviceClause: '000 第3 3(2)' },
  movement: {
    label: 'ledger.action.movement',
    done: 'ledger.done.movement',
    deviceLabel: 'ledger.action.movement_device',
    clause: '000 第4 4(1)',
    deviceClause: '000 第3 4(1)',
  },
  approval: { label: 'ledger.action.approval', done: 'ledger.done.approval', clause: '000 第4 4(2)', deviceClause: '000 第3 4(2)' },
  borrower: { label: 'ledger.action.borrower', done: 'ledger.done.borrower', clause: '000 第4 4(3)' },
  copy: { label: 'ledger.action.copy', done: 'ledger.done.copy', clause: '000 第4 5(1)', deviceClause: '000 第3 5(1)' },
  'copy-approval': { label: 'ledger.action.copy_approval', done: 'ledger.done.copy_approval', clause: '000 第4 5(2)', deviceClause: '000 第3 5(2)' },
  handover: { label: 'ledger.action.handover', done: 'ledger.done.handover', clause: '000 第4 6(1)' },
  'handover-complete': { label: 'ledger.action.handover_complete', done: 'ledger.done.handover_complete', clause: '000 第4 6(3)' },
  destruction: { label: 'ledger.action.destruction', done: 'ledger.done.destruction', clause: '000 第4 7(1)' },
  witness: { label: 'ledger.action.witness', done: 'ledger.done.witness', clause: '000 第4 7(1)' },
  disposal: { label: 'ledger.action.disposal', done: 'ledger.done.disposal', clause: '000 第3 6(1)' },
};

export function opLabel(op: Op, kind: Item['kind']): MessageKey {
  const info = OP_INFO[op];
  return kind === 'device' && info.deviceLabel ? info.deviceLabel : info.label;
}

export function opClause(op: Op, kind: Item['kind']): string {
  const info = OP_INFO[op];
  return kind === 'device' && info.deviceClause ? info.deviceClause : info.clause;
}

export interface Action {
  op: Op;
  /** The one action the user most likely came for (shown first, as the primary button). */
  primary?: boolean;
  /** For copy approvals: the copy entry decided. */
  copyId?: number;
}

export interface Viewer {
  personId: number;
  /** session.can(permission, item.custodian_unit_id) */
  can(permission: string): boolean;
}

export function currentEntry(item: Item, entries: LedgerEntry[]): LedgerEntry | undefined {
  if (item.current_entry_id == null) return undefined;
  return entries.find((e) => e.id === item.current_entry_id);
}

/**
 * The actions to offer. Holder-side records (return, borrower, copy, handover recipient) are
 * offered to the person who holds the item and to those who keep the unit's ledgers (ledger.check:
 * the unit IA officer and assistants, who receive returned media); the server accepts them from
 * anyone with ledger.use in the unit.
 */
export function availableActions(item: Item, entries: LedgerEntry[], copies: CopyEntry[], viewer: Viewer): Action[] {
  const out: Action[] = [];
  const { can } = viewer;
  const cur = currentEntry(item, entries);
  const mine = cur?.user_person_id != null && cur.user_person_id === viewer.personId;
  const keeper = can('ledger.check');
  const holderSide = can('ledger.use') && (mine || keeper);
  const medium = item.kind === 'medium';
  switch (item.state) {
    case 'in_storage':
      if (can('ledger.use')) {
        out.push({ op: 'checkout', primary: true });
        out.push({ op: 'movement' });
        if (medium) out.push({ op: 'handover' });
      }
      if (medium && can('ledger.destroy')) out.push({ op: 'destruction' });
      if (!medium && can('ledger.dispose')) out.push({ op: 'disposal' });
      break;
    case 'in_use':
      if (holderSide) out.push({ op: 'return', primary: mine });
      break;
    case 'out':
      if (holderSide) {
        out.push({ op: 'return', primary: mine });
        if (cur?.movement === 'lend') out.push({ op: 'borrower' });
        out.push({ op: 'copy' });
      }
      break;
    case 'awaiting_check':
      if (can('ledger.check')) out.push({ op: 'check', primary: true });
      break;
    case 'movement_requested':
      if (can('ledger.approve')) out.push({ op: 'approval', primary: true });
      if (holderSide) out.push({ op: 'copy' });
      break;
    case 'handover_requested':
      if (can('ledger.approve')) out.push({ op: 'approval', primary: true });
      break;
    case 'handover_approved':
      if (holderSide) out.push({ op: 'handover-complete', primary: true });
      break;
    case 'destruction_pending':
      // Only the designated witness signs, with their own account; never the executor.
      if (
        item.witness_person_id != null &&
        item.witness_person_id === viewer.personId &&
        item.executor_person_id !== viewer.personId
      )
        out.push({ op: 'witness', primary: true });
      break;
    default:
      break;
  }
  if (can('ledger.approve'))
    for (const c of copies) if (c.approval === 'pending') out.push({ op: 'copy-approval', copyId: c.id });
  // Primary first, the rest in the order of the paper workflow.
  return out.sort((a, b) => Number(!!b.primary) - Number(!!a.primary));
}

/** The page of an operation on an item. */
export function opPath(controlNo: string, op: Op, copyId?: number): string {
  const base = `/items/${encodeURIComponent(controlNo)}/${op}`;
  return copyId === undefined ? base : `${base}?copy=${copyId}`;
}
