// Proactive disclosure under secrecy review (主动公开与保密审查): pure helpers for the unit's
// information items — labels, where an item stands, which steps a person may take (mirroring the
// server's rules), the drafting form and the reviewer's checklist as the server checks them, the
// scan's findings (in the text and in the attached files), the secrecy bureau's answer, the files
// an item carries, and how a unit keeps the headings with an update period. The pages feed them; the
// Vitest files test them.
import type { Schemas } from '../api/client'
import { chars } from './forms'
import { t, type MessageKey } from '../i18n'

export type Item = Schemas['ItemDetail']
export type ItemSummary = Schemas['ItemSummary']
export type ItemStatus = Schemas['ItemStatus']
export type Attribute = Schemas['DisclosureAttribute']
export type Category = Schemas['InformationCategory']
export type Ground = Schemas['WithholdingGround']
export type Domain = Schemas['SensitiveDomain']
export type Hit = Schemas['HitView']
export type HitKind = Schemas['HitKind']
export type ItemField = Schemas['ItemField']
export type Party = Schemas['ItemConsultedParty']
export type Opinion = Schemas['ItemOpinion']
export type ThirdParty = Schemas['ThirdPartyFinding']
export type Consultation = Schemas['ItemConsultationView']
export type ItemEvent = Schemas['ItemEventView']
export type Heading = Schemas['HeadingView']
export type ItemReferral = Schemas['ItemReferralView']
export type ReportKind = Schemas['ReportKind']
export type Reevaluation = Schemas['ReevaluationView']
export type ReevaluationOutcome = Schemas['ReevaluationOutcome']
export type ItemAttachment = Schemas['ItemAttachmentView']
export type Unreadable = Schemas['Unreadable']
export type Freshness = Schemas['FreshnessView']

export const ITEM_STATUSES: ItemStatus[] = ['draft', 'in_review', 'consulting', 'reviewed', 'approved', 'published', 'filed', 'withdrawn']
export const ATTRIBUTES: Attribute[] = ['proactive', 'on_application', 'not_disclosed']
/** Arts. 20(1)–(15) and 21, in the order of the Regulations. */
export const CATEGORIES: Category[] = [
  'normative_documents',
  'organisation',
  'plans_policies',
  'statistics',
  'licensing',
  'penalty_enforcement',
  'budget',
  'fees',
  'procurement',
  'major_projects',
  'social_policies',
  'emergencies',
  'inspections',
  'recruitment',
  'other_statutory',
  'local_affairs',
]
export const GROUNDS: Ground[] = [
  'state_secret',
  'prohibited_by_law',
  'security_stability',
  'third_party_rights',
  'internal_affairs',
  'process_information',
  'enforcement_file',
  'outside_proactive_scope',
]
export const DOMAINS: Domain[] = ['agricultural_product_quality', 'infectious_disease_epidemic', 'animal_epidemic', 'geographic_data', 'statistics']
export const HIT_KINDS: HitKind[] = ['id_number', 'mobile', 'bank_card', 'credit_code', 'address', 'classification_mark', 'sensitive_word']
export const PARTIES: Party[] = ['secrecy_bureau', 'competent_department', 'right_holder']
export const OPINIONS: Opinion[] = ['may_disclose', 'in_part', 'must_not']
export const THIRD_PARTY_FINDINGS: ThirdParty[] = ['none', 'masked', 'consulted', 'consult_needed']
/** The three classification levels of the Law on Guarding State Secrets. */
export const CLASSIFICATION_LEVELS = ['绝密', '机密', '秘密'] as const
/** The checklist's yes/no points, in the order of SR 7 (the third-party finding is chosen apart). */
export const CHECKS = ['no_state_secret', 'no_security_risk', 'sensitive_domains_cleared', 'remaining_hits_lawful', 'attribute_confirmed'] as const
export type Check = (typeof CHECKS)[number]

export const itemStatusLabel = (s: ItemStatus) => t(`item.status.${s}` as MessageKey)
export const attributeLabel = (a: Attribute) => t(`item.attr.${a}` as MessageKey)
export const categoryLabel = (c: Category) => t(`item.cat.${c}` as MessageKey)
export const groundLabel = (g: Ground) => t(`item.ground.${g}` as MessageKey)
export const domainLabel = (d: Domain) => t(`item.domain.${d}` as MessageKey)
export const hitKindLabel = (k: HitKind) => t(`item.hit.${k}` as MessageKey)
export const fieldLabel = (f: ItemField) => t(`item.field.${f}` as MessageKey)
export const partyLabel = (p: Party) => t(`item.party.${p}` as MessageKey)
export const opinionLabel = (o: Opinion) => t(`item.opinion.${o}` as MessageKey)
export const thirdPartyLabel = (f: ThirdParty) => t(`item.third.${f}` as MessageKey)
export const checkLabel = (c: Check) => t(`item.check.${c}` as MessageKey)
export const reportKindLabel = (k: ReportKind) => t(`item.rk.${k}` as MessageKey)
export const reevaluationOutcomeLabel = (o: ReevaluationOutcome) => t(`item.ro.${o}` as MessageKey)

export function itemStatusTag(s: ItemStatus): 'info' | 'primary' | 'warning' | 'success' | 'danger' {
  if (s === 'published') return 'success'
  if (s === 'withdrawn') return 'danger'
  if (s === 'in_review' || s === 'consulting' || s === 'reviewed') return 'warning'
  if (s === 'approved') return 'primary'
  return 'info'
}

