// Who answers for what in a unit (职责分工): the principal leader designates the head of the
// disclosure office (one leader, who agrees to extensions, Art. 33) and the secrecy reviewers
// (SR 4–5). Pure helpers; the session and the pages feed them.
import type { Schemas } from '../api/client'
import { t, type MessageKey } from '../i18n'
import type { Standing, UnitDuty } from './applications'

export const DUTIES: UnitDuty[] = ['disclosure_office_head', 'secrecy_reviewer']

/** The person's standing in one unit, from the memberships of `/auth/me`. */
export function standingOf(memberships: readonly Pick<Schemas['MembershipView'], 'unit_id' | 'duties' | 'is_principal'>[], unitId: string | null | undefined): Standing {
  const duties = new Set<UnitDuty>()
  let principal = false
  for (const m of memberships) {
    if (m.unit_id !== unitId) continue
    for (const d of m.duties) duties.add(d)
    principal ||= m.is_principal
  }
  return { duties, principal }
}

/** Only the principal leader designates, or whoever manages the members (a platform administrator). */
export function mayDesignate(permissions: ReadonlySet<string>, standing: Pick<Standing, 'principal'>): boolean {
  return permissions.has('member.manage') || (standing.principal && permissions.has('member.manage_handlers'))
}

/** The capacity in which someone agreed to an extension, as the timeline says it. */
export function capacityLabel(capacity: unknown): string {
  if (capacity !== 'principal_leader' && capacity !== 'disclosure_office_head') return ''
  return t(`capacity.${capacity}` as MessageKey)
}

/** One person per member of the unit (someone may hold both roles), leaders first. */
export interface Candidate {
  user_id: string
  display_name: string
  username: string
  leader: boolean
}

export function candidates(members: readonly Pick<Schemas['MemberView'], 'user_id' | 'display_name' | 'username' | 'role' | 'user_status'>[]): Candidate[] {
  const by = new Map<string, Candidate>()
  for (const m of members) {
    if (m.user_status !== 'active') continue
    const c = by.get(m.user_id) ?? { user_id: m.user_id, display_name: m.display_name, username: m.username, leader: false }
    c.leader ||= m.role === 'leader'
    by.set(m.user_id, c)
  }
  return [...by.values()].sort((a, b) => Number(b.leader) - Number(a.leader))
}

/**
 * The server's field errors of a designation as lines to show: `user_ids` as it is, and
 * `user_ids[i]` with the name of the i-th person chosen.
 */
export function designationErrors(errors: Readonly<Record<string, string>>, userIds: readonly string[], nameOf: (id: string) => string): string[] {
  const out: string[] = []
  for (const [field, message] of Object.entries(errors)) {
    if (field === 'user_ids') {
      out.push(message)
      continue
    }
    const m = /^user_ids\[(\d+)\]$/.exec(field)
    if (!m) continue
    const id = userIds[Number(m[1])]
    const name = id ? nameOf(id) || id : ''
    out.push(name ? t('duty.fieldError', { name, message }) : message)
  }
  return out
}
