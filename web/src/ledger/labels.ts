// Code → message-key maps for the values the ledger API sends as codes.
import type { MessageKey } from '../i18n';

export const STATES = [
  'in_storage',
  'in_use',
  'awaiting_check',
  'movement_requested',
  'out',
  'handover_requested',
  'handover_approved',
  'handed_over',
  'destruction_pending',
  'destroyed',
  'disposed',
] as const;

const STATE_KEYS: Record<string, MessageKey> = {
  in_storage: 'ledger.state.in_storage',
  in_use: 'ledger.state.in_use',
  awaiting_check: 'ledger.state.awaiting_check',
  movement_requested: 'ledger.state.movement_requested',
  out: 'ledger.state.out',
  handover_requested: 'ledger.state.handover_requested',
  handover_approved: 'ledger.state.handover_approved',
  handed_over: 'ledger.state.handed_over',
  destruction_pending: 'ledger.state.destruction_pending',
  destroyed: 'ledger.state.destroyed',
  disposed: 'ledger.state.disposed',
};
export const stateKey = (s: string): MessageKey | undefined => STATE_KEYS[s];

const KIND_KEYS: Record<string, MessageKey> = { medium: 'ledger.kind.medium', device: 'ledger.kind.device' };
export const kindKey = (k: string): MessageKey => KIND_KEYS[k] ?? 'ledger.kind.medium';
/** The kind's name inside a sentence (lower case in English). */
export const kindInTextKey = (k: string): MessageKey =>
  k === 'device' ? 'ledger.kind.device_in_text' : 'ledger.kind.medium_in_text';

const MOVEMENT_KEYS: Record<string, MessageKey> = {
  use: 'ledger.movement.use',
  take_out: 'ledger.movement.take_out',
  lend: 'ledger.movement.lend',
  handover: 'ledger.movement.handover',
};
export const movementKey = (m: string | null | undefined): MessageKey | undefined => (m ? MOVEMENT_KEYS[m] : undefined);

const APPROVAL_KEYS: Record<string, MessageKey> = {
  pending: 'ledger.approval.pending',
  approved: 'ledger.approval.approved',
  rejected: 'ledger.approval.rejected',
};
export const approvalKey = (a: string | null | undefined): MessageKey | undefined => (a ? APPROVAL_KEYS[a] : undefined);

export const METHODS = ['shred', 'pulverize', 'incinerate', 'dissolve', 'destroy'] as const;
const METHOD_KEYS: Record<string, MessageKey> = {
  incinerate: 'ledger.method.incinerate',
  pulverize: 'ledger.method.pulverize',
  shred: 'ledger.method.shred',
  dissolve: 'ledger.method.dissolve',
  destroy: 'ledger.method.destroy',
};
export const methodKey = (m: string | null | undefined): MessageKey | undefined => (m ? METHOD_KEYS[m] : undefined);
