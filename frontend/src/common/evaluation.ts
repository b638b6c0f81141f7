// Social evaluation (社会评议, EV 1–9): pure helpers for the leading group's campaign pages, the units'
// rectification page and the portal's questionnaires — labels, the bodies the API takes, the
// checks it makes, scores in hundredths, the rule in words, the device token a browser keeps and
// the invitation token read from the link's fragment. The pages feed them; the Vitest file tests them.
import type { Schemas } from '../api/client'
import { chars } from './forms'
import { t, type MessageKey } from '../i18n'

export type Campaign = Schemas['CampaignView']
export type CampaignStatus = Schemas['CampaignStatus']
export type PublicCampaign = Schemas['PublicCampaign']
export type Question = Schemas['QuestionView']
export type Rating = Schemas['EvaluationRating']
export type Dimension = Schemas['EvaluationDimension']
export type DiscardReason = Schemas['DiscardReason']
export type Category = Schemas['RepresentativeCategory']
export type Channel = Schemas['ResponseChannel']
export type FeedbackMethod = Schemas['FeedbackMethod']
export type TaskView = Schemas['TaskView']
export type TaskStatus = Schemas['RectificationStatus']
export type Receipt = Schemas['ResponseReceipt']
export type Results = Schemas['CampaignResults']
export type UnitResult = Schemas['UnitResult']
export type Rule = Schemas['RatingRule']
export type Invitation = Schemas['InvitationView']
export type Invited = Schemas['InvitedQuestionnaire']
export type Opinion = Schemas['OpinionView']
export type PublicRectification = Schemas['PublicRectification']
export type Answer = Schemas['AnswerRequest']

export const RATINGS: Rating[] = ['satisfied', 'basically_satisfied', 'dissatisfied']
export const DIMENSIONS: Dimension[] = ['content', 'form', 'procedure', 'rules', 'effect', 'hot_issue']
export const DISCARD_REASONS: DiscardReason[] = ['same_contact', 'same_device', 'address_limit', 'near_duplicate_text', 'same_sheet', 'invitation_used']
export const CATEGORIES: Category[] = ['deputy', 'cppcc_member', 'media', 'social_supervisor', 'public_representative']
export const FEEDBACK_METHODS: FeedbackMethod[] = ['online_notice', 'letter', 'visit']
export const TASK_STATUSES: TaskStatus[] = ['open', 'reported', 'accepted', 'returned']

function known(prefix: string, value: string | null | undefined): string {
  if (!value) return ''
  const key = `${prefix}.${value}` as MessageKey
  const text = t(key)
  return text === key ? value : text
}

export const ratingLabel = (r: string | null | undefined) => known('ev.rating', r)
export const dimensionLabel = (d: string) => known('ev.dim', d)
export const discardLabel = (r: string) => known('ev.discard', r)
export const categoryLabel = (c: string | null | undefined) => known('ev.cat', c)
export const channelLabel = (c: string) => known('ev.channel', c)
export const feedbackLabel = (m: string | null | undefined) => known('ev.fb', m)
export const taskStatusLabel = (s: string) => known('ev.ts', s)
export const campaignStatusLabel = (s: string) => known('ev.cs', s)

export function campaignStatusTag(s: string): 'info' | 'success' | 'warning' {
  if (s === 'open') return 'success'
  if (s === 'draft') return 'warning'
  return 'info'
}

export function ratingTag(r: string | null | undefined): 'success' | 'warning' | 'danger' | 'info' {
  if (r === 'satisfied') return 'success'
  if (r === 'basically_satisfied') return 'warning'
  if (r === 'dissatisfied') return 'danger'
  return 'info'
}

export function taskStatusTag(s: string): 'warning' | 'info' | 'success' | 'danger' {
  if (s === 'open') return 'warning'
  if (s === 'reported') return 'info'
  if (s === 'accepted') return 'success'
  return 'danger'
}

// --- Where the pages are --------------------------------------------------------------------------

