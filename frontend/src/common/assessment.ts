// The annual assessment (考核制度, AS 1–11): pure helpers for the console's pages — the openness
// office's schemes and their editor, a unit's live scorecard and self-check, the assessment group's
// scores and proposals, the office's confirmation, the ranking and its charts. Points come from the
// API in hundredths (1200 = 12.00 points), percentages in hundredths of a percent (8947 = 89.47 %);
// the forms edit points as the people read them (12.5) and send hundredths. The checks mirror the
// server's, so a form names a fault before it is sent; the Vitest file tests them.
import type { paths } from '../api/schema'
import { chars } from './forms'
import { t, type Locale, type MessageKey } from '../i18n'

// The types are read off the operations rather than the schemas' names, which the server's spec
// may rename to keep them apart from other modules' (its `Measure`, its `EvidenceView`).
type Json<T> = T extends { content: { 'application/json': infer R } } ? R : never
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : Op extends { responses: { 201: infer R } } ? Json<R> : never
type Body<Op> = Op extends { requestBody?: infer B } ? Json<NonNullable<B>> : never

export type Scheme = Ok<paths['/api/v1/assessment/schemes/{scheme_id}']['get']>
export type SchemeRequest = Body<paths['/api/v1/assessment/schemes']['post']>
export type SchemeChange = Body<paths['/api/v1/assessment/schemes/{scheme_id}']['put']>
export type Sheet = Ok<paths['/api/v1/assessment/schemes/{scheme_id}/sheet']['get']>
export type Ranking = Ok<paths['/api/v1/assessment/schemes/{scheme_id}/ranking']['get']>
export type Scorecard = Ok<paths['/api/v1/units/{unit_id}/assessment']['get']>
export type SelfCheckRequest = Body<paths['/api/v1/units/{unit_id}/assessment/self-check']['put']>
export type ScoreRequest = Body<paths['/api/v1/units/{unit_id}/assessment/scores']['put']>
export type FindingRequest = Body<paths['/api/v1/units/{unit_id}/assessment/findings']['post']>
export type ProposalRequest = Body<paths['/api/v1/units/{unit_id}/assessment/proposal']['post']>
export type ConfirmationRequest = Body<paths['/api/v1/units/{unit_id}/assessment/confirmation']['post']>
export type Evidence = Ok<paths['/api/v1/units/{unit_id}/assessment/self-check/evidence']['post']>
export type SchemeStatus = Scheme['status']
export type Audience = Scheme['audience']
export type Indicator = Scheme['indicators'][number]
export type ScoringRule = Indicator['rule']
export type RuleKind = ScoringRule['kind']
export type Measure = Extract<ScoringRule, { kind: 'share' }>['measure']
export type Group = Indicator['group']
export type GradeBand = Scheme['grades'][number]
export type Grade = GradeBand['grade']
export type Method = ScoreRequest['method']
export type IndicatorCard = Scorecard['indicators'][number]
export type Automatic = NonNullable<IndicatorCard['automatic']>
export type RecordRef = Automatic['records'][number]
export type GroupSubtotal = Scorecard['groups'][number]
export type Finding = Scorecard['findings'][number]
export type Result = NonNullable<Scorecard['result']>
export type SheetRow = Sheet['rows'][number]
export type RankingRow = Ranking['rows'][number]
export type TrendPoint = Ranking['trend'][number]
export type GroupAverage = Ranking['group_averages'][number]

/** AS 6's four groups of content, in its order. */
export const GROUPS: Group[] = ['organisation', 'work', 'carriers', 'supervision']
export const GRADES: Grade[] = ['excellent', 'good', 'pass', 'fail']
export const AUDIENCES: Audience[] = ['administrative', 'by_reference']
export const METHODS: Method[] = ['hearing', 'document_review', 'site_visit', 'online_check', 'overall_review']
export const RULE_KINDS: RuleKind[] = ['manual', 'share', 'deduction', 'rating']

/** What a measure yields, and so which rules fit it (the server's `Measure::shape`). */
export type MeasureShape = 'share' | 'count' | 'rating' | 'unavailable'
const SHAPES: Record<Measure, MeasureShape> = {
  application_on_time: 'share',
  publication_timeliness: 'share',
  secrecy_review_coverage: 'share',
  catalogue_freshness: 'count',
  secrecy_findings: 'count',
  rectification_overdue: 'count',
  accountability_cases: 'count',
  complaints_upheld: 'count',
  proceedings_corrected: 'count',
  evaluation_rating: 'rating',
  annual_report_on_time: 'unavailable',
  clarification_timeliness: 'unavailable',
}
export const MEASURES = Object.keys(SHAPES) as Measure[]
export const measureShape = (m: Measure): MeasureShape => SHAPES[m]

