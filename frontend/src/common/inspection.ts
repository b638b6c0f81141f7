// The secrecy bureau's online inspection (网上巡查, SR 9(4)–(5)): pure helpers for its runs and
// findings, the remedies it orders and the unit's report that one is done, and the layout of its
// periodic report. The pages feed them; the Vitest file tests them.
import type { Schemas } from '../api/client'
import { chars } from './forms'
import { HIT_KINDS, fieldLabel, hitKindLabel, type HitKind, type ItemField } from './items'
import { t, type MessageKey } from '../i18n'

export type Finding = Schemas['FindingView']
export type Run = Schemas['RunView']
export type InspectionReport = Schemas['InspectionReport']
export type UnitInspection = Schemas['UnitInspection']
export type Remedy = Schemas['Remedy']

export const FINDING_STATUSES = ['open', 'ordered', 'remedied', 'dismissed'] as const
export type FindingStatus = (typeof FINDING_STATUSES)[number]
export const REMEDIES: Remedy[] = ['take_down', 'mask', 'correct']
const FIELDS: ItemField[] = ['title', 'summary', 'body', 'attachment']

/** A label, or the server's word itself when this version of the page does not know it. */
function known(prefix: string, value: string | null | undefined): string {
  if (!value) return ''
  const key = `${prefix}.${value}` as MessageKey
  const text = t(key)
  return text === key ? value : text
}

export const findingStatusLabel = (s: string) => known('ins.status', s)
export const remedyLabel = (r: string | null | undefined) => known('ins.remedy', r)
export const triggerLabel = (trigger: string) => known('ins.trigger', trigger)

export function findingStatusTag(s: string): 'danger' | 'warning' | 'success' | 'info' {
  if (s === 'open') return 'danger'
  if (s === 'ordered') return 'warning'
  if (s === 'remedied') return 'success'
  return 'info'
}

/** Where in the published version the finding is: its title, summary, body or an attached file. */
export function findingPlace(f: Pick<Finding, 'field'>): string {
  return FIELDS.includes(f.field as ItemField) ? fieldLabel(f.field as ItemField) : f.field
}

export function findingKind(kind: string): string {
  return HIT_KINDS.includes(kind as HitKind) ? hitKindLabel(kind as HitKind) : kind
}

export type FindingAction = 'order' | 'dismiss' | 'remedied'

/**
 * The steps a finding allows, as the server decides them: the bureau orders a remedy for an open
 * finding and dismisses one open or ordered; the unit's drafters report an ordered remedy done.
 */
export function findingActions(f: Pick<Finding, 'status'>, who: { inspect: boolean; draft: boolean }): Set<FindingAction> {
  const out = new Set<FindingAction>()
  if (who.inspect && f.status === 'open') out.add('order')
  if (who.inspect && (f.status === 'open' || f.status === 'ordered')) out.add('dismiss')
  if (who.draft && f.status === 'ordered') out.add('remedied')
  return out
}

/** An ordered mask or correction whose last day has passed. */
export function remedyOverdue(f: Pick<Finding, 'status' | 'remedy_due'>, today: string): boolean {
  return f.status === 'ordered' && !!f.remedy_due && f.remedy_due < today
}

// --- The bureau's order and the notes --------------------------------------------------------------

export const MAX_REMEDY_DAYS = 20

export interface OrderForm {
  remedy: Remedy | null
  /** Working days to mask or correct; not for a take-down. */
  working_days: number | null
  note: string
}

export function emptyOrder(): OrderForm {
  return { remedy: null, working_days: 5, note: '' }
}

/** A note of 2 to 1000 characters, as the server takes it. */
export function noteFaults(note: string, field = 'note'): Record<string, string> {
  const n = chars(note)
  if (n === 0) return { [field]: 'required' }
  if (n < 2 || n > 1000) return { [field]: 'length' }
  return {}
}

export function orderFaults(f: OrderForm): Record<string, string> {
  const faults: Record<string, string> = {}
  if (!f.remedy) faults.remedy = 'required'
  if (f.remedy && f.remedy !== 'take_down') {
    const d = f.working_days
    if (d === null || d === undefined) faults.working_days = 'required'
    else if (!Number.isInteger(d) || d < 1 || d > MAX_REMEDY_DAYS) faults.working_days = 'days_range'
  }
  return { ...faults, ...noteFaults(f.note) }
}

/** A take-down is at once: it carries no period. */
export function orderBody(f: OrderForm & { remedy: Remedy }): Schemas['OrderRequest'] {
  return { remedy: f.remedy, working_days: f.remedy === 'take_down' ? null : f.working_days, note: f.note.trim() }
}

// --- Runs and routes -------------------------------------------------------------------------------

export const INSPECTION_ROUTE = '/secrecy/inspection'

/** The unit's findings and remedies, linked from its items. */
export function unitFindingsRoute(unitId: string): string {
  return `/units/${unitId}/inspection-findings`
}

// --- The periodic report (SR 9(5)) -----------------------------------------------------------------

export const REPORT_FIGURES = ['findings', 'taken_down', 'remedied_in_time', 'remedied_late', 'overdue', 'dismissed', 'open'] as const
export type ReportFigure = (typeof REPORT_FIGURES)[number]

/** The report's default period: the month so far. */
export function defaultPeriod(today: string): { from: string; to: string } {
  return { from: `${today.slice(0, 7)}-01`, to: today }
}

/** A period the server takes: both days, the second not before the first. */
export function periodFaults(from: string, to: string): Record<string, string> {
  const faults: Record<string, string> = {}
  if (!from) faults.from = 'required'
  if (!to) faults.to = 'required'
  else if (from && to < from) faults.to = 'before_start'
  return faults
}

/** The sum of every unit's figures. */
export function reportTotals(rows: readonly Pick<UnitInspection, ReportFigure>[]): Record<ReportFigure, number> {
  const total = Object.fromEntries(REPORT_FIGURES.map((k) => [k, 0])) as Record<ReportFigure, number>
  for (const r of rows) for (const k of REPORT_FIGURES) total[k] += r[k]
  return total
}

/** The findings of a unit by kind, in the scan's order (kinds unknown to the page last): `手机号码 2、身份证号码 1`. */
export function byKindText(byKind: unknown): string {
  const counts = Object.entries((byKind ?? {}) as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0)
  const order = (k: string) => {
    const i = HIT_KINDS.indexOf(k as HitKind)
    return i < 0 ? HIT_KINDS.length : i
  }
  return counts
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([k, n]) => `${findingKind(k)} ${n}`)
    .join('、')
}