export const CAMPAIGNS_ROUTE = '/evaluation'
export const campaignRoute = (id: string) => `/evaluation/${id}`
/** The unit's rectification page in the console (the tasks' clocks link to it, under /console). */
export const unitTasksRoute = (unitId: string) => `/units/${unitId}/rectifications`
export const EVALUATE_ROUTE = '/evaluate'
export const INVITED_ROUTE = '/evaluate/invited'
export const NOTICE_ROUTE = '/evaluate/rectifications'

// --- Scores and the rule ----------------------------------------------------------------------------

/** A score the API gives in hundredths of a point, as points with two decimals: 7800 → "78.00"; none → "—". */
export function formatScore(hundredths: number | null | undefined): string {
  if (hundredths === null || hundredths === undefined || !Number.isFinite(hundredths)) return '—'
  const n = Math.round(hundredths)
  return `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`
}

/** The default rule of the group (EV 5): what the server applies when a campaign brings none. */
export const DEFAULT_RULE: Rule = {
  satisfied_points: 100,
  basically_satisfied_points: 60,
  dissatisfied_points: 0,
  public_weight: 50,
  representative_weight: 50,
  satisfied_from: 8500,
  basically_satisfied_from: 6000,
}

/** The rule in words, as the results page states it. */
export function ruleText(rule: Rule): string {
  return t('ev.ruleText', {
    s: rule.satisfied_points,
    b: rule.basically_satisfied_points,
    d: rule.dissatisfied_points,
    pw: rule.public_weight,
    rw: rule.representative_weight,
    sf: formatScore(rule.satisfied_from),
    bf: formatScore(rule.basically_satisfied_from),
  })
}

/** The rule as the creation form edits it: thresholds in points (85 for 8500). */
export interface RuleForm {
  satisfied_points: number | null
  basically_satisfied_points: number | null
  dissatisfied_points: number | null
  public_weight: number | null
  representative_weight: number | null
  satisfied_from: number | null
  basically_satisfied_from: number | null
}

export function ruleFormOf(rule: Rule = DEFAULT_RULE): RuleForm {
  return { ...rule, satisfied_from: rule.satisfied_from / 100, basically_satisfied_from: rule.basically_satisfied_from / 100 }
}

const int = (v: number | null | undefined) => (typeof v === 'number' && Number.isInteger(v) ? v : NaN)

/** The rule from the form; thresholds back into hundredths. */
export function ruleOf(f: RuleForm): Rule {
  const hundredths = (v: number | null) => Math.round((v ?? NaN) * 100)
  return {
    satisfied_points: int(f.satisfied_points),
    basically_satisfied_points: int(f.basically_satisfied_points),
    dissatisfied_points: int(f.dissatisfied_points),
    public_weight: int(f.public_weight),
    representative_weight: int(f.representative_weight),
    satisfied_from: hundredths(f.satisfied_from),
    basically_satisfied_from: hundredths(f.basically_satisfied_from),
  }
}

/** The rule's faults as the server checks them (RatingRule::checked), at the fields it names. */
export function ruleFaults(f: RuleForm): Record<string, string> {
  const r = ruleOf(f)
  const faults: Record<string, string> = {}
  const points = [r.satisfied_points, r.basically_satisfied_points, r.dissatisfied_points]
  if (points.some((p) => Number.isNaN(p) || p < 0 || p > 100) || points[0] < points[1] || points[1] < points[2]) {
    faults['rule.basically_satisfied_points'] = 'ev_points'
  }
  const weights = [r.public_weight, r.representative_weight]
  if (weights.some((w) => Number.isNaN(w) || w < 0) || weights[0] + weights[1] !== 100) faults['rule.representative_weight'] = 'ev_weights'
  const from = [r.satisfied_from, r.basically_satisfied_from]
  if (from.some((v) => Number.isNaN(v) || v < 0) || from[0] > 10000 || from[1] >= from[0]) faults['rule.basically_satisfied_from'] = 'ev_thresholds'
  return faults
}

// --- A campaign ----------------------------------------------------------------------------------

export interface CampaignForm {
  year: number | null
  title: string
  opens_on: string
  closes_on: string
  /** Every unit of the county but the leading and assessment groups (the server's default), or those chosen. */
  all_units: boolean
  unit_ids: string[]
  address_daily_limit: number | null
  rule: RuleForm
}