/** The measures a rule of this kind may read; a measure not measurable yet fits a share or a deduction. */
export function measuresFor(kind: RuleKind): Measure[] {
  const shapes: MeasureShape[] = kind === 'share' ? ['share', 'unavailable'] : kind === 'deduction' ? ['count', 'unavailable'] : kind === 'rating' ? ['rating'] : []
  return MEASURES.filter((m) => shapes.includes(SHAPES[m]))
}

/** A scheme's indicators add up to 100 points. */
export const TOTAL_POINTS = 10000

/** 优秀 from 90 %, 良好 from 80 %, 合格 from 60 %, 不合格 below: the server's grades when a scheme names none. */
export const STANDARD_GRADES: GradeBand[] = [
  { grade: 'excellent', min_percent: 9000 },
  { grade: 'good', min_percent: 8000 },
  { grade: 'pass', min_percent: 6000 },
  { grade: 'fail', min_percent: 0 },
]

/**
 * The functions of county bodies, which the assessment does not assess (AS 4 assesses townships,
 * the development zone, departments, affiliated and stationed bodies): their staff have no 本单位考核.
 */
export const NOT_ASSESSED_FUNCTIONS = ['county_government', 'supervisory_commission', 'secrecy_bureau', 'leading_group', 'assessment_group']

// --- Where the pages are ------------------------------------------------------------------------

export const ASSESSMENT_ROUTE = '/assessment'
export const schemeRoute = (id: string) => `/assessment/${id}`
export const unitAssessmentRoute = (unitId: string, year?: number) => `/units/${unitId}/assessment${year ? `?year=${year}` : ''}`
export const exportHref = (schemeId: string) => `/api/v1/assessment/schemes/${schemeId}/export`
export const evidenceHref = (unitId: string, evidenceId: string) => `/api/v1/units/${unitId}/assessment/evidence/${evidenceId}`

// --- Points and percentages ---------------------------------------------------------------------

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v)

/** Hundredths of a point as points, as the server writes them: 1250 → "12.5", 1200 → "12", 1225 → "12.25"; none → "—". */
export function formatPoints(hundredths: number | null | undefined): string {
  if (!finite(hundredths)) return '—'
  const n = Math.round(hundredths)
  const sign = n < 0 ? '-' : ''
  const whole = Math.floor(Math.abs(n) / 100)
  const frac = Math.abs(n) % 100
  if (frac === 0) return `${sign}${whole}`
  if (frac % 10 === 0) return `${sign}${whole}.${frac / 10}`
  return `${sign}${whole}.${String(frac).padStart(2, '0')}`
}

/** Hundredths of a percent with two decimals: 8947 → "89.47%", 10000 → "100.00%"; none → "—". */
export function formatPercent(hundredths: number | null | undefined): string {
  if (!finite(hundredths)) return '—'
  const n = Math.max(0, Math.round(hundredths))
  return `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}%`
}

/** Points as typed (12.5) into hundredths (1250); NaN for none, so the checks name it. */
export function toHundredths(points: number | null | undefined): number {
  return finite(points) ? Math.round(points * 100) : NaN
}

/** Whether a number typed as points has at most two decimals. */
const twoDecimals = (points: number) => Math.abs(points * 100 - Math.round(points * 100)) < 1e-6

/** `n / d` rounded half up, as the server divides; 0 for d = 0. */
export function divHalfUp(n: number, d: number): number {
  return d === 0 ? 0 : Math.floor((2 * n + d) / (2 * d))
}

/** The share of its points a group scored so far (hundredths of a percent), none when nothing of it is scored. */
export function groupPercent(sub: Pick<GroupSubtotal, 'scored' | 'maximum'>): number | null {
  return sub.maximum > 0 ? divHalfUp(sub.scored * 10000, sub.maximum) : null
}

/** The length of a bar out of 100 for a percentage in hundredths: 8947 → 89.47. */
export function barLength(hundredths: number | null | undefined): number {
  if (!finite(hundredths)) return 0
  return Math.min(100, Math.max(0, hundredths / 100))
}

// --- Labels ---------------------------------------------------------------------------------------

