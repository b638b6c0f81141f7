// Who is signed in, and which of their units they are working in.
import { computed, ref } from 'vue'
import { api, call, type Schemas } from '../api/client'
import type { Standing } from '../common/applications'
import { standingOf } from '../common/duties'

export const me = ref<Schemas['Me'] | null>(null)
export const currentUnitId = ref<string | null>(localStorage.getItem('gongkai.unit'))
export const unread = ref(0)

export async function loadMe(): Promise<boolean> {
  try {
    me.value = await call(api.GET('/api/v1/auth/me', {}))
  } catch {
    me.value = null
    return false
  }
  const units = me.value.memberships.map((m) => m.unit_id)
  if (!currentUnitId.value || !units.includes(currentUnitId.value)) selectUnit(units[0] ?? null)
  await refreshUnread()
  return true
}

export function selectUnit(id: string | null) {
  currentUnitId.value = id
  if (id) localStorage.setItem('gongkai.unit', id)
  else localStorage.removeItem('gongkai.unit')
}

export async function refreshUnread() {
  try {
    unread.value = (await call(api.GET('/api/v1/notifications/unread-count', {}))).unread
  } catch {
    unread.value = 0
  }
}

/** Every permission the person holds anywhere. */
export const permissions = computed(() => {
  const all = new Set<string>()
  for (const p of me.value?.platform_permissions ?? []) all.add(p)
  for (const p of me.value?.county_permissions ?? []) all.add(p)
  for (const m of me.value?.memberships ?? []) for (const p of m.permissions) all.add(p)
  return all
})

export function can(permission: string) {
  return permissions.value.has(permission)
}

/** A permission held across the county (an oversight function) or everywhere (the platform), not only in one's own units. */
export function canCountyWide(permission: string) {
  return (me.value?.county_permissions ?? []).includes(permission) || (me.value?.platform_permissions ?? []).includes(permission)
}

/** The permissions the person holds for one unit: their role there, plus county and platform ones. */
export function permissionsIn(unitId: string | null | undefined): Set<string> {
  const all = new Set<string>()
  for (const p of me.value?.platform_permissions ?? []) all.add(p)
  for (const p of me.value?.county_permissions ?? []) all.add(p)
  for (const m of me.value?.memberships ?? []) if (m.unit_id === unitId) for (const p of m.permissions) all.add(p)
  return all
}

/** The person's membership in one unit, if they hold a role there. */
export function membershipIn(unitId: string | null | undefined): Schemas['MembershipView'] | undefined {
  return me.value?.memberships.find((m) => m.unit_id === unitId)
}

/** The duties the person holds in one unit, and whether they are its principal leader. */
export function standingIn(unitId: string | null | undefined): Standing {
  return standingOf(me.value?.memberships ?? [], unitId)
}
