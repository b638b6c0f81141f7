import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { RouterView, createMemoryHistory, createRouter } from 'vue-router'
import {
  ATTRIBUTES,
  CATEGORIES,
  DOMAINS,
  GROUNDS,
  HIT_KINDS,
  ITEM_STATUSES,
  approvalFaults,
  answerFaults,
  attributeLabel,
  bureauBody,
  bureauFaults,
  categoryLabel,
  changeLabel,
  consultBody,
  consultFaults,
  consultationControl,
  contextParts,
  domainLabel,
  draftBody,
  draftFaults,
  emptyChecklist,
  emptyDraft,
  eventLabel,
  eventNote,
  groundLabel,
  groundsFor,
  headingBody,
  headingFaults,
  headingsFor,
  hitCounts,
  hitKindLabel,
  isClassified,
  itemActions,
  itemCapabilities,
  itemStage,
  itemStatusLabel,
  itemStatusTag,
  maskBody,
  newItemRoute,
  parseWords,
  publishBody,
  publishFaults,
  publishOverdue,
  reviewBody,
  reviewFaults,
  withdrawFaults,
  wordFaults,
  type DraftForm,
  type Heading,
  type Hit,
  type ItemCapabilities,
  type ItemFacts,
} from '../common/items'
import { setLocale } from '../i18n'
import HitsPanel from '../console/pages/items/HitsPanel.vue'
import ReviewPanel from '../console/pages/items/ReviewPanel.vue'
import ItemReferralCard from '../console/pages/secrecy/ItemReferralCard.vue'
import CatalogueItem from '../portal/pages/CatalogueItem.vue'
import Edit from '../console/pages/items/Edit.vue'
import SuggestionCard from '../console/pages/applications/SuggestionCard.vue'
import type { Item } from '../console/pages/items/action'

afterEach(() => {
  vi.unstubAllGlobals()
  setLocale('zh')
})

/** Mounts the router's current page. */
const Host = defineComponent({ setup: () => () => h(RouterView) })
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const sorted = (s: Set<string>) => [...s].sort()
const TODAY = '2026-12-10'

const none: ItemCapabilities = { canDraft: false, canReview: false, canApprove: false, canPublish: false }
/** A demo handler: drafts, publishes, and is the unit's designated secrecy reviewer. */
const handler: ItemCapabilities = { canDraft: true, canReview: true, canApprove: false, canPublish: true }
/** A demo leader: everything a handler does (not designated reviewer) and approves. */
const leader: ItemCapabilities = { canDraft: true, canReview: false, canApprove: true, canPublish: true }

const hit = (over: Partial<Hit> = {}): Hit => ({
  field: 'body',
  kind: 'mobile',
  start: 30,
  end: 41,
  text: '13812345678',
  context: '联系电话：【13812345678】，欢迎来电',
  mask: '138****5678',
  ...over,
})

const facts = (over: Partial<ItemFacts> = {}): ItemFacts => ({
  status: 'draft',
  attribute: 'proactive',
  hits: [],
  consultations: [],
  first_published_on: null,
  bound_not_to_disclose: false,
  ...over,
})

const consultation = (over: Record<string, unknown> = {}) =>
  ({
    id: 'c-1',
    item_id: 'i-1',
    unit_id: 'u-1',
    party: 'secrecy_bureau',
    party_name: '永吉县保密局',
    question: '是否可以公开？',
    revision: 3,
    started_on: '2026-12-01',
    answer_by: '2026-12-08',
    status: 'open',
    ...over,
  }) as Item['consultations'][number]