/** The steps of the stage bar: the way of an item to the catalogue. */
export const ITEM_STAGE_STEPS = ['draft', 'review', 'approval', 'publication'] as const
export type ItemStageStep = (typeof ITEM_STAGE_STEPS)[number]

export interface ItemStage {
  /** The current step's index (el-steps' `active`); past the last once the item is settled. */
  active: number
  step: ItemStageStep | null
  /** A referral or consultation holds the review. */
  waiting: boolean
  /** How a settled item ended: in the catalogue, on file (not published), or withdrawn from it. */
  end: 'published' | 'filed' | 'withdrawn' | null
}

export function itemStage(status: ItemStatus): ItemStage {
  const at = (active: number, step: ItemStageStep, waiting = false): ItemStage => ({ active, step, waiting, end: null })
  switch (status) {
    case 'draft':
      return at(0, 'draft')
    case 'in_review':
      return at(1, 'review')
    case 'consulting':
      return at(1, 'review', true)
    case 'reviewed':
      return at(2, 'approval')
    case 'approved':
      return at(3, 'publication')
    case 'published':
    case 'filed':
    case 'withdrawn':
      return { active: ITEM_STAGE_STEPS.length, step: null, waiting: false, end: status }
  }
}

/** What the person may do with the unit's items, from their permissions and duties there. */
export interface ItemCapabilities {
  canDraft: boolean
  /** `item.review` and the unit's designation as secrecy reviewer (SR 5). */
  canReview: boolean
  canApprove: boolean
  canPublish: boolean
}

export function itemCapabilities(permissions: ReadonlySet<string>, duties: ReadonlySet<string>): ItemCapabilities {
  return {
    canDraft: permissions.has('item.draft'),
    canReview: permissions.has('item.review') && duties.has('secrecy_reviewer'),
    canApprove: permissions.has('item.approve'),
    canPublish: permissions.has('item.publish'),
  }
}

export type ItemAction = 'edit' | 'mask' | 'submit' | 'review' | 'consult' | 'record_answer' | 'approve' | 'publish' | 'withdraw' | 'repeal' | 'reevaluate'

export type ItemFacts = Pick<Item, 'status' | 'attribute' | 'hits' | 'consultations' | 'first_published_on' | 'bound_not_to_disclose' | 'report_kind' | 'repealed_on'>

/**
 * How the unit closes one consultation: a department's or right holder's answer is recorded by the
 * unit (`answer`, or that its period ran out); the bureau answers its own referrals, so the unit only
 * records that the bureau let its 5 working days pass (`lapse`, the day after the last one).
 */
export function consultationControl(c: Pick<Consultation, 'party' | 'status' | 'answer_by'>, canReview: boolean, today: string): 'answer' | 'lapse' | 'none' {
  if (!canReview || c.status !== 'open') return 'none'
  if (c.party !== 'secrecy_bureau') return 'answer'
  return c.answer_by && c.answer_by < today ? 'lapse' : 'none'
}

/** Whether the period of an open consultation has run out (an answer without opinion is then allowed). */
export function periodOver(c: Pick<Consultation, 'answer_by'>, today: string): boolean {
  return !!c.answer_by && c.answer_by < today
}

/**
 * The steps the item's stage allows to someone with these capabilities, as the server decides them:
 * any change but during a consultation (a change after review, approval or publication needs a new
 * review); masking while drafted or in review; submission of a draft; the review and referrals while
 * in review; approval of a reviewed item; publication of an approved proactive item not bound by the
 * bureau; withdrawal of one ever published; the leader's record that a published rule or normative
 * document was repealed (once); the reviewer's re-evaluation of a filed (withheld) item.
 */
export function itemActions(d: ItemFacts, caps: ItemCapabilities, today: string): Set<ItemAction> {
  const out = new Set<ItemAction>()
  const s = d.status
  if (caps.canDraft) {
    if (s !== 'consulting') out.add('edit')
    if ((s === 'draft' || s === 'in_review') && d.hits.some(maskable)) out.add('mask')
    if (s === 'draft') out.add('submit')
  }
  if (caps.canReview) {
    if (s === 'in_review') out.add('review')
    if (s === 'in_review' || s === 'consulting') out.add('consult')
    if (d.consultations.some((c) => consultationControl(c, true, today) !== 'none')) out.add('record_answer')
  }
  if (caps.canApprove) {
    if (s === 'reviewed') out.add('approve')
    if (d.first_published_on && s !== 'withdrawn') out.add('withdraw')
    if (s === 'published' && isRuleOrNormative(d.report_kind) && !d.repealed_on) out.add('repeal')
  }
  if (caps.canReview && s === 'filed') out.add('reevaluate')
  if (caps.canPublish && s === 'approved' && d.attribute === 'proactive' && !d.bound_not_to_disclose) out.add('publish')
  return out
}

/** Art. 26's last day has passed and the item is still not published. */
export function publishOverdue(publishBy: string | null | undefined, today: string): boolean {
  return !!publishBy && publishBy < today
}

/** A republication corrects what the public sees and says what it changed. */
export function isCorrection(d: Pick<Item, 'index_number'>): boolean {
  return !!d.index_number
}

// --- The drafting form ---------------------------------------------------------------------------

export interface DraftForm {
  title: string
  summary: string
  body: string
  category: Category | ''
  heading_id: string
  formed_on: string
  doc_number: string
  valid_from: string
  valid_until: string
  attribute: Attribute
  ground: Ground | ''
  attribute_reason: string
  sensitive_domains: Domain[]
  domain_authority: string
  domain_procedure: string
  classification_level: string
  classified_until: string
  /** What it counts as in table 2 of the annual report; '' when it counts as nothing. */
  report_kind: ReportKind | ''
  decisions: number | null
  /** Yuan as typed, to two decimals; sent in fen. */
  amount_yuan: string
}

