// A unit's 政府信息公开指南 (Art. 12): pure helpers for the contact data the unit keeps for it (the
// rest of the guide the server generates from the unit's records), the day by which the unit must
// confirm it again (AC 6(1)), and the county's period between confirmations, which the openness
// office sets. The pages feed them; the Vitest file tests them.
import type { Schemas } from '../api/client'
import { chars } from './forms'

export type Guide = Schemas['Guide']
export type GuideContacts = Schemas['GuideContacts']
export type DisclosureSettings = Schemas['DisclosureSettingsView']

export interface GuideForm {
  office_name: string
  address: string
  postal_code: string
  office_hours: string
  phone: string
  fax: string
  email: string
  notes: string
}

export const GUIDE_FIELDS = ['office_name', 'address', 'postal_code', 'office_hours', 'phone', 'fax', 'email', 'notes'] as const
export type GuideField = (typeof GUIDE_FIELDS)[number]

/** The lengths the server takes for each text, in characters: [min, max]; a min of 0 is optional. */
export const GUIDE_LIMITS: Record<Exclude<GuideField, 'postal_code'>, [number, number]> = {
  office_name: [2, 100],
  address: [4, 200],
  office_hours: [4, 200],
  phone: [5, 50],
  fax: [0, 50],
  email: [0, 254],
  notes: [0, 2000],
}

export function emptyGuideForm(): GuideForm {
  return { office_name: '', address: '', postal_code: '', office_hours: '', phone: '', fax: '', email: '', notes: '' }
}

/** The form of the contact data the unit last saved, or an empty one before it first does. */
export function guideFormOf(contacts: GuideContacts | null | undefined): GuideForm {
  if (!contacts) return emptyGuideForm()
  return {
    office_name: contacts.office_name,
    address: contacts.address,
    postal_code: contacts.postal_code,
    office_hours: contacts.office_hours,
    phone: contacts.phone,
    fax: contacts.fax ?? '',
    email: contacts.email ?? '',
    notes: contacts.notes ?? '',
  }
}

/** The faults of the contact data, as the server would give them (fault codes by field). */
export function guideFaults(f: GuideForm): Record<string, string> {
  const faults: Record<string, string> = {}
  for (const [field, [min, max]] of Object.entries(GUIDE_LIMITS) as [keyof typeof GUIDE_LIMITS, [number, number]][]) {
    const n = chars(f[field])
    if (n === 0) {
      if (min > 0) faults[field] = 'required'
    } else if (n < min || n > max) faults[field] = 'length'
  }
  const code = f.postal_code.trim()
  if (!code) faults.postal_code = 'required'
  else if (!/^[0-9]{6}$/.test(code)) faults.postal_code = 'postal_code'
  const email = f.email.trim()
  if (email && !faults.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) faults.email = 'email'
  return faults
}

/** The body of the save: texts trimmed, the optional ones left out (null) when blank. */
export function guideBody(f: GuideForm): GuideContacts {
  const optional = (v: string) => v.trim() || null
  return {
    office_name: f.office_name.trim(),
    address: f.address.trim(),
    postal_code: f.postal_code.trim(),
    office_hours: f.office_hours.trim(),
    phone: f.phone.trim(),
    fax: optional(f.fax),
    email: optional(f.email),
    notes: optional(f.notes),
  }
}

/** The console route of a unit's guide page (the guide's reminders link to it, under /console). */
export function guideRoute(unitId: string): string {
  return `/units/${unitId}/guide`
}

/** Where the portal shows the unit's guide: its page, at the guide. */
export function publicGuideHref(unitId: string): string {
  return `/units/${encodeURIComponent(unitId)}#unit-guide`
}

/**
 * Where the unit stands with its next confirmation (AC 6(1)): none before it first saves the guide,
 * running until the day, due on it, overdue after it.
 */
export type ReviewState = 'none' | 'running' | 'due' | 'overdue'

export function reviewState(reviewBy: string | null | undefined, today: string): ReviewState {
  if (!reviewBy) return 'none'
  if (reviewBy > today) return 'running'
  return reviewBy === today ? 'due' : 'overdue'
}

export function reviewTag(state: ReviewState): 'info' | 'success' | 'warning' | 'danger' {
  if (state === 'running') return 'success'
  if (state === 'due') return 'warning'
  if (state === 'overdue') return 'danger'
  return 'info'
}

// --- The county's period between confirmations ------------------------------------------------------

/** The server's bounds of `guide_review_days`, and the period while the office has set none. */
export const MIN_GUIDE_REVIEW_DAYS = 30
export const MAX_GUIDE_REVIEW_DAYS = 730
export const DEFAULT_GUIDE_REVIEW_DAYS = 365

export function reviewDaysFaults(days: number | null | undefined): Record<string, string> {
  if (days === null || days === undefined) return { guide_review_days: 'required' }
  if (!Number.isInteger(days) || days < MIN_GUIDE_REVIEW_DAYS || days > MAX_GUIDE_REVIEW_DAYS) return { guide_review_days: 'guide_review_days' }
  return {}
}