describe('labels', () => {
  it('names the sixteen categories of Arts. 20–21 in Chinese and English', () => {
    setLocale('zh')
    expect(CATEGORIES).toHaveLength(16)
    expect(categoryLabel('normative_documents')).toBe('行政法规、规章和规范性文件')
    expect(categoryLabel('budget')).toBe('财政预算、决算')
    expect(categoryLabel('local_affairs')).toBe('市政建设、公共服务、土地征收、社会救助等（县、乡级）')
    expect(new Set(CATEGORIES.map(categoryLabel)).size).toBe(16)
    setLocale('en')
    expect(categoryLabel('procurement')).toBe('Government procurement')
  })

  it('names statuses, attributes, grounds, hit kinds and domains', () => {
    setLocale('zh')
    expect(ITEM_STATUSES.map(itemStatusLabel)).toEqual(['起草中', '待保密审查', '请示/征求意见中', '审查通过，待审批', '已批准，待发布', '已发布', '已审批归档（不发布）', '已撤回'])
    expect(ATTRIBUTES.map(attributeLabel)).toEqual(['主动公开', '依申请公开', '不予公开'])
    expect(groundLabel('state_secret')).toBe('属于国家秘密')
    expect(groundLabel('process_information')).toBe('过程性信息')
    expect(GROUNDS).toHaveLength(8)
    expect(HIT_KINDS.map(hitKindLabel)).toEqual(['身份证号码', '手机号码', '银行卡号', '统一社会信用代码', '住址', '密级标志', '敏感词'])
    expect(DOMAINS.map(domainLabel)).toEqual(['农产品质量安全', '重大传染病疫情', '重大动物疫情', '重要地理信息数据', '统计信息'])
    expect(eventLabel('review_passed')).toBe('保密审查通过')
    expect(eventLabel('something_new')).toBe('something_new')
    expect(changeLabel('corrected')).toBe('更正')
    setLocale('en')
    expect(itemStatusLabel('in_review')).toBe('Awaiting secrecy review')
    expect(hitKindLabel('id_number')).toBe('ID number')
  })

  it('tags the statuses', () => {
    expect(ITEM_STATUSES.map(itemStatusTag)).toEqual(['info', 'warning', 'warning', 'warning', 'primary', 'success', 'info', 'danger'])
  })
})

describe('where an item stands', () => {
  it('puts each status on draft → review → approval → publication', () => {
    expect(itemStage('draft')).toEqual({ active: 0, step: 'draft', waiting: false, end: null })
    expect(itemStage('in_review')).toEqual({ active: 1, step: 'review', waiting: false, end: null })
    expect(itemStage('consulting')).toEqual({ active: 1, step: 'review', waiting: true, end: null })
    expect(itemStage('reviewed')).toEqual({ active: 2, step: 'approval', waiting: false, end: null })
    expect(itemStage('approved')).toEqual({ active: 3, step: 'publication', waiting: false, end: null })
    expect(itemStage('published')).toEqual({ active: 4, step: null, waiting: false, end: 'published' })
    expect(itemStage('filed')).toEqual({ active: 4, step: null, waiting: false, end: 'filed' })
    expect(itemStage('withdrawn')).toEqual({ active: 4, step: null, waiting: false, end: 'withdrawn' })
  })

  it('says when Art. 26’s last day has passed', () => {
    expect(publishOverdue('2026-12-09', TODAY)).toBe(true)
    expect(publishOverdue('2026-12-10', TODAY)).toBe(false)
    expect(publishOverdue(null, TODAY)).toBe(false)
  })
})