/** The server's limit on responses from one address for one unit a day, when the group sets none. */
export const DEFAULT_ADDRESS_DAILY_LIMIT = 20

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10)
}

/** A new campaign: this year, from today for thirty days, every unit, the default rule and limit. */
export function campaignDefaults(today: string): CampaignForm {
  const year = Number(today.slice(0, 4))
  return {
    year,
    title: t('ev.defaultTitle', { year }),
    opens_on: today,
    closes_on: addDays(today, 30),
    all_units: true,
    unit_ids: [],
    address_daily_limit: DEFAULT_ADDRESS_DAILY_LIMIT,
    rule: ruleFormOf(),
  }
}

function textFault(v: string, least: number, most: number): string | undefined {
  const n = chars(v)
  if (n === 0) return least > 0 ? 'required' : undefined
  if (n < least || n > most) return 'length'
  return undefined
}

export function campaignFaults(f: CampaignForm): Record<string, string> {
  const faults: Record<string, string> = {}
  const year = int(f.year)
  if (f.year === null) faults.year = 'required'
  else if (Number.isNaN(year) || year < 2020 || year > 2100) faults.year = 'ev_year'
  const title = textFault(f.title, 2, 200)
  if (title) faults.title = title
  if (!f.opens_on) faults.opens_on = 'required'
  if (!f.closes_on) faults.closes_on = 'required'
  else if (f.opens_on && f.closes_on < f.opens_on) faults.closes_on = 'before_start'
  if (!f.all_units && f.unit_ids.length === 0) faults.unit_ids = 'required'
  const limit = int(f.address_daily_limit)
  if (f.address_daily_limit === null) faults.address_daily_limit = 'required'
  else if (Number.isNaN(limit) || limit < 1 || limit > 1000) faults.address_daily_limit = 'ev_limit'
  return { ...faults, ...ruleFaults(f.rule) }
}

/** The body of the creation; no questions, so the server sets one standard question per dimension of EV 3. */
export function campaignBody(f: CampaignForm): Schemas['CampaignRequest'] {
  return {
    year: int(f.year),
    title: f.title.trim(),
    opens_on: f.opens_on,
    closes_on: f.closes_on,
    unit_ids: f.all_units ? null : [...new Set(f.unit_ids)],
    address_daily_limit: int(f.address_daily_limit),
    rule: ruleOf(f.rule),
  }
}

// --- The questionnaire -------------------------------------------------------------------------------

export interface DimensionGroup {
  dimension: Dimension
  questions: Question[]
}

/** The questions by dimension, the dimensions in the order EV 3 lists them, each group's in the questionnaire's order. */
export function byDimension(questions: Question[]): DimensionGroup[] {
  const sorted = [...questions].sort((a, b) => a.position - b.position)
  return DIMENSIONS.map((dimension) => ({ dimension, questions: sorted.filter((q) => q.dimension === dimension) })).filter((g) => g.questions.length > 0)
}

export function questionFaults(text: string): Record<string, string> {
  const fault = textFault(text, 4, 300)
  return fault ? { text: fault } : {}
}

/** The ratings chosen, by question id; '' where none is chosen yet. */
export type Ratings = Record<string, Rating | ''>

export function emptyRatings(questions: Question[]): Ratings {
  return Object.fromEntries(questions.map((q) => [q.id, '']))
}

/** The questions still without a rating, in the questionnaire's order. */
export function unanswered(questions: Question[], ratings: Ratings): Question[] {
  return [...questions].sort((a, b) => a.position - b.position).filter((q) => !ratings[q.id])
}

/** One answer per question of the questionnaire, in its order; throws if one is unanswered (check first). */
export function answersOf(questions: Question[], ratings: Ratings): Answer[] {
  return [...questions]
    .sort((a, b) => a.position - b.position)
    .map((q) => {
      const rating = ratings[q.id]
      if (!rating) throw new Error(`question ${q.id} is not answered`)
      return { question_id: q.id, rating }
    })
}