function known(prefix: string, value: string | null | undefined): string {
  if (!value) return ''
  const key = `${prefix}.${value}` as MessageKey
  const text = t(key)
  return text === key ? value : text
}

export const gradeLabel = (g: string | null | undefined) => known('as.grade', g)
export const groupLabel = (g: string | null | undefined) => known('as.group', g)
export const measureLabel = (m: string | null | undefined) => known('as.measure', m)
/** A measure as the editor offers it: those not measurable yet say so. */
export const measureOption = (m: Measure) => `${measureLabel(m)}${SHAPES[m] === 'unavailable' ? t('as.notMeasurable') : ''}`
export const ruleKindLabel = (k: string | null | undefined) => known('as.kind', k)
export const methodLabel = (m: string | null | undefined) => known('as.method', m)
export const schemeStatusLabel = (s: string | null | undefined) => known('as.status', s)
export const audienceLabel = (a: string | null | undefined) => known('as.audience', a)
export const selfCheckLabel = (s: string | null | undefined) => known('as.sc', s)
export const stateLabel = (s: string | null | undefined) => known('as.state', s)

export function gradeTag(g: string | null | undefined): 'success' | 'primary' | 'warning' | 'danger' | 'info' {
  if (g === 'excellent') return 'success'
  if (g === 'good') return 'primary'
  if (g === 'pass') return 'warning'
  if (g === 'fail') return 'danger'
  return 'info'
}

export function schemeStatusTag(s: string): 'warning' | 'success' | 'info' {
  if (s === 'draft') return 'warning'
  if (s === 'started') return 'success'
  return 'info'
}

export function stateTag(s: string): 'success' | 'warning' | 'info' {
  if (s === 'scored') return 'success'
  if (s === 'awaiting_group') return 'warning'
  return 'info'
}

/** How an indicator is scored, in words. */
export function ruleText(rule: ScoringRule): string {
  switch (rule.kind) {
    case 'manual':
      return t('as.rule.manual')
    case 'share':
      if (SHAPES[rule.measure] === 'unavailable') return t('as.rule.unavailable', { measure: measureLabel(rule.measure) })
      return t('as.rule.share', { measure: measureLabel(rule.measure) })
    case 'deduction':
      if (SHAPES[rule.measure] === 'unavailable') return t('as.rule.unavailable', { measure: measureLabel(rule.measure) })
      return t('as.rule.deduction', { measure: measureLabel(rule.measure), per: formatPoints(rule.per_item) })
    case 'rating':
      return t('as.rule.rating', { measure: measureLabel(rule.measure), pct: `${formatPoints(rule.basically_percent)}%` })
  }
}

/** The grades in words: "优秀 ≥ 90%，良好 ≥ 80%，…". */
export function gradesText(grades: GradeBand[]): string {
  return grades.map((b) => t('as.gradeFrom', { grade: gradeLabel(b.grade), from: `${formatPoints(b.min_percent)}%` })).join(t('as.sep'))
}

/** The platform's explanation of a figure in the page's language. */
export function explanation(a: Pick<Automatic, 'explanation_zh' | 'explanation_en'>, lang: Locale): string {
  return lang === 'en' ? a.explanation_en || a.explanation_zh : a.explanation_zh
}

// --- The scheme and its 100 points ----------------------------------------------------------------

const CODE = /^[a-z0-9_.]+$/

/** Whether a rule fits its measure, as the server checks (`ScoringRule::fits`). */
export function ruleFits(rule: ScoringRule): boolean {
  switch (rule.kind) {
    case 'manual':
      return true
    case 'share':
      return measuresFor('share').includes(rule.measure)
    case 'deduction':
      return Number.isInteger(rule.per_item) && rule.per_item > 0 && measuresFor('deduction').includes(rule.measure)
    case 'rating':
      return Number.isInteger(rule.basically_percent) && rule.basically_percent >= 0 && rule.basically_percent <= 10000 && measuresFor('rating').includes(rule.measure)
  }
}

/** The points the indicators add up to, in hundredths (what is not a number counts nothing). */
export function pointsTotal(indicators: Pick<Indicator, 'points'>[]): number {
  return indicators.reduce((sum, i) => sum + (finite(i.points) ? i.points : 0), 0)
}