describe('which steps a person may take', () => {
  it('derives the capabilities from permissions and the reviewer designation', () => {
    const perms = new Set(['item.read', 'item.draft', 'item.review', 'item.publish'])
    expect(itemCapabilities(perms, new Set(['secrecy_reviewer']))).toEqual(handler)
    // item.review alone is not enough: the principal leader designates the reviewer (SR 5).
    expect(itemCapabilities(perms, new Set()).canReview).toBe(false)
    expect(itemCapabilities(new Set(['item.read']), new Set(['secrecy_reviewer']))).toEqual(none)
  })

  it('lets the drafter change, mask and submit a draft', () => {
    expect(sorted(itemActions(facts({ hits: [hit()] }), handler, TODAY))).toEqual(['edit', 'mask', 'submit'])
    // A classification mark cannot be masked: nothing to mask.
    expect(sorted(itemActions(facts({ hits: [hit({ kind: 'classification_mark', mask: null })] }), handler, TODAY))).toEqual(['edit', 'submit'])
    expect(sorted(itemActions(facts(), none, TODAY))).toEqual([])
  })

  it('gives the review and referrals to the designated reviewer only', () => {
    expect(sorted(itemActions(facts({ status: 'in_review' }), handler, TODAY))).toEqual(['consult', 'edit', 'review'])
    expect(sorted(itemActions(facts({ status: 'in_review' }), leader, TODAY))).toEqual(['edit'])
  })

  it('holds an item while it is consulted: no change, no review, only more referrals', () => {
    const open = facts({ status: 'consulting', consultations: [consultation({ answer_by: '2026-12-15' })] })
    expect(sorted(itemActions(open, handler, TODAY))).toEqual(['consult'])
    // A department's answer is recorded by the unit.
    const dept = facts({ status: 'consulting', consultations: [consultation({ party: 'competent_department', party_name: '县农业农村局' })] })
    expect(sorted(itemActions(dept, handler, TODAY))).toEqual(['consult', 'record_answer'])
  })

  it('records that the bureau let its period pass, only after the last day', () => {
    expect(consultationControl(consultation({ answer_by: '2026-12-10' }), true, TODAY)).toBe('none')
    expect(consultationControl(consultation({ answer_by: '2026-12-09' }), true, TODAY)).toBe('lapse')
    expect(consultationControl(consultation({ party: 'right_holder' }), true, TODAY)).toBe('answer')
    expect(consultationControl(consultation({ party: 'right_holder', status: 'answered' }), true, TODAY)).toBe('none')
    expect(consultationControl(consultation({ party: 'right_holder' }), false, TODAY)).toBe('none')
  })

  it('lets the leader approve, and publish what was approved unless the bureau bound it', () => {
    expect(sorted(itemActions(facts({ status: 'reviewed' }), leader, TODAY))).toEqual(['approve', 'edit'])
    expect(sorted(itemActions(facts({ status: 'reviewed' }), handler, TODAY))).toEqual(['edit'])
    expect(sorted(itemActions(facts({ status: 'approved' }), handler, TODAY))).toEqual(['edit', 'publish'])
    expect(sorted(itemActions(facts({ status: 'approved', bound_not_to_disclose: true }), handler, TODAY))).toEqual(['edit'])
    expect(sorted(itemActions(facts({ status: 'approved', attribute: 'on_application' }), handler, TODAY))).toEqual(['edit'])
  })

  it('lets the leader withdraw what was ever published, once', () => {
    expect(sorted(itemActions(facts({ status: 'published', first_published_on: '2026-12-01' }), leader, TODAY))).toEqual(['edit', 'withdraw'])
    expect(sorted(itemActions(facts({ status: 'published', first_published_on: '2026-12-01' }), handler, TODAY))).toEqual(['edit'])
    expect(sorted(itemActions(facts({ status: 'withdrawn', first_published_on: '2026-12-01' }), leader, TODAY))).toEqual(['edit'])
    // A correction under way keeps the withdrawal open.
    expect(sorted(itemActions(facts({ status: 'draft', first_published_on: '2026-12-01' }), leader, TODAY))).toEqual(['edit', 'submit', 'withdraw'])
  })
})