/** The faults of the ratings: each unanswered question at its own field (`answers.<id>`), and the whole. */
export function ratingFaults(questions: Question[], ratings: Ratings): Record<string, string> {
  const missing = unanswered(questions, ratings)
  if (!missing.length) return {}
  return { answers: 'ev_answers', ...Object.fromEntries(missing.map((q) => [`answers.${q.id}`, 'ev_rating'])) }
}

const opinionOf = (v: string) => v.trim() || null

/**
 * The errors shown, less those the person has since put right: a field keeps its message while the
 * form's own check still finds it at fault, and no new message appears before the next submit.
 */
export function stillAtFault(shown: Record<string, string>, faults: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(shown).filter(([field]) => field in faults))
}

// --- The portal's questionnaire --------------------------------------------------------------------

/** A mobile number (11 digits from 1, spaces, dashes and +86 allowed) or an email address, as the server tells them. */
export function contactKind(raw: string): 'mobile' | 'email' | null {
  const v = raw.trim()
  const digits = v.replace(/[ -]/g, '').replace(/^\+86/, '')
  if (/^1[0-9]{10}$/.test(digits)) return 'mobile'
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) && v.length <= 254) return 'email'
  return null
}

export interface ResponseForm {
  unit_id: string
  contact: string
  opinion: string
  ratings: Ratings
}

export function responseFaults(f: ResponseForm, questions: Question[]): Record<string, string> {
  const faults: Record<string, string> = {}
  if (!f.unit_id) faults.unit_id = 'required'
  if (!f.contact.trim()) faults.contact = 'required'
  else if (!contactKind(f.contact)) faults.contact = 'ev_contact'
  if (chars(f.opinion) > 2000) faults.opinion = 'length'
  return { ...faults, ...ratingFaults(questions, f.ratings) }
}

export function responseBody(f: ResponseForm, questions: Question[]): Schemas['ResponseRequest'] {
  return { unit_id: f.unit_id, contact: f.contact.trim(), answers: answersOf(questions, f.ratings), opinion: opinionOf(f.opinion) }
}

/** Where the browser keeps its device token: a response from a device that already answered for a unit is not counted. */
export const DEVICE_KEY = 'gongkai.evaluation.device'
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/
let pageToken = ''

