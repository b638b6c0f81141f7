// Secrecy records (保密工作记录): pure helpers for leak incidents (SR 8(4), SR 11) and the county's
// re-evaluation schedule (Art. 18), and the layout of table 2 of the annual report with the
// timeliness figures of each unit. The pages feed them; the Vitest file tests them.
import type { Schemas } from '../api/client'
import { chars } from './forms'
import { reportKindLabel } from './items'
import { t } from '../i18n'

export type Leak = Schemas['LeakView']
export type SecrecySettings = Schemas['SecrecySettingsView']
export type ProactiveStatistics = Schemas['ProactiveStatistics']
export type Table2 = Schemas['Table2']
export type UnitTimeliness = Schemas['UnitTimeliness']

// --- Leak incidents ------------------------------------------------------------------------------

export interface LeakForm {
  /** '' when it did not leak through one of the unit's items. */
  item_id: string
  what: string
  where_found: string
  found_on: string
  remedy: string
  told: string
}

export function emptyLeak(today: string): LeakForm {
  return { item_id: '', what: '', where_found: '', found_on: today, remedy: '', told: '' }
}

/** The lengths the server takes for each text, in characters. */
const LEAK_TEXTS: [keyof LeakForm, number][] = [
  ['what', 2000],
  ['where_found', 300],
  ['remedy', 2000],
  ['told', 1000],
]

/** The faults of a leak record, as the server would give them: each text 2 characters or more, found by today. */
export function leakFaults(f: LeakForm, today: string): Record<string, string> {
  const faults: Record<string, string> = {}
  for (const [field, max] of LEAK_TEXTS) {
    const n = chars(f[field])
    if (n === 0) faults[field] = 'required'
    else if (n < 2 || n > max) faults[field] = 'length'
  }
  if (!f.found_on) faults.found_on = 'required'
  else if (f.found_on > today) faults.found_on = 'in_future'
  return faults
}

export function leakBody(f: LeakForm): Schemas['LeakRequest'] {
  return {
    item_id: f.item_id || null,
    what: f.what.trim(),
    where_found: f.where_found.trim(),
    found_on: f.found_on,
    remedy: f.remedy.trim(),
    told: f.told.trim(),
  }
}

/** The leaks page of a unit. */
export function leaksRoute(unitId: string): string {
  return `/units/${unitId}/leaks`
}

/** The leads page, pointing at one lead, where the openness office opens a case from it. */
export function leadRoute(leadId: string): { path: string; query: Record<string, string> } {
  return { path: '/cases', query: { lead: leadId } }
}

// --- The county's re-evaluation schedule ---------------------------------------------------------

export const MIN_REEVALUATION_DAYS = 30
export const MAX_REEVALUATION_DAYS = 730

export function settingsFaults(days: number | null | undefined): Record<string, string> {
  if (days === null || days === undefined) return { reevaluation_days: 'required' }
  if (!Number.isInteger(days) || days < MIN_REEVALUATION_DAYS || days > MAX_REEVALUATION_DAYS) return { reevaluation_days: 'reevaluation_days' }
  return {}
}

// --- Table 2 as printed --------------------------------------------------------------------------

/** One block of table 2: the article it reports, its columns, and a row of figures per kind. */
export interface Table2Block {
  key: 'art20_1' | 'art20_5' | 'art20_6' | 'art20_8'
  heading: string
  columns: string[]
  rows: { key: string; label: string; values: string[] }[]
}

/**
 * Table 2 of the annual report (2021 No. 30, 第二项) as it is printed: rules and normative documents
 * under Art. 20(1) with 制发, 废止 and 现行有效; licensing under 20(5), penalties and enforcement under
 * 20(6) with their decisions; fees under 20(8) in 万元 to four places, as the server rounds them.
 */
export function table2Layout(t2: Table2): Table2Block[] {
  const counts = (c: Schemas['DocumentCounts']) => [String(c.issued), String(c.repealed), String(c.in_force)]
  const decisions = [t('stat.t2.decisions')]
  return [
    {
      key: 'art20_1',
      heading: t('stat.t2.art20_1'),
      columns: [t('stat.t2.issued'), t('stat.t2.repealed'), t('stat.t2.inForce')],
      rows: [
        { key: 'rules', label: reportKindLabel('rule'), values: counts(t2.rules) },
        { key: 'normative_documents', label: reportKindLabel('normative_document'), values: counts(t2.normative_documents) },
      ],
    },
    {
      key: 'art20_5',
      heading: t('stat.t2.art20_5'),
      columns: decisions,
      rows: [{ key: 'licensing', label: reportKindLabel('licensing'), values: [String(t2.licensing_decisions)] }],
    },
    {
      key: 'art20_6',
      heading: t('stat.t2.art20_6'),
      columns: decisions,
      rows: [
        { key: 'penalty', label: reportKindLabel('penalty'), values: [String(t2.penalty_decisions)] },
        { key: 'enforcement', label: reportKindLabel('enforcement'), values: [String(t2.enforcement_decisions)] },
      ],
    },
    {
      key: 'art20_8',
      heading: t('stat.t2.art20_8'),
      columns: [t('stat.t2.fees')],
      rows: [{ key: 'fees', label: reportKindLabel('fee_collection'), values: [t2.fees_collected_wan_yuan] }],
    },
  ]
}

// --- Timeliness per unit -------------------------------------------------------------------------

export const TIMELINESS_FIGURES = ['published', 'published_reviewed', 'publication_met', 'publication_missed', 'referrals_met', 'referrals_missed'] as const
export type TimelinessFigure = (typeof TIMELINESS_FIGURES)[number]

/** A unit with anything to show for the year. */
export function hasFigures(r: Pick<UnitTimeliness, TimelinessFigure>): boolean {
  return TIMELINESS_FIGURES.some((k) => r[k] > 0)
}

/** The sum of every unit's figures. */
export function timelinessTotals(rows: readonly Pick<UnitTimeliness, TimelinessFigure>[]): Record<TimelinessFigure, number> {
  const total = Object.fromEntries(TIMELINESS_FIGURES.map((k) => [k, 0])) as Record<TimelinessFigure, number>
  for (const r of rows) for (const k of TIMELINESS_FIGURES) total[k] += r[k]
  return total
}

/** Published without a passing secrecy review on record: the assessment asks why. */
export function unreviewed(r: Pick<UnitTimeliness, 'published' | 'published_reviewed'>): number {
  return Math.max(0, r.published - r.published_reviewed)
}