describe('the drafting form', () => {
  const form = (over: Partial<DraftForm> = {}): DraftForm => ({ ...emptyDraft(TODAY), title: '关于2026年冬季供暖的通告', body: '正文', category: 'local_affairs', ...over })
  const heading = (over: Partial<Heading> = {}): Heading => ({ id: 'h-1', name: '通知公告', name_en: 'Notices', category: 'local_affairs', position: 10, active: true, publish_within_days: 5, ...over })

  it('starts proactive, formed today, titled by an Art. 44 topic', () => {
    const f = emptyDraft(TODAY, ' 2026年农村公路建设项目招标结果 ')
    expect(f.title).toBe('2026年农村公路建设项目招标结果')
    expect(f.attribute).toBe('proactive')
    expect(f.formed_on).toBe(TODAY)
    expect(newItemRoute('u-1', { id: 's-1', topic: '招标结果' })).toEqual({ path: '/items/u-1/new', query: { suggestion_id: 's-1', topic: '招标结果' } })
    expect(newItemRoute('u-1')).toEqual({ path: '/items/u-1/new', query: {} })
  })

  it('finds what the server would refuse', () => {
    expect(draftFaults(emptyDraft(TODAY), TODAY)).toEqual({ title: 'required', body: 'required', category: 'required' })
    expect(draftFaults(form({ title: '通', formed_on: '2026-12-11', valid_from: '2026-12-01', valid_until: '2026-11-30' }), TODAY)).toEqual({
      title: 'length',
      formed_on: 'in_future',
      valid_until: 'before_start',
    })
    expect(draftFaults(form({ attribute: 'not_disclosed' }), TODAY)).toEqual({ ground: 'required', attribute_reason: 'required' })
    // Art. 27's ground is only for the on-application attribute.
    expect(draftFaults(form({ attribute: 'not_disclosed', ground: 'outside_proactive_scope', attribute_reason: '理由' }), TODAY)).toEqual({ ground: 'required' })
    expect(draftFaults(form({ attribute: 'not_disclosed', ground: 'state_secret', attribute_reason: '涉密' }), TODAY)).toEqual({ classification_level: 'required' })
    expect(draftFaults(form({ sensitive_domains: ['statistics'] }), TODAY)).toEqual({ domain_authority: 'required', domain_procedure: 'required' })
    expect(draftFaults(form({ heading_id: 'h-1', category: 'budget' }), TODAY, [heading()])).toEqual({ heading_id: 'category_mismatch' })
    expect(draftFaults(form({ heading_id: 'h-1' }), TODAY, [heading()])).toEqual({})
  })

  it('offers the grounds each attribute takes, and headings of the category in use', () => {
    expect(groundsFor('proactive')).toEqual([])
    expect(groundsFor('on_application')).toHaveLength(8)
    expect(groundsFor('not_disclosed')).not.toContain('outside_proactive_scope')
    expect(isClassified({ attribute: 'not_disclosed', ground: 'state_secret' })).toBe(true)
    expect(isClassified({ attribute: 'on_application', ground: 'state_secret' })).toBe(false)
    const list = [heading(), heading({ id: 'h-2', active: false }), heading({ id: 'h-3', category: 'budget' })]
    expect(headingsFor(list, 'local_affairs').map((h) => h.id)).toEqual(['h-1'])
    expect(headingsFor(list, '')).toEqual([])
  })

  it('sends only what the attribute takes', () => {
    const proactive = form({ ground: 'internal_affairs', attribute_reason: '旧理由', classification_level: '秘密', doc_number: '  永政发〔2026〕1号 ', summary: ' 概述 ' })
    expect(draftBody(proactive)).toEqual({
      title: '关于2026年冬季供暖的通告',
      summary: '概述',
      body: '正文',
      category: 'local_affairs',
      heading_id: null,
      formed_on: TODAY,
      doc_number: '永政发〔2026〕1号',
      valid_from: null,
      valid_until: null,
      attribute: 'proactive',
      ground: null,
      attribute_reason: null,
      sensitive_domains: [],
      domain_authority: null,
      domain_procedure: null,
      classification_level: null,
      classified_until: null,
      report_kind: null,
      decisions: null,
      amount_fen: null,
    })
    const secret = draftBody(form({ attribute: 'not_disclosed', ground: 'state_secret', attribute_reason: ' 定密 ', classification_level: '机密', classified_until: '2036-12-31', sensitive_domains: ['geographic_data'], domain_authority: ' 县自然资源局 ', domain_procedure: '审核' }))
    expect(secret).toMatchObject({ ground: 'state_secret', attribute_reason: '定密', classification_level: '机密', classified_until: '2036-12-31', domain_authority: '县自然资源局', domain_procedure: '审核' })
  })
})

describe('the scan and masking', () => {
  it('cuts the context around the finding', () => {
    expect(contextParts('联系电话：【13812345678】，欢迎来电')).toEqual({ before: '联系电话：', hit: '13812345678', after: '，欢迎来电' })
    expect(contextParts('no marks')).toEqual({ before: '', hit: 'no marks', after: '' })
  })

  it('masks a hit as the scan reported it on this revision', () => {
    expect(maskBody(hit(), 4)).toEqual({ revision: 4, field: 'body', kind: 'mobile', start: 30, end: 41 })
  })

  it('counts the findings by kind', () => {
    expect(hitCounts([hit(), hit({ kind: 'id_number' }), hit()])).toEqual([
      ['id_number', 1],
      ['mobile', 2],
    ])
  })

  it('says what was masked in the history, never the original', () => {
    setLocale('zh')
    expect(eventNote({ kind: 'masked', details: { field: 'body', kind: 'id_number', masked_as: '220***********4529' } as never })).toBe('正文中的身份证号码已遮盖为 220***********4529')
    expect(eventNote({ kind: 'withdrawn', details: { reason: '已失效' } as never })).toBe('已失效')
    expect(eventNote({ kind: 'referral_answered', details: { opinion: 'may_disclose', answer: '不涉密' } as never })).toBe('可以公开：不涉密')
    expect(eventNote({ kind: 'published', details: { index_number: '112202216197267615/2026-00001', note: null } as never })).toBe('112202216197267615/2026-00001')
  })
})

