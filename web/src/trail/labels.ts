// Readable names for the codes the trail records (commands, covered tables, actors). Unknown codes
// are shown as the server wrote them.
import { MESSAGES, type MessageKey } from '../i18n';
import { personName } from '../lib/format';
import type { Person } from '../admin/types';

/** Every command the server registers that a person can meet in the trail, plus the access log. */
export const COMMANDS = [
  'org.init',
  'org.take_profile',
  'unit.create',
  'person.create',
  'account.create',
  'account.set_password',
  'account.set_disabled',
  'account.set_totp',
  'designation.create',
  'designation.revoke',
  'auth.session_create',
  'auth.session_revoke',
  'auth.login_failed',
  'auth.token_create',
  'item.register',
  'item.receive',
  'item.checkout',
  'item.return',
  'item.check',
  'item.request_movement',
  'item.approve',
  'item.record_borrower',
  'item.request_copy',
  'item.approve_copy',
  'item.request_handover',
  'item.complete_handover',
  'item.record_destruction',
  'item.witness_destruction',
  'item.dispose',
  'reconcile.submit',
  'reconcile.resolve',
  'view',
] as const;

function known(key: string): key is MessageKey {
  return key in MESSAGES.ja;
}

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function commandLabel(t: T, code: string): string | null {
  const k = `trail.cmd.${code}`;
  return known(k) ? t(k) : null;
}

export function tableLabel(t: T, table: string): string {
  const k = `trail.table.${table}`;
  return known(k) ? t(k) : table;
}

/** "user:sato" → 佐藤 一郎 (sato); "system:access-log" → the system actor's name. */
export function actorLabel(t: T, actor: string, byUsername: Map<string, Person>): string {
  if (actor.startsWith('user:')) {
    const u = actor.slice(5);
    const p = byUsername.get(u);
    return p ? t('trail.person_user', { name: personName(p.family_name, p.given_name), username: u }) : u;
  }
  if (actor.startsWith('system:')) {
    const k = `trail.actor.${actor.slice(7)}`;
    return known(k) ? t(k) : t('trail.actor.system', { name: actor.slice(7) });
  }
  return actor;
}

export const SYSTEM_ACTORS = ['system:access-log', 'system:auth', 'system:cli', 'system:init', 'system:demo'] as const;