/** A new draft: proactive, formed today; an Art. 44 suggestion's topic becomes its title. */
export function emptyDraft(today: string, topic = ''): DraftForm {
  return {
    title: topic.trim(),
    summary: '',
    body: '',
    category: '',
    heading_id: '',
    formed_on: today,
    doc_number: '',
    valid_from: '',
    valid_until: '',
    attribute: 'proactive',
    ground: '',
    attribute_reason: '',
    sensitive_domains: [],
    domain_authority: '',
    domain_procedure: '',
    classification_level: '',
    classified_until: '',
    report_kind: '',
    decisions: null,
    amount_yuan: '',
  }
}

/** The working copy as the form edits it. */
export function draftFormOf(d: Item): DraftForm {
  return {
    title: d.title,
    summary: d.summary,
    body: d.body,
    category: d.category,
    heading_id: d.heading_id ?? '',
    formed_on: d.formed_on,
    doc_number: d.doc_number ?? '',
    valid_from: d.valid_from ?? '',
    valid_until: d.valid_until ?? '',
    attribute: d.attribute,
    ground: d.ground ?? '',
    attribute_reason: d.attribute_reason ?? '',
    sensitive_domains: [...d.sensitive_domains],
    domain_authority: d.domain_authority ?? '',
    domain_procedure: d.domain_procedure ?? '',
    classification_level: d.classification_level ?? '',
    classified_until: d.classified_until ?? '',
    report_kind: d.report_kind ?? '',
    decisions: d.decisions ?? null,
    amount_yuan: d.amount_fen == null ? '' : fenToYuan(d.amount_fen),
  }
}

/** The grounds an attribute takes: none for proactive; "outside the proactive scope" only for on-application. */
export function groundsFor(attribute: Attribute): Ground[] {
  if (attribute === 'proactive') return []
  if (attribute === 'not_disclosed') return GROUNDS.filter((g) => g !== 'outside_proactive_scope')
  return [...GROUNDS]
}

/** An item withheld as a state secret carries its classification level and term. */
export function isClassified(f: Pick<DraftForm, 'attribute' | 'ground'>): boolean {
  return f.attribute === 'not_disclosed' && f.ground === 'state_secret'
}

/** The county's headings an item of this category may go under. */
export function headingsFor(headings: readonly Heading[], category: Category | ''): Heading[] {
  return headings.filter((h) => h.active && h.category === category)
}

// --- Table 2 of the annual report ----------------------------------------------------------------

/** What an item may count as in table 2 (2021 No. 30, 第二项), in the table's order, with its category. */
export const REPORT_KINDS: ReportKind[] = ['rule', 'normative_document', 'licensing', 'penalty', 'enforcement', 'fee_collection']
export const REPORT_KIND_CATEGORY: Record<ReportKind, Category> = {
  rule: 'normative_documents',
  normative_document: 'normative_documents',
  licensing: 'licensing',
  penalty: 'penalty_enforcement',
  enforcement: 'penalty_enforcement',
  fee_collection: 'fees',
}
/** The most decisions and fen the server takes. */
export const MAX_DECISIONS = 1_000_000
export const MAX_AMOUNT_FEN = 100_000_000_000

/** The kinds an item of this category may count as: table 2 counts an item only under its own category. */
export function reportKindsFor(category: Category | ''): ReportKind[] {
  return REPORT_KINDS.filter((k) => REPORT_KIND_CATEGORY[k] === category)
}

/** Rules and normative documents are counted issued, repealed and in force, and known by their 文号. */
export function isRuleOrNormative(kind: ReportKind | '' | null | undefined): boolean {
  return kind === 'rule' || kind === 'normative_document'
}

/** The figure a kind reports beside the item itself: decisions, or the fees collected. */
export function reportFigure(kind: ReportKind | '' | null | undefined): 'decisions' | 'amount' | null {
  if (kind === 'licensing' || kind === 'penalty' || kind === 'enforcement') return 'decisions'
  if (kind === 'fee_collection') return 'amount'
  return null
}

/** Yuan typed with at most two decimals (commas and spaces allowed) → fen; null when it is not that. */
export function yuanToFen(text: string): number | null {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.replace(/[,，\s]/g, ''))
  if (!m) return null
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  return Number.isSafeInteger(fen) ? fen : null
}

/** 123450 fen → "1234.50". Computed on integers, so no rounding creeps in. */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(fen))
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** What the item reports in table 2, in words: its kind and, where the kind has one, its figure. */
export function reportText(d: Pick<Item, 'report_kind' | 'decisions' | 'amount_fen'>): string {
  if (!d.report_kind) return ''
  const figure = reportFigure(d.report_kind)
  if (figure === 'decisions' && d.decisions != null) return `${reportKindLabel(d.report_kind)} · ${t('item.decisionsN', { n: d.decisions })}`
  if (figure === 'amount' && d.amount_fen != null) return `${reportKindLabel(d.report_kind)} · ${t('item.amountN', { yuan: fenToYuan(d.amount_fen) })}`
  return reportKindLabel(d.report_kind)
}