describe('the secrecy review', () => {
  const complete = { no_state_secret: true, no_security_risk: true, sensitive_domains_cleared: true, remaining_hits_lawful: true, attribute_confirmed: true, third_party: 'masked' as const }

  it('needs the third-party finding and findings either way', () => {
    expect(reviewFaults(emptyChecklist(), '', false, 'proactive', 0)).toEqual({ findings: 'required', 'checklist.third_party': 'required' })
    expect(reviewFaults({ ...emptyChecklist(), third_party: 'none' }, '含手机号，请遮盖', false, 'proactive', 0)).toEqual({})
  })

  it('passes a proactive item only with every point and no classification mark', () => {
    expect(reviewFaults({ ...emptyChecklist(), third_party: 'none' }, '意见', true, 'proactive', 0)).toEqual({
      'checklist.attribute_confirmed': 'unchecked',
      'checklist.no_state_secret': 'unchecked',
      'checklist.no_security_risk': 'unchecked',
      'checklist.sensitive_domains_cleared': 'unchecked',
      'checklist.remaining_hits_lawful': 'unchecked',
    })
    expect(reviewFaults(complete, '意见', true, 'proactive', 1)).toEqual({ marks: 'classification_mark' })
    expect(reviewFaults({ ...complete, third_party: 'consult_needed' }, '意见', true, 'proactive', 0)).toEqual({ 'checklist.third_party': 'consult_first' })
    expect(reviewFaults(complete, '意见', true, 'proactive', 0)).toEqual({})
  })

  it('passes a withheld item on the attribute confirmed alone', () => {
    expect(reviewFaults({ ...emptyChecklist(), attribute_confirmed: true, third_party: 'none' }, '意见', true, 'not_disclosed', 2)).toEqual({})
  })

  it('sends the checklist as answered', () => {
    expect(reviewBody(5, true, complete, ' 已核实 ')).toEqual({
      revision: 5,
      passed: true,
      checklist: { no_state_secret: true, no_security_risk: true, sensitive_domains_cleared: true, remaining_hits_lawful: true, attribute_confirmed: true, third_party: 'masked' },
      findings: '已核实',
    })
  })
})

describe('consultations and the bureau', () => {
  it('asks a department or right holder by name, the bureau without', () => {
    expect(consultFaults({ party: 'right_holder', party_name: '', question: '' })).toEqual({ party_name: 'required', question: 'required' })
    expect(consultFaults({ party: 'secrecy_bureau', party_name: '', question: '是否涉密？' })).toEqual({})
    expect(consultBody({ party: 'secrecy_bureau', party_name: '某人', question: ' 是否涉密？ ' })).toEqual({ party: 'secrecy_bureau', party_name: '', question: '是否涉密？' })
  })

  it('records an answer with its text, or no opinion once the period is over', () => {
    const c = { started_on: '2026-12-01', answer_by: '2026-12-20', party: 'right_holder' as const }
    expect(answerFaults({ opinion: 'in_part', answer: '', answered_on: TODAY }, c, TODAY)).toEqual({ answer: 'required' })
    expect(answerFaults({ opinion: null, answer: '', answered_on: TODAY }, c, TODAY)).toEqual({ opinion: 'required' })
    expect(answerFaults({ opinion: null, answer: '', answered_on: TODAY }, { ...c, answer_by: '2026-12-09' }, TODAY)).toEqual({})
    expect(answerFaults({ opinion: 'may_disclose', answer: '同意', answered_on: '2026-11-30' }, c, TODAY)).toEqual({ answered_on: 'out_of_range' })
  })

  it('gives "must not" its ground, a state secret unless chosen', () => {
    expect(bureauFaults({ opinion: null, answer: '', ground: '' })).toEqual({ opinion: 'required', answer: 'required' })
    expect(bureauBody({ opinion: 'must_not', answer: ' 涉密 ', ground: '' })).toEqual({ opinion: 'must_not', answer: '涉密', ground: 'state_secret' })
    expect(bureauBody({ opinion: 'must_not', answer: '危及稳定', ground: 'security_stability' })).toEqual({ opinion: 'must_not', answer: '危及稳定', ground: 'security_stability' })
    expect(bureauBody({ opinion: 'may_disclose', answer: '不涉密', ground: 'state_secret' })).toEqual({ opinion: 'may_disclose', answer: '不涉密', ground: null })
  })
})

describe('approval, publication and withdrawal', () => {
  it('needs a note to return, a correction note to republish, a reason to withdraw', () => {
    expect(approvalFaults(false, ' ')).toEqual({ note: 'required' })
    expect(approvalFaults(true, '')).toEqual({})
    expect(publishFaults({ index_number: null }, '')).toEqual({})
    expect(publishFaults({ index_number: '112202216197267615/2026-00001' }, '')).toEqual({ correction_note: 'required' })
    expect(publishBody({ index_number: null, revision: 7 }, '忽略')).toEqual({ revision: 7, correction_note: null })
    expect(publishBody({ index_number: 'X/2026-00001', revision: 9 }, ' 更正金额 ')).toEqual({ revision: 9, correction_note: '更正金额' })
    expect(withdrawFaults('')).toEqual({ reason: 'required' })
    expect(withdrawFaults('已失效')).toEqual({})
  })
})