/** The grades' faults as the server checks them: thresholds strictly falling, each grade once, the last from 0. */
export function gradeProblems(grades: GradeBand[]): Record<string, string> {
  const descending = grades.every((g, i) => i === 0 || grades[i - 1].min_percent > g.min_percent)
  const distinct = new Set(grades.map((g) => g.grade)).size === grades.length
  const ranged = grades.every((g) => Number.isInteger(g.min_percent) && g.min_percent >= 0 && g.min_percent <= 10000)
  if (!grades.length || !descending || !distinct || !ranged || grades[grades.length - 1].min_percent !== 0) return { grades: 'as_grades' }
  return {}
}

/**
 * A scheme's faults as the server checks them (`scheme::check`), each at the field the server
 * would name: a code of lower-case letters, digits, `_` and `.` once each, a name of 2–100
 * characters, points from 0.01 to 100, a rule that fits its measure, and all the indicators'
 * points adding up to exactly 100. The server stops at the first; this names them all.
 */
export function schemeProblems(indicators: Indicator[], grades: GradeBand[] = STANDARD_GRADES): Record<string, string> {
  const faults: Record<string, string> = {}
  if (indicators.length === 0 || indicators.length > 100) faults.indicators = 'as_indicators_count'
  const seen = new Set<string>()
  indicators.forEach((ind, i) => {
    const at = (f: string) => `indicators[${i}].${f}`
    if (!ind.code || ind.code.length > 40 || !CODE.test(ind.code)) faults[at('code')] = 'as_code'
    else if (seen.has(ind.code)) faults[at('code')] = 'as_code_taken'
    seen.add(ind.code)
    const name = chars(ind.name)
    if (name < 2 || name > 100) faults[at('name')] = 'as_name'
    if (ind.standard && [...ind.standard].length > 1000) faults[at('standard')] = 'length'
    if (!Number.isInteger(ind.points) || ind.points < 1 || ind.points > TOTAL_POINTS) faults[at('points')] = 'as_points'
    if (!ruleFits(ind.rule)) faults[at('rule')] = 'as_rule'
  })
  if (!faults.indicators && pointsTotal(indicators) !== TOTAL_POINTS) faults.indicators = 'as_points_total'
  return { ...faults, ...gradeProblems(grades) }
}

/** One indicator as the editor holds it: points, deductions and percentages as typed. */
export interface IndicatorForm {
  /** Stable across edits, for the list's keys. */
  key: number
  code: string
  group: Group
  name: string
  points: number | null
  kind: RuleKind
  measure: Measure
  /** Points off per record (a deduction). */
  per_item: number | null
  /** Percent of the points for 基本满意 (a rating). */
  basically_percent: number | null
  standard: string
}

let nextKey = 1

export function indicatorFormOf(ind: Indicator): IndicatorForm {
  const rule = ind.rule
  return {
    key: nextKey++,
    code: ind.code,
    group: ind.group,
    name: ind.name,
    points: ind.points / 100,
    kind: rule.kind,
    measure: rule.kind === 'manual' ? 'application_on_time' : rule.measure,
    per_item: rule.kind === 'deduction' ? rule.per_item / 100 : 1,
    basically_percent: rule.kind === 'rating' ? rule.basically_percent / 100 : 60,
    standard: ind.standard ?? '',
  }
}

/** A new indicator of a group: scored by the group, no points yet. */
export function newIndicatorForm(group: Group = 'work'): IndicatorForm {
  return { key: nextKey++, code: '', group, name: '', points: null, kind: 'manual', measure: 'application_on_time', per_item: 1, basically_percent: 60, standard: '' }
}

/** The rule's kind changed: keep the measure if it fits, else take the first that does. */
export function withKind(f: IndicatorForm, kind: RuleKind): IndicatorForm {
  const fitting = measuresFor(kind)
  return { ...f, kind, measure: kind === 'manual' || fitting.includes(f.measure) ? f.measure : fitting[0] }
}

export function ruleOfForm(f: IndicatorForm): ScoringRule {
  switch (f.kind) {
    case 'manual':
      return { kind: 'manual' }
    case 'share':
      return { kind: 'share', measure: f.measure }
    case 'deduction':
      return { kind: 'deduction', measure: f.measure, per_item: toHundredths(f.per_item) }
    case 'rating':
      return { kind: 'rating', measure: f.measure, basically_percent: toHundredths(f.basically_percent) }
  }
}

export function indicatorOf(f: IndicatorForm): Indicator {
  const points = f.points !== null && twoDecimals(f.points) ? toHundredths(f.points) : NaN
  return { code: f.code.trim(), group: f.group, name: f.name.trim(), points, rule: ruleOfForm(f), standard: f.standard.trim() || null }
}

