// Code → message-key maps for what the server sends as codes (states, movements, kinds of
// request and of discrepancy). An unknown code is shown as it came.
import type { MessageKey } from '../i18n';
import type { Approval } from './types';

export const STATE_KEYS: Record<string, MessageKey> = {
  in_storage: 'work.state.in_storage',
  in_use: 'work.state.in_use',
  awaiting_check: 'work.state.awaiting_check',
  movement_requested: 'work.state.movement_requested',
  out: 'work.state.out',
  handover_requested: 'work.state.handover_requested',
  handover_approved: 'work.state.handover_approved',
  handed_over: 'work.state.handed_over',
  destruction_pending: 'work.state.destruction_pending',
  destroyed: 'work.state.destroyed',
  disposed: 'work.state.disposed',
};

export const MOVEMENT_KEYS: Record<string, MessageKey> = {
  use: 'work.movement.use',
  take_out: 'work.movement.take_out',
  lend: 'work.movement.lend',
  handover: 'work.movement.handover',
};

export const KIND_KEYS: Record<string, MessageKey> = {
  medium: 'work.kind.medium',
  device: 'work.kind.device',
};

export const DISCREPANCY_KEYS: Record<string, MessageKey> = {
  missing: 'work.disc.kind.missing',
  unexpected: 'work.disc.kind.unexpected',
  unknown: 'work.disc.kind.unknown',
};

export const DISCREPANCY_HINTS: Record<string, MessageKey> = {
  missing: 'work.disc.hint.missing',
  unexpected: 'work.disc.hint.unexpected',
  unknown: 'work.disc.hint.unknown',
};

/** States in which an item should be in the unit's locked storage (mirrors src/ledger/reconcile.cc). */
export const EXPECTED_IN_STORAGE = new Set([
  'in_storage',
  'awaiting_check',
  'movement_requested',
  'handover_requested',
  'handover_approved',
  'destruction_pending',
]);
/** Final states: the item has left the ledger's custody for good. */
export const FINAL_STATES = new Set(['handed_over', 'destroyed', 'disposed']);

/** What is being asked for: take-out, loan, handover or copy. */
export function requestKey(a: Approval): MessageKey {
  if (a.type === 'copy') return 'work.request.copy';
  if (a.movement === 'handover') return 'work.request.handover';
  if (a.movement === 'lend') return 'work.request.lend';
  return 'work.request.take_out';
}

/** A label for `code` from `map`, or the code itself when the map does not know it. */
export function labelOf(t: (k: MessageKey) => string, map: Record<string, MessageKey>, code: string | null | undefined): string {
  if (!code) return '';
  const key = map[code];
  return key ? t(key) : code;
}