/** Table 2's faults of the form, keyed like the server's fields. */
function reportFaults(f: DraftForm, faults: Record<string, string>) {
  const kind = f.report_kind
  if (!kind) return
  if (!reportKindsFor(f.category).includes(kind)) faults.report_kind = 'report_category'
  const figure = reportFigure(kind)
  if (figure === 'decisions') {
    if (f.decisions === null || f.decisions === undefined) faults.decisions = 'required'
    else if (!Number.isInteger(f.decisions) || f.decisions < 1 || f.decisions > MAX_DECISIONS) faults.decisions = 'decisions_range'
  } else if (figure === 'amount') {
    const fen = yuanToFen(f.amount_yuan)
    if (!f.amount_yuan.trim()) faults.amount_fen = 'required'
    else if (fen === null) faults.amount_fen = 'amount_format'
    else if (fen > MAX_AMOUNT_FEN) faults.amount_fen = 'amount_range'
  } else if (isRuleOrNormative(kind) && chars(f.doc_number) === 0) {
    faults.doc_number = 'required'
  }
}

/** The form's fault codes, as the server would give them (SR 6–7, Arts. 14–16). */
export function draftFaults(f: DraftForm, today: string, headings: readonly Heading[] = []): Record<string, string> {
  const faults: Record<string, string> = {}
  const title = chars(f.title)
  if (title === 0) faults.title = 'required'
  else if (title < 2 || title > 200) faults.title = 'length'
  if (chars(f.summary) > 500) faults.summary = 'length'
  if (chars(f.body) === 0) faults.body = 'required'
  else if ([...f.body].length > 100000) faults.body = 'length'
  if (!f.category) faults.category = 'required'
  if (!f.formed_on) faults.formed_on = 'required'
  else if (f.formed_on > today) faults.formed_on = 'in_future'
  if (chars(f.doc_number) > 100) faults.doc_number = 'length'
  if (f.valid_from && f.valid_until && f.valid_until < f.valid_from) faults.valid_until = 'before_start'
  if (f.attribute !== 'proactive') {
    if (!f.ground || !groundsFor(f.attribute).includes(f.ground)) faults.ground = 'required'
    const reason = chars(f.attribute_reason)
    if (reason === 0) faults.attribute_reason = 'required'
    else if (reason < 2 || reason > 2000) faults.attribute_reason = 'length'
  }
  if (isClassified(f) && !CLASSIFICATION_LEVELS.includes(f.classification_level as (typeof CLASSIFICATION_LEVELS)[number])) {
    faults.classification_level = 'required'
  }
  if (f.sensitive_domains.length) {
    if (chars(f.domain_authority) === 0) faults.domain_authority = 'required'
    else if (chars(f.domain_authority) > 200) faults.domain_authority = 'length'
    if (chars(f.domain_procedure) === 0) faults.domain_procedure = 'required'
    else if (chars(f.domain_procedure) > 2000) faults.domain_procedure = 'length'
  }
  if (f.heading_id) {
    const h = headings.find((x) => x.id === f.heading_id)
    if (h && h.category !== f.category) faults.heading_id = 'category_mismatch'
  }
  reportFaults(f, faults)
  return faults
}

const orNull = (s: string) => (s.trim() ? s.trim() : null)

/**
 * The body of the draft: what the attribute does not take is left out, as the server would drop it;
 * so is a figure its table 2 kind does not report.
 */
export function draftBody(f: DraftForm): Schemas['ItemDraft'] {
  const withheld = f.attribute !== 'proactive'
  const classified = isClassified(f)
  const domains = f.sensitive_domains.length > 0
  const figure = reportFigure(f.report_kind)
  return {
    title: f.title.trim(),
    summary: f.summary.trim(),
    body: f.body,
    category: f.category as Category,
    heading_id: f.heading_id || null,
    formed_on: f.formed_on,
    doc_number: orNull(f.doc_number),
    valid_from: f.valid_from || null,
    valid_until: f.valid_until || null,
    attribute: f.attribute,
    ground: withheld && f.ground ? f.ground : null,
    attribute_reason: withheld ? orNull(f.attribute_reason) : null,
    sensitive_domains: [...f.sensitive_domains],
    domain_authority: domains ? orNull(f.domain_authority) : null,
    domain_procedure: domains ? orNull(f.domain_procedure) : null,
    classification_level: classified ? orNull(f.classification_level) : null,
    classified_until: classified ? f.classified_until || null : null,
    report_kind: f.report_kind || null,
    decisions: figure === 'decisions' ? f.decisions : null,
    amount_fen: figure === 'amount' ? yuanToFen(f.amount_yuan) : null,
  }
}

/** The new-item form, prefilled from an accepted Art. 44 suggestion. */
export function newItemRoute(unitId: string, suggestion?: { id: string; topic: string }): { path: string; query: Record<string, string> } {
  return { path: `/items/${unitId}/new`, query: suggestion ? { suggestion_id: suggestion.id, topic: suggestion.topic } : {} }
}

export function itemRoute(unitId: string, itemId: string): string {
  return `/items/${unitId}/${itemId}`
}

export function itemsRoute(unitId: string): string {
  return `/items/${unitId}`
}

/** A query value as one string (the first of several), or ''. */
export function queryText(v: unknown): string {
  const first = Array.isArray(v) ? v[0] : v
  return typeof first === 'string' ? first : ''
}

// --- The scan's findings -------------------------------------------------------------------------

/** The context the scan gives (`…before【hit】after…`) cut into its three parts. */
export function contextParts(context: string): { before: string; hit: string; after: string } {
  const open = context.indexOf('【')
  const close = context.lastIndexOf('】')
  if (open < 0 || close < open) return { before: '', hit: context, after: '' }
  return { before: context.slice(0, open), hit: context.slice(open + 1, close), after: context.slice(close + 1) }
}