export interface GradeForm {
  grade: Grade
  /** The lowest percentage that reaches it, as typed (90 for 9000). */
  from: number | null
}

export const gradeFormOf = (b: GradeBand): GradeForm => ({ grade: b.grade, from: b.min_percent / 100 })
export const gradeOf = (f: GradeForm): GradeBand => ({ grade: f.grade, min_percent: toHundredths(f.from) })

/** The scheme as its editor holds it. */
export interface SchemeForm {
  title: string
  self_check_due: string
  indicators: IndicatorForm[]
  grades: GradeForm[]
  version: number
}

export function schemeFormOf(s: Pick<Scheme, 'title' | 'self_check_due' | 'indicators' | 'grades' | 'version'>): SchemeForm {
  return { title: s.title, self_check_due: s.self_check_due, indicators: s.indicators.map(indicatorFormOf), grades: s.grades.map(gradeFormOf), version: s.version }
}

/** The editor's running total, in hundredths (indicators whose points are not yet a number count nothing). */
export function formTotal(indicators: Pick<IndicatorForm, 'points'>[]): number {
  return indicators.reduce((sum, f) => sum + (finite(f.points) ? Math.round(f.points * 100) : 0), 0)
}

export function schemeFormFaults(f: SchemeForm, today: string): Record<string, string> {
  const faults: Record<string, string> = {}
  const title = chars(f.title)
  if (title === 0) faults.title = 'required'
  else if (title < 2 || title > 200) faults.title = 'length'
  if (!f.self_check_due) faults.self_check_due = 'required'
  else if (f.self_check_due <= today) faults.self_check_due = 'as_due_ahead'
  return { ...faults, ...schemeProblems(f.indicators.map(indicatorOf), f.grades.map(gradeOf)) }
}

/** The change: the version it was made on, so a change made meanwhile is not overwritten. */
export function schemeChangeBody(f: SchemeForm): SchemeChange {
  return { title: f.title.trim(), self_check_due: f.self_check_due, indicators: f.indicators.map(indicatorOf), grades: f.grades.map(gradeOf), version: f.version }
}

// --- A new scheme -----------------------------------------------------------------------------------

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10)
}

export interface CreateForm {
  year: number | null
  audience: Audience
  title: string
  self_check_due: string
}

export const defaultTitle = (year: number | null, audience: Audience) => t(`as.defaultTitle.${audience}`, { year: year ?? '' })

/** This year, the administrative bodies, and a month for the self-check. */
export function createDefaults(today: string, audience: Audience = 'administrative'): CreateForm {
  const year = Number(today.slice(0, 4))
  return { year, audience, title: defaultTitle(year, audience), self_check_due: addDays(today, 30) }
}

export function createFaults(f: CreateForm, today: string): Record<string, string> {
  const faults: Record<string, string> = {}
  if (f.year === null) faults.year = 'required'
  else if (!Number.isInteger(f.year) || f.year < 2020 || f.year > 2100) faults.year = 'as_year'
  const title = chars(f.title)
  if (title === 0) faults.title = 'required'
  else if (title < 2 || title > 200) faults.title = 'length'
  if (!f.self_check_due) faults.self_check_due = 'required'
  else if (f.self_check_due <= today) faults.self_check_due = 'as_due_ahead'
  return faults
}

/** No indicators and no grades: the server sets the standard tree (17 indicators, 100 points) and grades. */
export function createBody(f: CreateForm): SchemeRequest {
  return { year: f.year ?? NaN, audience: f.audience, title: f.title.trim(), self_check_due: f.self_check_due }
}

// --- What a page offers ---------------------------------------------------------------------------

export type Permissions = ReadonlySet<string> | readonly string[]
const holds = (p: Permissions, name: string) => (p instanceof Set ? p.has(name) : (p as readonly string[]).includes(name))

export interface SchemeActions {
  edit: boolean
  start: boolean
  publish: boolean
  /** The scoring sheet, the ranking and the export: once the assessment has started. */
  results: boolean
}

/** The office edits and starts a draft and publishes a started one; readers see the results once started. */
export function schemeActions(status: SchemeStatus, perms: Permissions): SchemeActions {
  const manage = holds(perms, 'assessment.manage')
  return {
    edit: manage && status === 'draft',
    start: manage && status === 'draft',
    publish: manage && status === 'started',
    results: (holds(perms, 'assessment.read') || manage) && status !== 'draft',
  }
}