/** 32 random hex digits. */
export function randomToken(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * The browser's device token: the one kept in `storage`, or a new random one kept there. Where the
 * browser keeps nothing (private mode), one for the page's life.
 */
export function deviceToken(storage: Pick<Storage, 'getItem' | 'setItem'> | null = globalThis.localStorage ?? null, random = randomToken): string {
  try {
    const kept = storage?.getItem(DEVICE_KEY)
    if (kept && TOKEN.test(kept)) return kept
    const made = random()
    storage?.setItem(DEVICE_KEY, made)
    if (storage) return made
  } catch {
    // storage refused: fall through to the page's own token
  }
  if (!pageToken) pageToken = random()
  return pageToken
}

export const deviceHeaders = (token: string) => ({ 'X-Device-Token': token })

// --- Invited representatives -----------------------------------------------------------------------

/** The invitation's token from the link's fragment (`#<token>`); null when there is none that could be one. */
export function invitationToken(hash: string | null | undefined): string | null {
  let raw = (hash ?? '').replace(/^#/, '')
  try {
    raw = decodeURIComponent(raw)
  } catch {
    return null
  }
  raw = raw.trim()
  return /^[A-Za-z0-9]{16,128}$/.test(raw) ? raw : null
}

/** The token travels in a header, never in an address (it would end up in access logs). */
export const invitationHeader = (token: string) => ({ 'X-Invitation-Token': token })

export interface InvitedForm {
  unit_id: string
  opinion: string
  ratings: Ratings
}

export function invitedFaults(f: InvitedForm, questions: Question[]): Record<string, string> {
  const faults: Record<string, string> = {}
  if (!f.unit_id) faults.unit_id = 'required'
  if (chars(f.opinion) > 2000) faults.opinion = 'length'
  return { ...faults, ...ratingFaults(questions, f.ratings) }
}

export function invitedBody(f: InvitedForm, questions: Question[]): Schemas['InvitedResponseRequest'] {
  return { unit_id: f.unit_id, answers: answersOf(questions, f.ratings), opinion: opinionOf(f.opinion) }
}

/** The units an invitation asks about, each marked whether it was answered. */
export function invitedUnits(q: Pick<Invited, 'units' | 'answered'>): { unit_id: string; unit_name: string; answered: boolean }[] {
  return q.units.map((u) => ({ ...u, answered: q.answered.includes(u.unit_id) }))
}

export interface InvitationForm {
  name: string
  category: Category | ''
  email: string
  unit_ids: string[]
}

export const emptyInvitation = (): InvitationForm => ({ name: '', category: '', email: '', unit_ids: [] })

export function invitationFaults(f: InvitationForm): Record<string, string> {
  const faults: Record<string, string> = {}
  const name = textFault(f.name, 1, 100)
  if (name) faults.name = name
  if (!f.category) faults.category = 'required'
  const email = f.email.trim()
  if (!email) faults.email = 'required'
  else if (contactKind(email) !== 'email') faults.email = 'email'
  if (!f.unit_ids.length) faults.unit_ids = 'required'
  return faults
}

export function invitationBody(f: InvitationForm & { category: Category }): Schemas['InvitationRequest'] {
  return { name: f.name.trim(), category: f.category, email: f.email.trim(), unit_ids: [...new Set(f.unit_ids)] }
}

// --- Paper questionnaires -----------------------------------------------------------------------------

export interface PaperForm {
  unit_id: string
  handed_out_at: string
  handed_out_on: string
  sheet: string
  opinion: string
  ratings: Ratings
}

export function paperFaults(f: PaperForm, questions: Question[], today: string): Record<string, string> {
  const faults: Record<string, string> = {}
  if (!f.unit_id) faults.unit_id = 'required'
  const at = textFault(f.handed_out_at, 2, 100)
  if (at) faults.handed_out_at = at
  if (!f.handed_out_on) faults.handed_out_on = 'required'
  else if (f.handed_out_on > today) faults.handed_out_on = 'in_future'
  const sheet = textFault(f.sheet, 1, 40)
  if (sheet) faults.sheet = sheet
  if (chars(f.opinion) > 2000) faults.opinion = 'length'
  return { ...faults, ...ratingFaults(questions, f.ratings) }
}

export function paperBody(f: PaperForm, questions: Question[]): Schemas['PaperResponseRequest'] {
  return {
    unit_id: f.unit_id,
    handed_out_at: f.handed_out_at.trim(),
    handed_out_on: f.handed_out_on,
    sheet: f.sheet.trim(),
    answers: answersOf(questions, f.ratings),
    opinion: opinionOf(f.opinion),
  }
}

/** The next sheet of a batch: the number at its end one up, its zeros kept ("007" → "008", "A-9" → "A-10"); else unchanged. */
export function nextSheet(sheet: string): string {
  const m = /^(.*?)(\d+)$/.exec(sheet.trim())
  if (!m) return sheet.trim()
  const next = String(Number(m[2]) + 1)
  return `${m[1]}${next.padStart(m[2].length, '0')}`
}

// --- Rectification (EV 7) -----------------------------------------------------------------------------

export const MIN_WORKING_DAYS = 5
export const MAX_WORKING_DAYS = 60

function daysFault(v: number | null | undefined): string | undefined {
  if (v === null || v === undefined) return 'required'
  const n = int(v)
  return Number.isNaN(n) || n < MIN_WORKING_DAYS || n > MAX_WORKING_DAYS ? 'ev_working_days' : undefined
}

export interface TaskForm {
  requirement: string
  working_days: number | null
}

export const emptyTask = (): TaskForm => ({ requirement: '', working_days: 10 })

export function taskFaults(f: TaskForm): Record<string, string> {
  const faults: Record<string, string> = {}
  const req = textFault(f.requirement, 4, 2000)
  if (req) faults.requirement = req
  const days = daysFault(f.working_days)
  if (days) faults.working_days = days
  return faults
}

/** A task from a counted response's opinion, which the server looks up by the response. */
export function taskBody(o: Pick<Opinion, 'unit_id' | 'response_id'>, f: TaskForm): Schemas['TaskRequest'] {
  return { unit_id: o.unit_id, response_id: o.response_id, requirement: f.requirement.trim(), working_days: int(f.working_days) }
}

export interface ReviewForm {
  accepted: boolean | null
  note: string
  working_days: number | null
}

export const emptyReview = (): ReviewForm => ({ accepted: null, note: '', working_days: 10 })

export function reviewFaults(f: ReviewForm): Record<string, string> {
  const faults: Record<string, string> = {}
  if (f.accepted === null) faults.accepted = 'required'
  const note = textFault(f.note, 2, 2000)
  if (note) faults.note = note
  if (f.accepted === false) {
    const days = daysFault(f.working_days)
    if (days) faults.working_days = days
  }
  return faults
}

/** The review: a new period only when the task goes back to the unit. */
export function reviewBody(f: ReviewForm & { accepted: boolean }): Schemas['TaskReview'] {
  return { accepted: f.accepted, note: f.note.trim(), working_days: f.accepted ? null : int(f.working_days) }
}

export interface ReportForm {
  report: string
  feedback_method: FeedbackMethod | ''
  feedback_note: string
}

export const emptyReport = (): ReportForm => ({ report: '', feedback_method: '', feedback_note: '' })

export function reportFaults(f: ReportForm): Record<string, string> {
  const faults: Record<string, string> = {}
  const report = textFault(f.report, 10, 5000)
  if (report) faults.report = report
  if (!f.feedback_method) faults.feedback_method = 'required'
  const note = textFault(f.feedback_note, 2, 1000)
  if (note) faults.feedback_note = note
  return faults
}

export function reportBody(f: ReportForm & { feedback_method: FeedbackMethod }): Schemas['TaskReport'] {
  return { report: f.report.trim(), feedback_method: f.feedback_method, feedback_note: f.feedback_note.trim() }
}

/** The unit may report a task that is open or came back to it. */
export const reportable = (task: Pick<TaskView, 'status'>) => task.status === 'open' || task.status === 'returned'

/** Still to be reported after its last day. */
export function taskOverdue(task: Pick<TaskView, 'status' | 'due_on'>, today: string): boolean {
  return reportable(task) && task.due_on < today
}

// --- Results ----------------------------------------------------------------------------------------

/** The dimensions any unit was rated on, in EV 3's order: the results' columns. */
export function resultDimensions(results: Pick<Results, 'units'>): Dimension[] {
  const seen = new Set(results.units.flatMap((u) => u.dimensions.map((d) => d.dimension)))
  return DIMENSIONS.filter((d) => seen.has(d))
}

export function dimensionScore(u: Pick<UnitResult, 'dimensions'>, d: Dimension): number | null {
  return u.dimensions.find((x) => x.dimension === d)?.score ?? null
}

export const discardedTotal = (u: Pick<UnitResult, 'discarded'>) => u.discarded.reduce((n, d) => n + d.responses, 0)

/** The share of a full 100 points a score makes, for a bar: 7800 → 78 (percent), none → 0. */
export function barPercent(hundredths: number | null | undefined): number {
  if (hundredths === null || hundredths === undefined || !Number.isFinite(hundredths)) return 0
  return Math.min(100, Math.max(0, hundredths / 100))
}

/** What a unit's bars say, for readers who cannot see them. */
export function chartSummary(u: Pick<UnitResult, 'unit_name' | 'dimensions' | 'score' | 'rating'>, dims: Dimension[]): string {
  const parts = dims.map((d) => t('ev.chartPart', { dim: dimensionLabel(d), score: formatScore(dimensionScore(u, d)) }))
  const overall = u.score === null || u.score === undefined ? t('ev.chartNone') : t('ev.chartOverall', { score: formatScore(u.score), rating: ratingLabel(u.rating) })
  return t('ev.chartLine', { unit: u.unit_name, parts: parts.join(t('ev.sep')), overall })
}
