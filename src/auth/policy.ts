import { ForbiddenError, UnauthorizedError } from '../shared/errors.ts';
import type { UnitTree } from '../units/unit-tree.ts';
import type { Actor, Role } from './actor.ts';
import { authMsg } from './auth-messages.ts';

/**
 * Every write the system knows, and who may make it. An editor's "scope" is its unit and every unit beneath it
 * (a province for its communes, a ministry for itself); "above" means a unit strictly above the one touched
 * (a province accepts its communes' tasks). The local operator (`system`) may do everything.
 */
const RULES = {
  'events.ingest': { roles: ['admin'], editor: 'scope', token: true },
  'values.values': { roles: ['admin'], editor: 'scope' },
  'values.import': { roles: ['admin'], editor: 'scope' },
  /** An evidence file attached to a unit's reported values (stored before the batch that names it). */
  'values.evidence': { roles: ['admin'], editor: 'scope' },
  'targets.set': { roles: ['admin', 'steering'] },
  'catalogue.upsert': { roles: ['admin', 'steering'] },
  'directives.create': { roles: ['admin', 'steering'] },
  'tasks.create': { roles: ['admin', 'steering'] },
  'tasks.split': { roles: ['admin', 'steering'], editor: 'scope' },
  'tasks.progress': { roles: ['admin'], editor: 'scope' },
  'tasks.complete': { roles: ['admin'], editor: 'scope' },
  'tasks.accept': { roles: ['admin', 'steering'], editor: 'above' },
  'tasks.reject': { roles: ['admin', 'steering'], editor: 'above' },
  'periods.publish': { roles: ['admin', 'steering'] },
  'periods.correct': { roles: ['admin', 'steering'] },
  'users.manage': { roles: ['admin'] },
  'tokens.manage': { roles: ['admin'] },
  /** A user changing their own password. */
  'users.password': { roles: ['admin', 'steering', 'editor', 'viewer'] },
  'tasks.refresh': { roles: [] },
  'kpi.recompute': { roles: [] },
} satisfies Record<string, Rule>;

interface Rule {
  roles: readonly Role[];
  editor?: 'scope' | 'above';
  token?: boolean;
}

export type WriteAction = keyof typeof RULES;

/** What a write touches: the action, the units whose data changes and, for events, their types. */
export interface WriteIntent {
  action: WriteAction;
  units: readonly string[];
  eventTypes?: readonly string[];
}

/** The one authorisation check for writes; throws 401 for no account, 403 for the wrong one. Nothing is written. */
export function authorizeWrite(actor: Actor, intent: WriteIntent, units: UnitTree): void {
  const rule: Rule = RULES[intent.action];
  switch (actor.kind) {
    case 'system':
      return;
    case 'anonymous':
      throw new UnauthorizedError(authMsg('loginRequired').vi);
    case 'token': {
      if (!rule.token) throw forbiddenAction('token', intent.action);
      for (const unit of intent.units) {
        if (!actor.units.some((root) => within(units, unit, root))) throw forbiddenUnit(unit);
      }
      for (const type of intent.eventTypes ?? []) {
        if (!actor.eventTypes.some((pattern) => eventTypeMatches(pattern, type))) {
          throw new ForbiddenError(authMsg('forbiddenEventType', { type }).vi, { type });
        }
      }
      return;
    }
    case 'user': {
      if (actor.mustChangePassword && intent.action !== 'users.password') throw new ForbiddenError(authMsg('passwordChangeRequired').vi);
      if (rule.roles.includes(actor.role)) return;
      if (actor.role !== 'editor' || !rule.editor || !actor.unit) throw forbiddenAction(actor.role, intent.action);
      const home = actor.unit;
      for (const unit of intent.units) {
        const allowed = rule.editor === 'scope' ? within(units, unit, home) : unit !== home && within(units, unit, home);
        if (!allowed) throw forbiddenUnit(unit);
      }
      return;
    }
  }
}

/** `unit` is `root` or beneath it. */
export function within(units: UnitTree, unit: string, root: string): boolean {
  return unit === root || units.lineage(unit).includes(root);
}

/** `dossier.*` matches `dossier.submitted` and `dossier.paid.online`; `*` alone matches every type. */
export function eventTypeMatches(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

export const EVENT_TYPE_PATTERN = /^(\*|[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?)$/;

const forbiddenAction = (role: string, action: string) => new ForbiddenError(authMsg('forbiddenAction', { role, action }).vi, { role, action });
const forbiddenUnit = (unit: string) => new ForbiddenError(authMsg('forbiddenUnit', { unit }).vi, { unit });