export interface UnitActions {
  /** The unit writes its report, scores itself, adds evidence and submits (until it submits). */
  selfCheck: boolean
  /** The group scores the indicators the platform does not measure. */
  score: boolean
  /** The group proposes the grade: nothing may wait for its score. */
  propose: boolean
  /** The office records a daily-check finding (until the results are published). */
  finding: boolean
  /** The office confirms the proposed grade. */
  confirm: boolean
}

/** The indicators the group must still score before it may propose the grade. */
export const awaiting = (card: Pick<Scorecard, 'indicators'>) => card.indicators.filter((i) => i.state === 'awaiting_group')

/** The group may score an indicator it scores by hand, or one the platform cannot measure (yet). */
export const scorable = (i: Pick<IndicatorCard, 'rule' | 'automatic'>) => i.rule.kind === 'manual' || (!!i.automatic && (i.automatic.points === null || i.automatic.points === undefined))

export function unitActions(card: Pick<Scorecard, 'scheme' | 'self_check' | 'result' | 'indicators'>, perms: Permissions): UnitActions {
  const started = card.scheme.status === 'started'
  const confirmed = !!card.result?.confirmed_grade
  const score = holds(perms, 'assessment.score') && started && !confirmed
  return {
    selfCheck: holds(perms, 'assessment.self_check') && started && card.self_check?.status === 'draft',
    score,
    propose: score && awaiting(card).length === 0,
    finding: holds(perms, 'assessment.manage') && card.scheme.status !== 'published',
    confirm: holds(perms, 'assessment.manage') && started && !!card.result && !confirmed,
  }
}

/** The grade a result stands at: the office's, else the group's proposal. */
export const resultGrade = (r: Pick<Result, 'proposed_grade' | 'confirmed_grade'> | null | undefined): Grade | null => r?.confirmed_grade ?? r?.proposed_grade ?? null

export interface GroupOf<T> {
  group: Group
  indicators: T[]
}

/** Indicators (of a scheme or a scorecard) by group, in AS 6's order, each group's in the scheme's. */
export function byGroup<T extends { group: Group }>(indicators: T[]): GroupOf<T>[] {
  return GROUPS.map((group) => ({ group, indicators: indicators.filter((c) => c.group === group) })).filter((g) => g.indicators.length > 0)
}

/** The indicators' names by code, for lists of codes (the sheet's indicators awaiting the group). */
export const namesByCode = (indicators: Pick<Indicator, 'code' | 'name'>[]) => Object.fromEntries(indicators.map((i) => [i.code, i.name]))

// --- The self-check -------------------------------------------------------------------------------

export const MIN_REPORT_CHARS = 20
export const MAX_REPORT_CHARS = 50000

export interface SelfCheckForm {
  report: string
  /** Points by indicator code; null where the unit gives none. */
  scores: Record<string, number | null>
  notes: Record<string, string>
}

export function selfCheckFormOf(card: Pick<Scorecard, 'indicators' | 'self_check'>): SelfCheckForm {
  const given = new Map((card.self_check?.self_scores ?? []).map((s) => [s.indicator_code, s]))
  return {
    report: card.self_check?.report ?? '',
    scores: Object.fromEntries(card.indicators.map((i) => [i.code, given.has(i.code) ? given.get(i.code)!.score / 100 : null])),
    notes: Object.fromEntries(card.indicators.map((i) => [i.code, given.get(i.code)?.note ?? ''])),
  }
}

/** The faults of the self-check; `submitting` also wants the report of at least 20 characters the server wants. */
export function selfCheckFaults(f: SelfCheckForm, indicators: Pick<IndicatorCard, 'code' | 'points'>[], submitting = false): Record<string, string> {
  const faults: Record<string, string> = {}
  const report = chars(f.report)
  if (report > MAX_REPORT_CHARS) faults.report = 'length'
  else if (submitting && report < MIN_REPORT_CHARS) faults.report = 'as_report_short'
  for (const i of indicators) {
    const score = f.scores[i.code]
    if (score !== null && score !== undefined && (!twoDecimals(score) || score < 0 || toHundredths(score) > i.points)) faults[`self_scores.${i.code}`] = 'as_score_range'
    if ([...(f.notes[i.code] ?? '').trim()].length > 500) faults[`self_notes.${i.code}`] = 'length'
  }
  return faults
}