/** The body of masking one hit: as the scan reported it on this revision. */
export function maskBody(hit: Pick<Hit, 'field' | 'kind' | 'start' | 'end'>, revision: number): Schemas['MaskRequest'] {
  return { revision, field: hit.field, kind: hit.kind, start: hit.start, end: hit.end }
}

/** How many findings of each kind, in the order of HIT_KINDS, leaving out kinds not found. */
export function hitCounts(hits: readonly Pick<Hit, 'kind'>[]): [HitKind, number][] {
  return HIT_KINDS.map((k) => [k, hits.filter((h) => h.kind === k).length] as [HitKind, number]).filter(([, n]) => n > 0)
}

/**
 * Whether a hit is masked in place: not a classification mark (the item is re-decided), nor a hit in
 * an attached file (the drafter replaces the file with a masked copy).
 */
export function maskable(hit: Pick<Hit, 'mask' | 'field'>): boolean {
  return !!hit.mask && hit.field !== 'attachment'
}

/** The hits of one place: the item's own text (`attachment` null), or one attached file. */
export interface HitGroup {
  key: string
  attachment: ItemAttachment | null
  hits: Hit[]
}

/**
 * The scan's hits where they are: the item's own text first, then each attached file in the order
 * of the files, then together any hits whose file is not among them. Places without hits are left out.
 */
export function hitGroups(hits: readonly Hit[], attachments: readonly ItemAttachment[]): HitGroup[] {
  const own = hits.filter((h) => h.field !== 'attachment')
  const groups: HitGroup[] = own.length ? [{ key: 'text', attachment: null, hits: own }] : []
  const inFiles = hits.filter((h) => h.field === 'attachment')
  for (const a of attachments) {
    const of = inFiles.filter((h) => h.attachment_id === a.id)
    if (of.length) groups.push({ key: a.id, attachment: a, hits: of })
  }
  const known = new Set(attachments.map((a) => a.id))
  const orphans = inFiles.filter((h) => !h.attachment_id || !known.has(h.attachment_id))
  if (orphans.length) groups.push({ key: 'files', attachment: null, hits: orphans })
  return groups
}

/** A classification mark cannot be masked away: the item must be re-decided. */
export function classificationMarks(hits: readonly Pick<Hit, 'kind'>[]): number {
  return hits.filter((h) => h.kind === 'classification_mark').length
}

// --- The reviewer's checklist --------------------------------------------------------------------

export interface ChecklistForm {
  no_state_secret: boolean
  no_security_risk: boolean
  sensitive_domains_cleared: boolean
  remaining_hits_lawful: boolean
  attribute_confirmed: boolean
  third_party: ThirdParty | null
}

export function emptyChecklist(): ChecklistForm {
  return { no_state_secret: false, no_security_risk: false, sensitive_domains_cleared: false, remaining_hits_lawful: false, attribute_confirmed: false, third_party: null }
}

/**
 * The faults of a review, keyed like the server's fields. Either way the reviewer says what they
 * found about third parties and writes their findings; passing needs, as the server's
 * `allows_passing`: the attribute confirmed and no consultation still to make, and for a proactive
 * item no classification mark in the text and every other point.
 */
export function reviewFaults(c: ChecklistForm, findings: string, passed: boolean, attribute: Attribute, marks: number): Record<string, string> {
  const faults: Record<string, string> = {}
  const n = chars(findings)
  if (n === 0) faults.findings = 'required'
  else if (n < 2 || n > 5000) faults.findings = 'length'
  if (!c.third_party) faults['checklist.third_party'] = 'required'
  if (!passed) return faults
  if (!c.attribute_confirmed) faults['checklist.attribute_confirmed'] = 'unchecked'
  if (c.third_party === 'consult_needed') faults['checklist.third_party'] = 'consult_first'
  if (attribute !== 'proactive') return faults
  if (marks > 0) faults.marks = 'classification_mark'
  for (const check of ['no_state_secret', 'no_security_risk', 'sensitive_domains_cleared', 'remaining_hits_lawful'] as const) {
    if (!c[check]) faults[`checklist.${check}`] = 'unchecked'
  }
  return faults
}

export function reviewBody(revision: number, passed: boolean, c: ChecklistForm, findings: string): Schemas['ReviewRequest'] {
  const { third_party, ...checks } = c
  return { revision, passed, checklist: { ...checks, third_party: third_party ?? 'consult_needed' }, findings: findings.trim() }
}

// --- Consultations and the bureau's answer -------------------------------------------------------

export interface ConsultForm {
  party: Party
  party_name: string
  question: string
}

export function consultFaults(f: ConsultForm): Record<string, string> {
  const faults: Record<string, string> = {}
  if (f.party !== 'secrecy_bureau') {
    const n = chars(f.party_name)
    if (n === 0) faults.party_name = 'required'
    else if (n > 200) faults.party_name = 'length'
  }
  const q = chars(f.question)
  if (q === 0) faults.question = 'required'
  else if (q < 2 || q > 5000) faults.question = 'length'
  return faults
}

/** The bureau is found by the platform: its name is not sent. */
export function consultBody(f: ConsultForm): Schemas['ItemConsultRequest'] {
  return { party: f.party, party_name: f.party === 'secrecy_bureau' ? '' : f.party_name.trim(), question: f.question.trim() }
}

export interface AnswerForm {
  /** None: the period ran out without an answer. */
  opinion: Opinion | null
  answer: string
  answered_on: string
}