describe('the sensitive-word list and the headings', () => {
  it('reads words one a line, each once', () => {
    expect(parseWords(' 内部资料 \r\n\n绝密文件\n内部资料\n  ')).toEqual(['内部资料', '绝密文件'])
    expect(wordFaults([], '')).toEqual({ words: 'required' })
    expect(wordFaults(['字'.repeat(51)], '')).toEqual({ words: 'word_length' })
    expect(wordFaults(Array.from({ length: 1001 }, (_, i) => `w${i}`), '')).toEqual({ words: 'too_many' })
    expect(wordFaults(['内部资料'], '')).toEqual({})
  })

  it('keeps a heading’s limit within Art. 26’s 20 working days', () => {
    expect(headingFaults({ name: '', name_en: '', category: '', publish_within_days: 21, update_every_days: null, position: -1, active: true })).toEqual({
      name: 'required',
      category: 'required',
      publish_within_days: 'days_range',
      position: 'position_range',
    })
    const ok = { name: ' 财政预决算 ', name_en: ' Budgets ', category: 'budget' as const, publish_within_days: null, update_every_days: null, position: 20, active: false }
    expect(headingFaults(ok)).toEqual({})
    expect(headingBody(ok)).toEqual({ name: '财政预决算', name_en: 'Budgets', category: 'budget', publish_within_days: null, update_every_days: null, position: 20, active: false })
  })
})

function item(over: Partial<Item> = {}): Item {
  return {
    id: 'i-1',
    unit_id: 'u-1',
    title: '口前镇2026年临时救助名单',
    summary: '',
    body: '张三，身份证号220221199003074529，电话13812345678。',
    category: 'local_affairs',
    formed_on: '2026-12-01',
    attribute: 'proactive',
    status: 'draft',
    revision: 3,
    hits: [
      hit({ kind: 'id_number', start: 18, end: 36, text: '220221199003074529', context: '张三，身份证号【220221199003074529】，电话13812345678。', mask: '220***********4529' }),
      hit({ start: 45, end: 56 }),
    ],
    reviews: [],
    consultations: [],
    events: [],
    versions: [],
    attachments: [],
    sensitive_domains: [],
    bound_not_to_disclose: false,
    drafter_id: 'p-1',
    created_at: '2026-12-01T00:00:00Z',
    updated_at: '2026-12-01T00:00:00Z',
    ...over,
  } as Item
}

describe('the hits panel', () => {
  it('shows each finding in its context and masks it with the offsets and revision', async () => {
    setLocale('zh')
    const seen: unknown[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        seen.push({ url: new URL(request.url).pathname, body: await request.json() })
        return json(item({ revision: 4, hits: [] }))
      }),
    )
    const wrapper = mount(HitsPanel, { props: { item: item(), canMask: true }, global: { plugins: [ElementPlus] } })
    const hits = wrapper.findAll('[data-test=hit]')
    expect(hits.map((h) => h.attributes('data-kind'))).toEqual(['id_number', 'mobile'])
    expect(hits[0].get('mark').text()).toBe('220221199003074529')
    expect(hits[0].get('[data-test=hit-mask-as]').text()).toBe('220***********4529')
    await hits[1].get('[data-test=hit-mask]').trigger('click')
    await flushPromises()
    expect(seen).toEqual([{ url: '/api/v1/units/u-1/items/i-1/mask', body: { revision: 3, field: 'body', kind: 'mobile', start: 45, end: 56 } }])
    expect(wrapper.emitted('updated')?.[0]?.[0]).toMatchObject({ revision: 4 })
    wrapper.unmount()
  })

  it('offers no mask for a classification mark, nor to someone who may not mask', () => {
    setLocale('zh')
    const mark = item({ hits: [hit({ kind: 'classification_mark', mask: null, text: '秘密★5年', context: '【秘密★5年】' })] })
    const wrapper = mount(HitsPanel, { props: { item: mark, canMask: true }, global: { plugins: [ElementPlus] } })
    expect(wrapper.find('[data-test=hit-mask]').exists()).toBe(false)
    expect(wrapper.get('[data-test=hit-mark]').text()).toBe('密级标志不能遮盖：请核实该信息是否属于国家秘密，并重新认定公开属性。')
    wrapper.unmount()
    const reader = mount(HitsPanel, { props: { item: item(), canMask: false }, global: { plugins: [ElementPlus] } })
    expect(reader.find('[data-test=hit-mask]').exists()).toBe(false)
    reader.unmount()
  })
})