export function selfCheckBody(f: SelfCheckForm, indicators: Pick<IndicatorCard, 'code'>[], year: number): SelfCheckRequest {
  return {
    year,
    report: f.report,
    self_scores: indicators
      .filter((i) => f.scores[i.code] !== null && f.scores[i.code] !== undefined)
      .map((i) => ({ indicator_code: i.code, score: toHundredths(f.scores[i.code]), note: (f.notes[i.code] ?? '').trim() || null })),
  }
}

/** The server names a self-score by its place in the list sent (`self_scores[2].score`); the form names it by its code. */
export function selfCheckField(body: Pick<SelfCheckRequest, 'self_scores'>): (path: string) => string {
  return (path) => {
    const m = /^self_scores\[(\d+)\]\.(\w+)$/.exec(path)
    const code = m ? body.self_scores[Number(m[1])]?.indicator_code : undefined
    if (!m || !code) return path
    return m[2] === 'note' ? `self_notes.${code}` : `self_scores.${code}`
  }
}

/** Evidence files: PDF, JPEG or PNG of at most 10 MiB (the server's limits). */
export const EVIDENCE_TYPES = ['application/pdf', 'image/jpeg', 'image/png']
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

export function evidenceFault(file: { type: string; size: number }): 'file_type' | 'as_evidence_size' | null {
  if (!EVIDENCE_TYPES.includes(file.type)) return 'file_type'
  if (file.size > MAX_EVIDENCE_BYTES) return 'as_evidence_size'
  return null
}

// --- The group's score, the office's finding, the proposal and the confirmation ------------------

export interface ScoreForm {
  score: number | null
  method: Method | ''
  note: string
}

export const emptyScore = (): ScoreForm => ({ score: null, method: '', note: '' })

export function scoreFormOf(i: Pick<IndicatorCard, 'group_score'>): ScoreForm {
  const g = i.group_score
  return g ? { score: g.score / 100, method: (METHODS as string[]).includes(g.method) ? (g.method as Method) : '', note: g.note } : emptyScore()
}

export function scoreFaults(f: ScoreForm, points: number): Record<string, string> {
  const faults: Record<string, string> = {}
  if (f.score === null) faults.score = 'required'
  else if (!twoDecimals(f.score) || f.score < 0 || toHundredths(f.score) > points) faults.score = 'as_score_range'
  if (!f.method) faults.method = 'required'
  const note = chars(f.note)
  if (note === 0) faults.note = 'required'
  else if (note < 2 || note > 2000) faults.note = 'length'
  return faults
}

export function scoreBody(f: ScoreForm & { method: Method }, code: string, year: number): ScoreRequest {
  return { year, indicator_code: code, score: toHundredths(f.score), method: f.method, note: f.note.trim() }
}

export interface FindingForm {
  indicator_code: string
  description: string
  evidence_url: string
  deduction: number | null
  notice: boolean
  message: string
  respond_by: string
}

export const emptyFinding = (code = ''): FindingForm => ({ indicator_code: code, description: '', evidence_url: '', deduction: null, notice: false, message: '', respond_by: '' })

function urlFault(v: string): string | undefined {
  const s = v.trim()
  if (!s) return undefined
  if (s.length > 500) return 'length'
  try {
    const u = new URL(s)
    return u.protocol === 'http:' || u.protocol === 'https:' ? undefined : 'as_url'
  } catch {
    return 'as_url'
  }
}

export function findingFaults(f: FindingForm, indicators: Pick<IndicatorCard, 'code' | 'points'>[], today: string): Record<string, string> {
  const faults: Record<string, string> = {}
  const ind = indicators.find((i) => i.code === f.indicator_code)
  if (!ind) faults.indicator_code = 'required'
  const description = chars(f.description)
  if (description === 0) faults.description = 'required'
  else if (description < 4 || description > 2000) faults.description = 'length'
  const url = urlFault(f.evidence_url)
  if (url) faults.evidence_url = url
  if (f.deduction === null) faults.deduction = 'required'
  else if (!twoDecimals(f.deduction) || f.deduction < 0 || (ind && toHundredths(f.deduction) > ind.points)) faults.deduction = 'as_score_range'
  if (f.notice) {
    const message = chars(f.message)
    if (message > 0 && (message < 4 || message > 2000)) faults['notice.message'] = 'length'
    if (f.respond_by && f.respond_by < today) faults['notice.respond_by'] = 'as_in_past'
  }
  return faults
}