export function answerFaults(f: AnswerForm, c: Pick<Consultation, 'started_on' | 'answer_by' | 'party'>, today: string): Record<string, string> {
  const faults: Record<string, string> = {}
  if (!f.answered_on) faults.answered_on = 'required'
  else if (f.answered_on > today || f.answered_on < c.started_on) faults.answered_on = 'out_of_range'
  if (f.opinion) {
    const n = chars(f.answer)
    if (n === 0) faults.answer = 'required'
    else if (n > 5000) faults.answer = 'length'
  } else if (!periodOver(c, today)) {
    faults.opinion = 'required'
  }
  return faults
}

export function answerBody(f: AnswerForm): Schemas['ItemConsultAnswerRequest'] {
  return { opinion: f.opinion, answer: f.answer.trim() || null, answered_on: f.answered_on }
}

/** The grounds the bureau may give for "must not": an Art. 27 scope is not a reason to withhold. */
export const BUREAU_GROUNDS: Ground[] = GROUNDS.filter((g) => g !== 'outside_proactive_scope')

export interface BureauForm {
  opinion: Opinion | null
  answer: string
  ground: Ground | ''
}

export function bureauFaults(f: BureauForm): Record<string, string> {
  const faults: Record<string, string> = {}
  if (!f.opinion) faults.opinion = 'required'
  const n = chars(f.answer)
  if (n === 0) faults.answer = 'required'
  else if (n < 2 || n > 5000) faults.answer = 'length'
  return faults
}

/** "Must not" carries its ground, a state secret unless another is chosen; the others none. */
export function bureauBody(f: BureauForm & { opinion: Opinion }): Schemas['BureauAnswerRequest'] {
  return { opinion: f.opinion, answer: f.answer.trim(), ground: f.opinion === 'must_not' ? f.ground || 'state_secret' : null }
}

// --- Approval, publication, withdrawal -----------------------------------------------------------

/** Returning needs the note that says why; approving may carry one. */
export function approvalFaults(approved: boolean, note: string): Record<string, string> {
  const n = chars(note)
  if (!approved && n === 0) return { note: 'required' }
  if (n > 2000) return { note: 'length' }
  return {}
}

export function approvalBody(revision: number, approved: boolean, note: string): Schemas['ItemApprovalRequest'] {
  return { revision, approved, note: note.trim() || null }
}

/** A correction (the item already has its index number) says what it changed, 2–2000 characters. */
export function publishFaults(d: Pick<Item, 'index_number'>, note: string): Record<string, string> {
  if (!isCorrection(d)) return {}
  const n = chars(note)
  if (n === 0) return { correction_note: 'required' }
  if (n < 2 || n > 2000) return { correction_note: 'length' }
  return {}
}

export function publishBody(d: Pick<Item, 'index_number' | 'revision'>, note: string): Schemas['PublishRequest'] {
  return { revision: d.revision, correction_note: isCorrection(d) ? note.trim() : null }
}

export function withdrawFaults(reason: string): Record<string, string> {
  const n = chars(reason)
  if (n === 0) return { reason: 'required' }
  if (n < 2 || n > 2000) return { reason: 'length' }
  return {}
}

// --- Repeal of a rule or normative document ------------------------------------------------------

export interface RepealForm {
  repealed_on: string
  /** The repealing decision: its 文号 or title. */
  note: string
}

export function emptyRepeal(today: string): RepealForm {
  return { repealed_on: today, note: '' }
}

/** Repealed on a day between its formation and today, by a decision named in 2–500 characters. */
export function repealFaults(f: RepealForm, formedOn: string, today: string): Record<string, string> {
  const faults: Record<string, string> = {}
  if (!f.repealed_on) faults.repealed_on = 'required'
  else if (f.repealed_on > today) faults.repealed_on = 'in_future'
  else if (f.repealed_on < formedOn) faults.repealed_on = 'before_formed'
  const n = chars(f.note)
  if (n === 0) faults.note = 'required'
  else if (n < 2 || n > 500) faults.note = 'length'
  return faults
}

export function repealBody(f: RepealForm): Schemas['RepealRequest'] {
  return { repealed_on: f.repealed_on, note: f.note.trim() }
}

// --- Re-evaluation of a withheld item (Art. 18, SR 8(2)) -----------------------------------------

export const REEVALUATION_OUTCOMES: ReevaluationOutcome[] = ['keep', 'change', 'reopen']

export interface ReevaluationForm {
  outcome: ReevaluationOutcome | null
  classification_level: string
  /** Blank: a term without end (长期). */
  classified_until: string
  note: string
}

/** The form starts from the item's own level and term, which a change then edits. */
export function emptyReevaluation(d: Pick<Item, 'classification_level' | 'classified_until'>): ReevaluationForm {
  return { outcome: null, classification_level: d.classification_level ?? '', classified_until: d.classified_until ?? '', note: '' }
}

/** A state secret's term that ended before today: the law declassifies it unless the term is changed. */
export function termEnded(d: Pick<Item, 'classification_level' | 'classified_until'>, today: string): boolean {
  return !!d.classification_level && !!d.classified_until && d.classified_until < today
}

/** The outcomes open for this item: a change of level or term only for a state secret; keeping it only while its term runs. */
export function reevaluationOutcomes(d: Pick<Item, 'classification_level' | 'classified_until'>, today: string): ReevaluationOutcome[] {
  return REEVALUATION_OUTCOMES.filter((o) => (o !== 'change' || !!d.classification_level) && (o !== 'keep' || !termEnded(d, today)))
}

/** A past day by which a re-evaluation or term review was due. */
export function dueOverdue(due: string | null | undefined, today: string): boolean {
  return !!due && due < today
}

