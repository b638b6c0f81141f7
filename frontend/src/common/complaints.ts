// Complaints about a unit's disclosure work (投诉举报, Arts. 47, 51; AC 6(9)): pure helpers for the
// portal's form and tracking page, and the openness office's answer and yearly figures. The pages
// feed them; the Vitest file tests them.
import type { Schemas } from '../api/client'
import { chars } from './forms'
import { t, type MessageKey } from '../i18n'

export type ComplaintView = Schemas['ComplaintView']
export type ComplaintStatus = Schemas['ComplaintStatus']
export type ComplaintReceipt = Schemas['ComplaintReceipt']
export type ComplaintFinding = Schemas['Finding']
export type UnitComplaints = Schemas['UnitComplaints']

export const COMPLAINT_STATUSES = ['open', 'answered'] as const
export const COMPLAINT_FINDINGS: ComplaintFinding[] = ['upheld', 'partly_upheld', 'not_upheld']

function known(prefix: string, value: string | null | undefined): string {
  if (!value) return ''
  const key = `${prefix}.${value}` as MessageKey
  const text = t(key)
  return text === key ? value : text
}

export const complaintStatusLabel = (s: string) => known('cp.status', s)
export const complaintFindingLabel = (f: string | null | undefined) => known('cp.finding', f)

export function complaintStatusTag(s: string): 'warning' | 'success' | 'info' {
  if (s === 'open') return 'warning'
  if (s === 'answered') return 'success'
  return 'info'
}

export function complaintFindingTag(f: string | null | undefined): 'danger' | 'warning' | 'info' {
  if (f === 'upheld') return 'danger'
  if (f === 'partly_upheld') return 'warning'
  return 'info'
}

/** Still open after its last day to answer. */
export function complaintOverdue(c: Pick<ComplaintView, 'status' | 'answer_by'>, today: string): boolean {
  return c.status === 'open' && !!c.answer_by && c.answer_by < today
}

// --- The portal's form ---------------------------------------------------------------------------

export interface ComplaintForm {
  unit_id: string
  complainant: string
  contact: string
  email: string
  subject: string
  details: string
}

export function emptyComplaint(): ComplaintForm {
  return { unit_id: '', complainant: '', contact: '', email: '', subject: '', details: '' }
}

/** The lengths the server takes, in characters: [field, least, most]. */
const TEXTS: [keyof ComplaintForm, number, number][] = [
  ['complainant', 1, 100],
  ['contact', 5, 100],
  ['subject', 2, 200],
  ['details', 10, 5000],
]

/** The faults of the form as the server would give them. */
export function complaintFaults(f: ComplaintForm): Record<string, string> {
  const faults: Record<string, string> = {}
  if (!f.unit_id) faults.unit_id = 'required'
  for (const [field, least, most] of TEXTS) {
    const n = chars(f[field])
    if (n === 0) faults[field] = 'required'
    else if (n < least || n > most) faults[field] = 'length'
  }
  const email = f.email.trim()
  if (email && (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)) faults.email = 'email'
  return faults
}

export function complaintBody(f: ComplaintForm): Schemas['ComplaintRequest'] {
  return {
    unit_id: f.unit_id,
    complainant: f.complainant.trim(),
    contact: f.contact.trim(),
    email: f.email.trim() || null,
    subject: f.subject.trim(),
    details: f.details.trim(),
  }
}

/** The tracking page, the number filled in (the secret never goes into an address). */
export function complaintTrackRoute(code?: string): { path: string; query: Record<string, string> } {
  return { path: '/complaints/track', query: code ? { code } : {} }
}

// --- The openness office's answer ----------------------------------------------------------------

export interface AnswerForm {
  finding: ComplaintFinding | null
  answer: string
}

export function emptyAnswer(): AnswerForm {
  return { finding: null, answer: '' }
}

export function complaintAnswerFaults(f: AnswerForm): Record<string, string> {
  const faults: Record<string, string> = {}
  if (!f.finding) faults.finding = 'required'
  const n = chars(f.answer)
  if (n === 0) faults.answer = 'required'
  else if (n < 10 || n > 5000) faults.answer = 'length'
  return faults
}

export function complaintAnswerBody(f: AnswerForm & { finding: ComplaintFinding }): Schemas['ComplaintAnswer'] {
  return { finding: f.finding, answer: f.answer.trim() }
}

// --- Yearly figures per unit ---------------------------------------------------------------------

export const COMPLAINT_FIGURES = ['received', 'upheld', 'partly_upheld', 'not_upheld', 'answered_in_time', 'answered_late', 'open'] as const
export type ComplaintFigure = (typeof COMPLAINT_FIGURES)[number]

export function complaintTotals(rows: readonly Pick<UnitComplaints, ComplaintFigure>[]): Record<ComplaintFigure, number> {
  const total = Object.fromEntries(COMPLAINT_FIGURES.map((k) => [k, 0])) as Record<ComplaintFigure, number>
  for (const r of rows) for (const k of COMPLAINT_FIGURES) total[k] += r[k]
  return total
}

/** A figure that counts against the unit in the assessment. */
export function badFigure(k: ComplaintFigure, v: number): boolean {
  return v > 0 && (k === 'answered_late' || k === 'upheld')
}