export function findingBody(f: FindingForm, year: number): FindingRequest {
  return {
    year,
    indicator_code: f.indicator_code,
    description: f.description.trim(),
    evidence_url: f.evidence_url.trim() || null,
    deduction: toHundredths(f.deduction),
    notice: f.notice ? { message: f.message.trim() || null, respond_by: f.respond_by || null } : null,
  }
}

export function proposalBody(note: string, year: number): ProposalRequest {
  return { year, note: note.trim() || null }
}

export interface ConfirmForm {
  grade: Grade
  note: string
}

/** The office's reason is needed only when it departs from the group's proposal. */
export function confirmFaults(f: ConfirmForm, proposed: Grade): Record<string, string> {
  const note = chars(f.note)
  if (note > 2000) return { note: 'length' }
  if (f.grade !== proposed && note === 0) return { note: 'as_note_for_change' }
  return {}
}

export function confirmBody(f: ConfirmForm, year: number): ConfirmationRequest {
  return { year, grade: f.grade, note: f.note.trim() || null }
}

// --- Charts -----------------------------------------------------------------------------------------

export interface UnitBar {
  unit_id: string
  unit_name: string
  scored: number
  maximum: number
  percent: number | null
}

/** Each unit's subtotal of one group, in the ranking's order. */
export function groupBars(rows: Pick<RankingRow, 'unit_id' | 'unit_name' | 'groups'>[], group: Group): UnitBar[] {
  return rows.map((r) => {
    const sub = r.groups.find((g) => g.group === group)
    return { unit_id: r.unit_id, unit_name: r.unit_name, scored: sub?.scored ?? 0, maximum: sub?.maximum ?? 0, percent: sub ? groupPercent(sub) : null }
  })
}

/** The units with something of the group scored, highest first (then by name), and how many have nothing scored. */
export function scoredBars(bars: UnitBar[]): { scored: UnitBar[]; unscored: number } {
  const scored = bars.filter((b) => b.percent !== null).sort((a, b) => (b.percent ?? 0) - (a.percent ?? 0) || a.unit_name.localeCompare(b.unit_name, 'zh'))
  return { scored, unscored: bars.length - scored.length }
}

export const groupAverage = (averages: GroupAverage[], group: Group): number | null => averages.find((a) => a.group === group)?.average_percent ?? null

/** What a group's chart says, for readers who cannot see it. */
export function groupChartSummary(group: Group, average: number | null, bars: UnitBar[]): string {
  const scored = bars.filter((b) => b.percent !== null)
  const head = t('as.chart.groupLine', { group: groupLabel(group), average: formatPercent(average), n: scored.length })
  if (!scored.length) return head
  const top = scored.reduce((a, b) => ((b.percent ?? 0) > (a.percent ?? 0) ? b : a))
  const low = scored.reduce((a, b) => ((b.percent ?? 0) < (a.percent ?? 0) ? b : a))
  return `${head}${t('as.sep')}${t('as.chart.range', { top: top.unit_name, topPct: formatPercent(top.percent), low: low.unit_name, lowPct: formatPercent(low.percent) })}`
}

export interface TrendGeometry {
  points: { year: number; x: number; y: number; average: number }[]
  /** The polyline's `points` attribute. */
  line: string
}

/** The trend's points in a box of `width` × `height` with `pad` around: years evenly apart, 0–100 % upwards. */
export function trendGeometry(trend: Pick<TrendPoint, 'year' | 'average_percent'>[], width = 600, height = 200, pad = 24): TrendGeometry {
  const sorted = [...trend].sort((a, b) => a.year - b.year)
  const span = width - 2 * pad
  const points = sorted.map((p, i) => ({
    year: p.year,
    average: p.average_percent,
    x: Math.round((sorted.length === 1 ? pad + span / 2 : pad + (span * i) / (sorted.length - 1)) * 100) / 100,
    y: Math.round((pad + (1 - barLength(p.average_percent) / 100) * (height - 2 * pad)) * 100) / 100,
  }))
  return { points, line: points.map((p) => `${p.x},${p.y}`).join(' ') }
}

/** The trend in words, year by year. */
export function trendSummary(trend: TrendPoint[]): string {
  if (!trend.length) return t('as.trend.none')
  return [...trend]
    .sort((a, b) => a.year - b.year)
    .map((p) => t('as.trend.line', { year: p.year, units: p.units, average: formatPercent(p.average_percent), excellent: p.excellent, good: p.good, pass: p.pass, fail: p.fail }))
    .join(t('as.trend.sep'))
}