export function reevaluationFaults(f: ReevaluationForm, d: Pick<Item, 'classification_level' | 'classified_until'>, today: string): Record<string, string> {
  const faults: Record<string, string> = {}
  if (!f.outcome) faults.outcome = 'required'
  else if (f.outcome === 'keep' && termEnded(d, today)) faults.classified_until = 'term_ended'
  else if (f.outcome === 'change') {
    if (!d.classification_level) faults.outcome = 'not_allowed'
    else {
      if (!CLASSIFICATION_LEVELS.includes(f.classification_level as (typeof CLASSIFICATION_LEVELS)[number])) faults.classification_level = 'required'
      if (f.classified_until && f.classified_until <= today) faults.classified_until = 'not_after_today'
    }
  }
  const n = chars(f.note)
  if (n === 0) faults.note = 'required'
  else if (n < 2 || n > 2000) faults.note = 'length'
  return faults
}

/** Only a change carries a level and a term; keeping or reopening leaves them to the server. */
export function reevaluationBody(f: ReevaluationForm & { outcome: ReevaluationOutcome }): Schemas['ReevaluationRequest'] {
  const change = f.outcome === 'change'
  return {
    outcome: f.outcome,
    classification_level: change ? f.classification_level : null,
    classified_until: change ? f.classified_until || null : null,
    note: f.note.trim(),
  }
}

/** A level and term as the history shows them: `机密 · 2030-12-31`, `机密 · 长期`, or nothing. */
export function classificationText(level: string | null | undefined, until: string | null | undefined): string {
  if (!level) return ''
  return `${level} · ${until ?? t('item.termOpen')}`
}

// --- History -------------------------------------------------------------------------------------

export function eventLabel(kind: string): string {
  const key = `item.event.${kind}` as MessageKey
  const text = t(key)
  return text === key ? kind : text
}

function details(e: Pick<ItemEvent, 'details'>): Record<string, unknown> {
  return (e.details ?? {}) as Record<string, unknown>
}

const str = (v: unknown) => (typeof v === 'string' ? v : '')

/** What the history says of a step beyond its name: the note, reason, answer or what was masked. */
export function eventNote(e: Pick<ItemEvent, 'kind' | 'details'>): string {
  const d = details(e)
  switch (e.kind) {
    case 'masked': {
      const field = str(d.field) as ItemField
      const kind = str(d.kind) as HitKind
      if (!field || !kind) return ''
      return t('item.maskedNote', { field: fieldLabel(field), kind: hitKindLabel(kind), mask: str(d.masked_as) })
    }
    case 'consulted':
      return PARTIES.includes(str(d.party) as Party) ? t('item.consultedNote', { party: partyLabel(str(d.party) as Party), by: str(d.answer_by) }) : ''
    case 'referral_answered':
      return [OPINIONS.includes(str(d.opinion) as Opinion) ? opinionLabel(str(d.opinion) as Opinion) : '', str(d.answer)].filter(Boolean).join('：')
    case 'consultation_closed':
      return OPINIONS.includes(str(d.opinion) as Opinion) ? opinionLabel(str(d.opinion) as Opinion) : str(d.note)
    case 'published':
    case 'corrected':
      return [str(d.index_number), str(d.note)].filter(Boolean).join(' · ')
    case 'withdrawn':
      return str(d.reason)
    case 'attached':
    case 'detached':
      return str(d.file_name)
    case 'repealed':
      return [str(d.repealed_on), str(d.note)].filter(Boolean).join(' · ')
    case 'reevaluated':
      return REEVALUATION_OUTCOMES.includes(str(d.outcome) as ReevaluationOutcome) ? reevaluationOutcomeLabel(str(d.outcome) as ReevaluationOutcome) : ''
    case 'approval_returned':
      return str(d.note)
    case 'drafted':
    case 'approved':
      return ATTRIBUTES.includes(str(d.attribute) as Attribute) ? attributeLabel(str(d.attribute) as Attribute) : ''
    default:
      return ''
  }
}

/** A change of a published item, as the public catalogue lists it. */
export function changeLabel(kind: string): string {
  const key = `catalogue.change.${kind}` as MessageKey
  const text = t(key)
  return text === key ? kind : text
}

// --- The sensitive-word list and the catalogue headings ------------------------------------------

/** Words typed one a line: trimmed, blank lines dropped, each word once. */
export function parseWords(text: string): string[] {
  const seen = new Set<string>()
  for (const line of text.split(/\r?\n/)) {
    const w = line.trim()
    if (w) seen.add(w)
  }
  return [...seen]
}

export function wordFaults(words: readonly string[], note: string): Record<string, string> {
  const faults: Record<string, string> = {}
  if (words.length === 0) faults.words = 'required'
  else if (words.length > 1000) faults.words = 'too_many'
  else if (words.some((w) => [...w].length > 50)) faults.words = 'word_length'
  if (chars(note) > 200) faults.note = 'length'
  return faults
}

export interface HeadingForm {
  name: string
  name_en: string
  category: Category | ''
  /** Blank: Art. 26's 20 working days. */
  publish_within_days: number | null
  /** Calendar days within which each unit publishing under it must publish again (AC 6(1)); blank: no period. */
  update_every_days: number | null
  position: number
  active: boolean
}

export function emptyHeading(position = 0): HeadingForm {
  return { name: '', name_en: '', category: '', publish_within_days: null, update_every_days: null, position, active: true }
}

export function headingFormOf(h: Heading): HeadingForm {
  return {
    name: h.name,
    name_en: h.name_en,
    category: h.category,
    publish_within_days: h.publish_within_days ?? null,
    update_every_days: h.update_every_days ?? null,
    position: h.position,
    active: h.active,
  }
}