describe('the review panel', () => {
  it('refuses to pass an incomplete checklist before sending, then sends the complete one', async () => {
    setLocale('zh')
    const seen: unknown[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        seen.push(await request.json())
        return json(item({ status: 'reviewed' }))
      }),
    )
    const wrapper = mount(ReviewPanel, { props: { item: item({ status: 'in_review', hits: [] }) }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await wrapper.get('[data-test=rv-pass]').trigger('click')
    await flushPromises()
    expect(seen).toHaveLength(0)
    await vi.waitFor(() => expect(wrapper.findAll('.el-form-item.is-error')).toHaveLength(7))
    for (const c of ['no_state_secret', 'no_security_risk', 'sensitive_domains_cleared', 'remaining_hits_lawful', 'attribute_confirmed']) {
      await wrapper.get(`[data-test=rv-${c}] input`).setValue(true)
    }
    await wrapper.get('[data-test=rv-third-masked] input').setValue(true)
    await wrapper.get('textarea[data-test=rv-findings]').setValue('个人信息已遮盖，不涉密。')
    await wrapper.get('[data-test=rv-pass]').trigger('click')
    await flushPromises()
    expect(seen).toEqual([
      {
        revision: 3,
        passed: true,
        checklist: { no_state_secret: true, no_security_risk: true, sensitive_domains_cleared: true, remaining_hits_lawful: true, attribute_confirmed: true, third_party: 'masked' },
        findings: '个人信息已遮盖，不涉密。',
      },
    ])
    wrapper.unmount()
  })
})

describe("the bureau's answer to a referral", () => {
  it('shows the masked body and sends "must not" with its ground', async () => {
    setLocale('zh')
    const referral = {
      id: 'r-1',
      item_id: 'i-1',
      unit_id: 'u-1',
      unit_name: '永吉县口前镇人民政府',
      question: '是否涉及国家秘密？',
      started_on: '2026-12-01',
      answer_by: '2026-12-08',
      status: 'open' as const,
      title: '某项目情况',
      summary: '',
      body: '张三，身份证号220***********4529。',
      attribute: 'proactive' as const,
    }
    const seen: unknown[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        seen.push(await request.json())
        return json({ ...referral, status: 'answered', opinion: 'must_not', answer: '涉密', answered_on: '2026-12-02' })
      }),
    )
    const wrapper = mount(ItemReferralCard, { props: { referral }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    expect(wrapper.get('[data-test=ir-body]').text()).toBe('张三，身份证号220***********4529。')
    await wrapper.get('[data-test=ir-form]').trigger('submit')
    await flushPromises()
    expect(seen).toHaveLength(0)
    await vi.waitFor(() => expect(wrapper.findAll('.el-form-item.is-error')).toHaveLength(2))
    await wrapper.get('[data-test=ir-opinion-must_not] input').setValue(true)
    await wrapper.get('textarea[data-test=ir-reasons]').setValue(' 涉及国家秘密。 ')
    await wrapper.get('[data-test=ir-form]').trigger('submit')
    await flushPromises()
    expect(seen).toEqual([{ opinion: 'must_not', answer: '涉及国家秘密。', ground: 'state_secret' }])
    expect(wrapper.emitted('answered')?.[0]?.[0]).toMatchObject({ status: 'answered' })
    wrapper.unmount()
  })
})

describe('the public catalogue item', () => {
  it('shows the body as text, never as markup, with its history', async () => {
    setLocale('zh')
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        json({
          item_id: 'i-1',
          unit_id: 'u-1',
          unit_name: '永吉县口前镇人民政府',
          index_number: '112202216197267615/2026-00001',
          title: '通告',
          summary: '',
          category: 'local_affairs',
          formed_on: '2026-12-01',
          published_on: '2026-12-02',
          corrected_on: '2026-12-03',
          body: '# 标题\n<img src=x onerror=alert(1)>\n第二行',
          attachments: [],
          history: [
            { kind: 'published', on: '2026-12-02', note: null },
            { kind: 'corrected', on: '2026-12-03', note: '更正日期' },
          ],
        }),
      ),
    )
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/catalogue/:itemId', component: CatalogueItem }, { path: '/catalogue', component: CatalogueItem }] })
    await router.push('/catalogue/i-1')
    const wrapper = mount(Host, { global: { plugins: [ElementPlus, router] } })
    await flushPromises()
    const body = wrapper.get('[data-test=ci-body]')
    expect(body.text()).toBe('# 标题\n<img src=x onerror=alert(1)>\n第二行')
    expect(body.find('img').exists()).toBe(false)
    expect(wrapper.get('[data-test=ci-index]').text()).toBe('112202216197267615/2026-00001')
    expect(wrapper.findAll('[data-test=ci-change]').map((c) => c.text())).toEqual(['2026-12-02 发布', '2026-12-03 更正：更正日期'])
    wrapper.unmount()
  })
})

describe('Art. 44: from an accepted suggestion to the drafting form', () => {
  const TOPIC = '2026年农村公路建设项目招标结果'
  const suggestion = {
    id: 's-1',
    unit_id: 'u-1',
    topic: TOPIC,
    source: 'applications' as const,
    status: 'accepted' as const,
    applicants: 3,
    application_ids: [],
    created_at: '2026-12-01T00:00:00Z',
    decided_at: '2026-12-02T00:00:00Z',
    decision_note: '公众关注度高。',
  }
  const routerAt = async (path: string) => {
    const router = createRouter({
      history: createMemoryHistory('/console/'),
      routes: [
        { path: '/', component: { render: () => null } },
        { path: '/items/:unitId/new', component: Edit },
        { path: '/items/:unitId/:itemId', component: { render: () => null } },
        { path: '/items/:unitId', component: { render: () => null } },
      ],
    })
    await router.push(path)
    return router
  }

  it('links the leader, who drafts, to the new-item form with the suggestion and its topic', async () => {
    setLocale('zh')
    const router = await routerAt('/')
    const card = (permissions: string[]) =>
      mount(SuggestionCard, { props: { suggestion, permissions: new Set(permissions), codes: new Map() }, global: { plugins: [ElementPlus, router] } })
    const leader = card(['application.read', 'application.approve', 'item.draft'])
    const link = leader.get('[data-test=sg-draft-item]')
    expect(link.text()).toBe('起草主动公开信息')
    expect(link.attributes('href')).toBe(`/console/items/u-1/new?suggestion_id=s-1&topic=${encodeURIComponent(TOPIC)}`)
    leader.unmount()
    const office = card(['application.read'])
    expect(office.find('[data-test=sg-draft-item]').exists()).toBe(false)
    office.unmount()
  })

  it('prefills the title and sends the suggestion with the draft; nothing is sent while incomplete', async () => {
    setLocale('zh')
    const seen: { url: string; body: unknown }[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const url = new URL(request.url).pathname
        if (request.method === 'GET') return json([])
        seen.push({ url, body: await request.json() })
        return json({ ...item(), id: 'i-9' })
      }),
    )
    const router = await routerAt(`/items/u-1/new?suggestion_id=s-1&topic=${encodeURIComponent(TOPIC)}`)
    const wrapper = mount(Host, { global: { plugins: [ElementPlus, router] }, attachTo: document.body })
    await flushPromises()
    expect((wrapper.get('input#it-title').element as HTMLInputElement).value).toBe(TOPIC)
    expect(wrapper.get('[data-test=it-from-suggestion]').text()).toContain('本信息落实已决定纳入主动公开的建议（条例第四十四条）。')
    await wrapper.get('[data-test=item-form]').trigger('submit')
    await flushPromises()
    expect(seen).toHaveLength(0)
    await vi.waitFor(() => expect(wrapper.findAll('.el-form-item.is-error')).toHaveLength(2))
    await wrapper.get('textarea#it-body').setValue('招标结果如下。')
    await wrapper.get('[data-test=it-category] .el-select__wrapper').trigger('click')
    await flushPromises()
    const option = [...document.body.querySelectorAll('.el-select-dropdown__item')].find((o) => o.textContent?.includes('重大建设项目')) as HTMLElement
    option.click()
    await flushPromises()
    await wrapper.get('[data-test=item-form]').trigger('submit')
    await flushPromises()
    expect(seen).toHaveLength(1)
    expect(seen[0].url).toBe('/api/v1/units/u-1/items')
    expect(seen[0].body).toMatchObject({ suggestion_id: 's-1', draft: { title: TOPIC, body: '招标结果如下。', category: 'major_projects', attribute: 'proactive' } })
    wrapper.unmount()
    // The whole drafting form, date pickers and all, takes a while to render in happy-dom.
  }, 30_000)
})