/** The shortest and longest update period a heading takes, in calendar days. */
export const MIN_UPDATE_DAYS = 7
export const MAX_UPDATE_DAYS = 366

export function headingFaults(f: HeadingForm): Record<string, string> {
  const faults: Record<string, string> = {}
  const n = chars(f.name)
  if (n === 0) faults.name = 'required'
  else if (n < 2 || n > 100) faults.name = 'length'
  if (chars(f.name_en) > 100) faults.name_en = 'length'
  if (!f.category) faults.category = 'required'
  const days = f.publish_within_days
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > 20)) faults.publish_within_days = 'days_range'
  const every = f.update_every_days
  if (every !== null && every !== undefined && (!Number.isInteger(every) || every < MIN_UPDATE_DAYS || every > MAX_UPDATE_DAYS)) faults.update_every_days = 'every_range'
  if (!Number.isInteger(f.position) || f.position < 0 || f.position > 9999) faults.position = 'position_range'
  return faults
}

export function headingBody(f: HeadingForm): Schemas['HeadingRequest'] {
  return {
    name: f.name.trim(),
    name_en: f.name_en.trim(),
    category: f.category as Category,
    publish_within_days: f.publish_within_days,
    update_every_days: f.update_every_days ?? null,
    position: f.position,
    active: f.active,
  }
}

/** A heading's name in the current language (its Chinese name when it has no English one). */
export function headingName(h: Pick<Heading, 'name' | 'name_en'>, english: boolean): string {
  return english && h.name_en ? h.name_en : h.name
}

// --- Files attached to an item -------------------------------------------------------------------

export const UNREADABLE: Unreadable[] = ['image', 'no_text_layer', 'encrypted', 'damaged']
export const unreadableLabel = (u: Unreadable | null | undefined) => (u ? t(`ia.unreadable.${u}` as MessageKey) : '')

/** The server's limit on one file. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
/** What an item may carry: the server types a file from its bytes, the browser from its name. */
export const ATTACHMENT_TYPES: { extensions: string[]; mime: string; label: string }[] = [
  { extensions: ['.pdf'], mime: 'application/pdf', label: 'PDF' },
  { extensions: ['.docx'], mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word' },
  { extensions: ['.xlsx'], mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel' },
  { extensions: ['.jpg', '.jpeg'], mime: 'image/jpeg', label: 'JPEG' },
  { extensions: ['.png'], mime: 'image/png', label: 'PNG' },
]
/** The file input's `accept`. */
export const ATTACHMENT_ACCEPT = ATTACHMENT_TYPES.flatMap((k) => [...k.extensions, k.mime]).join(',')

/** The fault of a file the server would refuse, by its name (or type) and size; null when it may go. */
export function attachmentFault(file: { name: string; type?: string; size: number }): 'attachment_type' | 'attachment_size' | 'attachment_empty' | null {
  const name = file.name.toLowerCase()
  const known = ATTACHMENT_TYPES.some((k) => k.extensions.some((e) => name.endsWith(e)) || (!!file.type && k.mime === file.type))
  if (!known) return 'attachment_type'
  if (file.size === 0) return 'attachment_empty'
  if (file.size > MAX_ATTACHMENT_BYTES) return 'attachment_size'
  return null
}

/** A file's kind in a word (PDF, Word, Excel, JPEG, PNG), from the type the server found. */
export function attachmentTypeLabel(contentType: string): string {
  return ATTACHMENT_TYPES.find((k) => k.mime === contentType)?.label ?? contentType
}

/** The files the scan could not read: the reviewer checks them by eye. */
export function unreadableFiles(attachments: readonly ItemAttachment[]): ItemAttachment[] {
  return attachments.filter((a) => !!a.unreadable)
}

/** Where the public downloads a file of a published item. */
export function publicAttachmentHref(itemId: string, attachmentId: string): string {
  return `/api/v1/public/catalogue/${encodeURIComponent(itemId)}/attachments/${encodeURIComponent(attachmentId)}`
}

// --- Catalogue freshness (AC 6(1)) ---------------------------------------------------------------

export type FreshnessState = 'none' | 'running' | 'soon' | 'overdue'
/** Days before the last day from which a heading is due soon. */
export const FRESHNESS_SOON_DAYS = 7

/** Whole days from one date to another (YYYY-MM-DD), negative when the second is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/**
 * Where the unit stands under a heading with an update period: within it, due within a week, or
 * overdue — its last day has passed, or the period ran out and the clocks closed it (no last day).
 */
export function freshnessState(f: Pick<Freshness, 'update_every_days' | 'publish_again_by'>, today: string): FreshnessState {
  if (!f.update_every_days) return 'none'
  if (!f.publish_again_by || f.publish_again_by < today) return 'overdue'
  return daysBetween(today, f.publish_again_by) <= FRESHNESS_SOON_DAYS ? 'soon' : 'running'
}

export function freshnessTag(s: FreshnessState): 'info' | 'success' | 'warning' | 'danger' {
  return s === 'overdue' ? 'danger' : s === 'soon' ? 'warning' : s === 'running' ? 'success' : 'info'
}

/** Overdue headings first, then by their last day. */
export function sortFreshness<T extends Pick<Freshness, 'update_every_days' | 'publish_again_by' | 'heading_name'>>(rows: readonly T[], today: string): T[] {
  const rank = (r: T) => (freshnessState(r, today) === 'overdue' ? 0 : 1)
  return [...rows].sort((a, b) => rank(a) - rank(b) || (a.publish_again_by ?? '').localeCompare(b.publish_again_by ?? '') || a.heading_name.localeCompare(b.heading_name))
}
