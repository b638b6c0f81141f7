import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { RouterView, createMemoryHistory, createRouter } from 'vue-router'
import {
  REPORT_KINDS,
  REPORT_KIND_CATEGORY,
  changeLabel,
  classificationText,
  draftBody,
  draftFaults,
  draftFormOf,
  dueOverdue,
  emptyDraft,
  emptyReevaluation,
  emptyRepeal,
  eventLabel,
  eventNote,
  fenToYuan,
  isRuleOrNormative,
  itemActions,
  reevaluationBody,
  reevaluationFaults,
  reevaluationOutcomeLabel,
  reevaluationOutcomes,
  repealBody,
  repealFaults,
  reportFigure,
  reportKindLabel,
  reportKindsFor,
  reportText,
  termEnded,
  yuanToFen,
  type DraftForm,
  type ItemCapabilities,
  type ItemFacts,
} from '../common/items'
import {
  emptyLeak,
  hasFigures,
  leadRoute,
  leakBody,
  leakFaults,
  leaksRoute,
  settingsFaults,
  table2Layout,
  timelinessTotals,
  unreviewed,
  type Table2 as Table2Data,
  type UnitTimeliness,
} from '../common/secrecy'
import { setLocale } from '../i18n'
import { me } from '../console/session'
import type { Item } from '../console/pages/items/action'
import RepealPanel from '../console/pages/items/RepealPanel.vue'
import ReevaluationPanel from '../console/pages/items/ReevaluationPanel.vue'
import Edit from '../console/pages/items/Edit.vue'
import Leaks from '../console/pages/secrecy/Leaks.vue'
import Settings from '../console/pages/secrecy/Settings.vue'
import Table2 from '../console/pages/applications/Table2.vue'
import Timeliness from '../console/pages/applications/Timeliness.vue'
import Catalogue from '../portal/pages/Catalogue.vue'
import CatalogueItem from '../portal/pages/CatalogueItem.vue'

afterEach(() => {
  vi.unstubAllGlobals()
  setLocale('zh')
  me.value = null
  localStorage.clear()
  document.body.innerHTML = ''
})

const TODAY = '2026-12-10'
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const sorted = (s: Set<string>) => [...s].sort()
const Host = defineComponent({ setup: () => () => h(RouterView) })

/** A demo handler: drafts, publishes, and is the unit's designated secrecy reviewer. */
const handler: ItemCapabilities = { canDraft: true, canReview: true, canApprove: false, canPublish: true }
/** A demo leader: approves, and is not the designated reviewer. */
const leader: ItemCapabilities = { canDraft: true, canReview: false, canApprove: true, canPublish: true }
const reader: ItemCapabilities = { canDraft: false, canReview: false, canApprove: false, canPublish: false }

const facts = (over: Partial<ItemFacts> = {}): ItemFacts => ({
  status: 'published',
  attribute: 'proactive',
  hits: [],
  consultations: [],
  first_published_on: '2026-12-01',
  bound_not_to_disclose: false,
  report_kind: 'normative_document',
  repealed_on: null,
  ...over,
})

function item(over: Partial<Item> = {}): Item {
  return {
    id: 'i-1',
    unit_id: 'u-1',
    title: '永吉县口前镇村规民约管理办法',
    summary: '',
    body: '第一条 为规范村规民约……',
    category: 'normative_documents',
    formed_on: '2026-11-20',
    doc_number: '口政发〔2026〕3号',
    attribute: 'proactive',
    status: 'published',
    revision: 4,
    hits: [],
    reviews: [],
    consultations: [],
    events: [],
    versions: [],
    reevaluations: [],
    attachments: [],
    sensitive_domains: [],
    bound_not_to_disclose: false,
    report_kind: 'normative_document',
    drafter_id: 'p-1',
    created_at: '2026-11-20T00:00:00Z',
    updated_at: '2026-11-20T00:00:00Z',
    ...over,
  } as Item
}

/** A state secret on file. */
const secret = (over: Partial<Item> = {}) =>
  item({
    title: '口前镇防汛物资储备点位',
    category: 'emergencies',
    report_kind: null,
    doc_number: null,
    attribute: 'not_disclosed',
    ground: 'state_secret',
    attribute_reason: '储备点位属于国家秘密。',
    classification_level: '秘密',
    classified_until: '2030-12-31',
    status: 'filed',
    reevaluate_by: '2027-12-10',
    term_review_by: '2030-12-31',
    ...over,
  })

describe('table 2 kinds on the drafting form', () => {
  const form = (over: Partial<DraftForm> = {}): DraftForm => ({ ...emptyDraft(TODAY), title: '永吉县口前镇村规民约管理办法', body: '正文', category: 'normative_documents', ...over })

  it('offers only the kinds of the chosen category, in the order of the table', () => {
    expect(REPORT_KINDS).toEqual(['rule', 'normative_document', 'licensing', 'penalty', 'enforcement', 'fee_collection'])
    expect(reportKindsFor('normative_documents')).toEqual(['rule', 'normative_document'])
    expect(reportKindsFor('licensing')).toEqual(['licensing'])
    expect(reportKindsFor('penalty_enforcement')).toEqual(['penalty', 'enforcement'])
    expect(reportKindsFor('fees')).toEqual(['fee_collection'])
    expect(reportKindsFor('budget')).toEqual([])
    expect(reportKindsFor('')).toEqual([])
    for (const k of REPORT_KINDS) expect(reportKindsFor(REPORT_KIND_CATEGORY[k])).toContain(k)
  })

  it('names the kinds as the annual report does', () => {
    setLocale('zh')
    expect(REPORT_KINDS.map(reportKindLabel)).toEqual(['规章', '行政规范性文件', '行政许可', '行政处罚', '行政强制', '行政事业性收费'])
    setLocale('en')
    expect(reportKindLabel('fee_collection')).toBe('Administrative fees')
  })

  it('knows which figure each kind reports', () => {
    expect(['licensing', 'penalty', 'enforcement'].map((k) => reportFigure(k as never))).toEqual(['decisions', 'decisions', 'decisions'])
    expect(reportFigure('fee_collection')).toBe('amount')
    expect(reportFigure('rule')).toBeNull()
    expect(reportFigure('')).toBeNull()
    expect(isRuleOrNormative('rule') && isRuleOrNormative('normative_document')).toBe(true)
    expect(isRuleOrNormative('licensing') || isRuleOrNormative(null)).toBe(false)
  })

  it('reads yuan to two decimals into fen, exactly', () => {
    expect(yuanToFen('1234.5')).toBe(123450)
    expect(yuanToFen(' 1,234.56 ')).toBe(123456)
    expect(yuanToFen('0.07')).toBe(7)
    expect(yuanToFen('12')).toBe(1200)
    // 0.29 × 100 is 28.999… in floating point: the digits are read, not multiplied.
    expect(yuanToFen('0.29')).toBe(29)
    expect(yuanToFen('1.234')).toBeNull()
    expect(yuanToFen('-5')).toBeNull()
    expect(yuanToFen('1e3')).toBeNull()
    expect(yuanToFen('')).toBeNull()
    expect(fenToYuan(123450)).toBe('1234.50')
    expect(fenToYuan(7)).toBe('0.07')
    expect(fenToYuan(0)).toBe('0.00')
  })

  it('refuses a kind of another category, a missing figure, and a rule without its 文号', () => {
    expect(draftFaults(form({ report_kind: 'licensing' }), TODAY)).toEqual({ report_kind: 'report_category', decisions: 'required' })
    expect(draftFaults(form({ report_kind: 'licensing', decisions: 3 }), TODAY)).toEqual({ report_kind: 'report_category' })
    expect(draftFaults(form({ report_kind: 'normative_document' }), TODAY)).toEqual({ doc_number: 'required' })
    expect(draftFaults(form({ report_kind: 'rule', doc_number: '口政发〔2026〕3号' }), TODAY)).toEqual({})
    expect(draftFaults(form({ category: 'licensing', report_kind: 'licensing' }), TODAY)).toEqual({ decisions: 'required' })
    expect(draftFaults(form({ category: 'penalty_enforcement', report_kind: 'penalty', decisions: 0 }), TODAY)).toEqual({ decisions: 'decisions_range' })
    expect(draftFaults(form({ category: 'penalty_enforcement', report_kind: 'enforcement', decisions: 12 }), TODAY)).toEqual({})
    expect(draftFaults(form({ category: 'fees', report_kind: 'fee_collection' }), TODAY)).toEqual({ amount_fen: 'required' })
    expect(draftFaults(form({ category: 'fees', report_kind: 'fee_collection', amount_yuan: '12.345' }), TODAY)).toEqual({ amount_fen: 'amount_format' })
    expect(draftFaults(form({ category: 'fees', report_kind: 'fee_collection', amount_yuan: '1000000001' }), TODAY)).toEqual({ amount_fen: 'amount_range' })
    expect(draftFaults(form({ category: 'fees', report_kind: 'fee_collection', amount_yuan: '1000000000' }), TODAY)).toEqual({})
    // Not counted: no figure is asked for.
    expect(draftFaults(form({ category: 'budget' }), TODAY)).toEqual({})
  })

  it('sends the kind with its own figure only, the amount in fen', () => {
    expect(draftBody(form({ category: 'fees', report_kind: 'fee_collection', amount_yuan: '35600.50', decisions: 3 }))).toMatchObject({
      report_kind: 'fee_collection',
      decisions: null,
      amount_fen: 3560050,
    })
    expect(draftBody(form({ category: 'licensing', report_kind: 'licensing', decisions: 41, amount_yuan: '9' }))).toMatchObject({ report_kind: 'licensing', decisions: 41, amount_fen: null })
    expect(draftBody(form({ report_kind: 'normative_document', doc_number: ' 口政发〔2026〕3号 ' }))).toMatchObject({
      report_kind: 'normative_document',
      doc_number: '口政发〔2026〕3号',
      decisions: null,
      amount_fen: null,
    })
    expect(draftBody(form())).toMatchObject({ report_kind: null, decisions: null, amount_fen: null })
  })

  it('loads the figures of the working copy, the amount back in yuan', () => {
    const f = draftFormOf(item({ category: 'fees', report_kind: 'fee_collection', amount_fen: 3560050 }))
    expect([f.report_kind, f.amount_yuan, f.decisions]).toEqual(['fee_collection', '35600.50', null])
    expect(draftFormOf(item({ report_kind: null })).report_kind).toBe('')
  })

  it('says what an item reports', () => {
    setLocale('zh')
    expect(reportText(item())).toBe('行政规范性文件')
    expect(reportText(item({ report_kind: 'penalty', decisions: 12 }))).toBe('行政处罚 · 处理决定 12 件')
    expect(reportText(item({ report_kind: 'fee_collection', amount_fen: 3560050 }))).toBe('行政事业性收费 · 收费 35600.50 元')
    expect(reportText(item({ report_kind: null }))).toBe('')
  })
})

describe('which records a person may add to an item', () => {
  it('lets the leader repeal a published rule or normative document, once', () => {
    expect(sorted(itemActions(facts(), leader, TODAY))).toEqual(['edit', 'repeal', 'withdraw'])
    expect(sorted(itemActions(facts({ report_kind: 'rule' }), leader, TODAY))).toContain('repeal')
    expect(itemActions(facts({ repealed_on: '2026-12-05' }), leader, TODAY).has('repeal')).toBe(false)
    expect(itemActions(facts({ report_kind: 'licensing' }), leader, TODAY).has('repeal')).toBe(false)
    expect(itemActions(facts({ report_kind: null }), leader, TODAY).has('repeal')).toBe(false)
    expect(itemActions(facts({ status: 'withdrawn' }), leader, TODAY).has('repeal')).toBe(false)
    // A correction under way: not published now.
    expect(itemActions(facts({ status: 'draft' }), leader, TODAY).has('repeal')).toBe(false)
    expect(itemActions(facts(), handler, TODAY).has('repeal')).toBe(false)
  })

  it('gives the re-evaluation of a filed item to the designated reviewer only', () => {
    const filed = facts({ status: 'filed', attribute: 'not_disclosed', first_published_on: null, report_kind: null })
    expect(sorted(itemActions(filed, handler, TODAY))).toEqual(['edit', 'reevaluate'])
    expect(itemActions(filed, leader, TODAY).has('reevaluate')).toBe(false)
    expect(sorted(itemActions(filed, reader, TODAY))).toEqual([])
    expect(itemActions({ ...filed, status: 'approved' }, handler, TODAY).has('reevaluate')).toBe(false)
  })
})

describe('the repeal', () => {
  it('is dated between the day the document was formed and today, and names its decision', () => {
    expect(emptyRepeal(TODAY)).toEqual({ repealed_on: TODAY, note: '' })
    expect(repealFaults({ repealed_on: '', note: '' }, '2026-11-20', TODAY)).toEqual({ repealed_on: 'required', note: 'required' })
    expect(repealFaults({ repealed_on: '2026-12-11', note: '废' }, '2026-11-20', TODAY)).toEqual({ repealed_on: 'in_future', note: 'length' })
    expect(repealFaults({ repealed_on: '2026-11-19', note: '口政发〔2026〕9号' }, '2026-11-20', TODAY)).toEqual({ repealed_on: 'before_formed' })
    expect(repealFaults({ repealed_on: '2026-11-20', note: '口政发〔2026〕9号' }, '2026-11-20', TODAY)).toEqual({})
    expect(repealBody({ repealed_on: TODAY, note: ' 口政发〔2026〕9号 ' })).toEqual({ repealed_on: TODAY, note: '口政发〔2026〕9号' })
  })
})

describe('the re-evaluation of a withheld item', () => {
  it('offers a change of level or term only for a state secret, and keeping it only while its term runs', () => {
    expect(reevaluationOutcomes(secret(), TODAY)).toEqual(['keep', 'change', 'reopen'])
    expect(reevaluationOutcomes(secret({ classification_level: null, classified_until: null, ground: 'internal_affairs' }), TODAY)).toEqual(['keep', 'reopen'])
    expect(termEnded(secret({ classified_until: '2026-12-09' }), TODAY)).toBe(true)
    expect(termEnded(secret({ classified_until: TODAY }), TODAY)).toBe(false)
    expect(termEnded(secret({ classified_until: null }), TODAY)).toBe(false)
    expect(reevaluationOutcomes(secret({ classified_until: '2026-12-09' }), TODAY)).toEqual(['change', 'reopen'])
  })

  it('finds what the server would refuse', () => {
    const s = secret()
    const f = emptyReevaluation(s)
    expect(f).toEqual({ outcome: null, classification_level: '秘密', classified_until: '2030-12-31', note: '' })
    expect(reevaluationFaults(f, s, TODAY)).toEqual({ outcome: 'required', note: 'required' })
    expect(reevaluationFaults({ ...f, outcome: 'keep', note: '仍属国家秘密。' }, s, TODAY)).toEqual({})
    const ended = secret({ classified_until: '2026-12-01' })
    expect(reevaluationFaults({ ...f, outcome: 'keep', note: '仍属国家秘密。' }, ended, TODAY)).toEqual({ classified_until: 'term_ended' })
    expect(reevaluationFaults({ ...f, outcome: 'change', classification_level: '', classified_until: TODAY, note: '延长' }, s, TODAY)).toEqual({
      classification_level: 'required',
      classified_until: 'not_after_today',
    })
    // A term without end.
    expect(reevaluationFaults({ ...f, outcome: 'change', classification_level: '机密', classified_until: '', note: '提高密级' }, s, TODAY)).toEqual({})
    const plain = secret({ classification_level: null, classified_until: null, ground: 'internal_affairs' })
    expect(reevaluationFaults({ ...f, outcome: 'change', note: '变更' }, plain, TODAY)).toEqual({ outcome: 'not_allowed' })
    expect(reevaluationFaults({ ...f, outcome: 'reopen', note: '已' }, s, TODAY)).toEqual({ note: 'length' })
  })

  it('sends a level and term with a change only', () => {
    const f = { outcome: 'change' as const, classification_level: '机密', classified_until: '', note: ' 提高密级 ' }
    expect(reevaluationBody(f)).toEqual({ outcome: 'change', classification_level: '机密', classified_until: null, note: '提高密级' })
    expect(reevaluationBody({ ...f, classified_until: '2031-06-30' }).classified_until).toBe('2031-06-30')
    expect(reevaluationBody({ ...f, outcome: 'keep' })).toEqual({ outcome: 'keep', classification_level: null, classified_until: null, note: '提高密级' })
    expect(reevaluationBody({ ...f, outcome: 'reopen' })).toEqual({ outcome: 'reopen', classification_level: null, classified_until: null, note: '提高密级' })
  })

  it('says levels, terms and dues in words', () => {
    setLocale('zh')
    expect(classificationText('机密', '2030-12-31')).toBe('机密 · 2030-12-31')
    expect(classificationText('机密', null)).toBe('机密 · 长期')
    expect(classificationText(null, '2030-12-31')).toBe('')
    expect(dueOverdue('2026-12-09', TODAY)).toBe(true)
    expect(dueOverdue(TODAY, TODAY)).toBe(false)
    expect(dueOverdue(null, TODAY)).toBe(false)
    expect(['keep', 'change', 'reopen'].map((o) => reevaluationOutcomeLabel(o as never))).toEqual(['维持不予公开', '变更密级或保密期限', '已解密或可以公开，退回重新确定公开属性'])
  })

  it('names the new steps in the history and the public record', () => {
    setLocale('zh')
    expect(eventLabel('repealed')).toBe('废止')
    expect(eventLabel('reevaluated')).toBe('定期评估审查')
    expect(changeLabel('repealed')).toBe('废止')
    const at = { actor_id: null, created_at: '2026-12-10T02:00:00Z', on_date: TODAY, public: true, revision: 4 }
    expect(eventNote({ ...at, kind: 'repealed', details: { repealed_on: '2026-12-05', note: '口政发〔2026〕9号' } as never })).toBe('2026-12-05 · 口政发〔2026〕9号')
    expect(eventNote({ ...at, kind: 'reevaluated', details: { outcome: 'keep', level: '秘密' } as never })).toBe('维持不予公开')
    expect(eventNote({ ...at, kind: 'reevaluated', details: { outcome: 'whatever' } as never })).toBe('')
  })
})

describe('leak incidents and the schedule', () => {
  it('needs each text and a day found by today', () => {
    expect(emptyLeak(TODAY)).toEqual({ item_id: '', what: '', where_found: '', found_on: TODAY, remedy: '', told: '' })
    expect(leakFaults(emptyLeak(''), TODAY)).toEqual({ what: 'required', where_found: 'required', remedy: 'required', told: 'required', found_on: 'required' })
    const ok = { item_id: '', what: '救助名单中的身份证号码未遮盖', where_found: '县政府网站', found_on: TODAY, remedy: '已撤回并重新遮盖', told: '县保密局、镇长' }
    expect(leakFaults(ok, TODAY)).toEqual({})
    expect(leakFaults({ ...ok, found_on: '2026-12-11', where_found: '网', told: '字'.repeat(1001) }, TODAY)).toEqual({ found_on: 'in_future', where_found: 'length', told: 'length' })
    expect(leakBody({ ...ok, what: ` ${ok.what} ` })).toEqual({ ...ok, item_id: null })
    expect(leakBody({ ...ok, item_id: 'i-1' }).item_id).toBe('i-1')
    expect(leaksRoute('u-1')).toBe('/units/u-1/leaks')
    expect(leadRoute('l-1')).toEqual({ path: '/cases', query: { lead: 'l-1' } })
  })

  it('keeps the re-evaluation period within 30 to 730 days', () => {
    expect(settingsFaults(null)).toEqual({ reevaluation_days: 'required' })
    expect(settingsFaults(29)).toEqual({ reevaluation_days: 'reevaluation_days' })
    expect(settingsFaults(731)).toEqual({ reevaluation_days: 'reevaluation_days' })
    expect(settingsFaults(180.5)).toEqual({ reevaluation_days: 'reevaluation_days' })
    expect(settingsFaults(30)).toEqual({})
    expect(settingsFaults(730)).toEqual({})
  })
})

const TABLE2: Table2Data = {
  rules: { issued: 0, repealed: 0, in_force: 2 },
  normative_documents: { issued: 3, repealed: 1, in_force: 7 },
  licensing_decisions: 41,
  penalty_decisions: 12,
  enforcement_decisions: 2,
  fees_collected_fen: 3560050,
  fees_collected_wan_yuan: '3.5601',
}

const row = (over: Partial<UnitTimeliness> = {}): UnitTimeliness => ({
  unit_id: 'u-1',
  unit_name: '永吉县口前镇人民政府',
  published: 0,
  published_reviewed: 0,
  publication_met: 0,
  publication_missed: 0,
  referrals_met: 0,
  referrals_missed: 0,
  ...over,
})

describe('table 2 and the timeliness figures', () => {
  it('lays table 2 out as printed, under the articles it reports', () => {
    setLocale('zh')
    const blocks = table2Layout(TABLE2)
    expect(blocks.map((b) => b.heading)).toEqual(['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项'])
    expect(blocks[0].columns).toEqual(['本年制发件数', '本年废止件数', '现行有效件数'])
    expect(blocks[0].rows).toEqual([
      { key: 'rules', label: '规章', values: ['0', '0', '2'] },
      { key: 'normative_documents', label: '行政规范性文件', values: ['3', '1', '7'] },
    ])
    expect(blocks[1].rows).toEqual([{ key: 'licensing', label: '行政许可', values: ['41'] }])
    expect(blocks[2].columns).toEqual(['本年处理决定数量'])
    expect(blocks[2].rows.map((r) => [r.label, r.values[0]])).toEqual([
      ['行政处罚', '12'],
      ['行政强制', '2'],
    ])
    expect(blocks[3]).toMatchObject({ columns: ['本年收费金额（单位：万元）'], rows: [{ label: '行政事业性收费', values: ['3.5601'] }] })
  })

  it('adds up the units, and knows which have figures', () => {
    const rows = [row({ published: 3, published_reviewed: 2, publication_met: 2, publication_missed: 1 }), row({ unit_id: 'u-2', referrals_met: 1 }), row({ unit_id: 'u-3' })]
    expect(timelinessTotals(rows)).toEqual({ published: 3, published_reviewed: 2, publication_met: 2, publication_missed: 1, referrals_met: 1, referrals_missed: 0 })
    expect(rows.map(hasFigures)).toEqual([true, true, false])
    expect(unreviewed(rows[0])).toBe(1)
    expect(unreviewed(rows[1])).toBe(0)
  })

  it('prints table 2 with its blocks and figures', () => {
    setLocale('zh')
    const wrapper = mount(Table2, { props: { table: TABLE2, year: 2026 }, global: { plugins: [ElementPlus] } })
    expect(wrapper.get('h3').text()).toBe('二、主动公开政府信息情况（2026）')
    const cells = (key: string) => wrapper.findAll(`[data-key=${key}] td`).map((td) => td.text())
    expect(cells('normative_documents')).toEqual(['3', '1', '7'])
    expect(cells('licensing')).toEqual(['41'])
    expect(wrapper.get('[data-key=licensing] td').attributes('colspan')).toBe('3')
    expect(cells('fees')).toEqual(['3.5601'])
    expect(wrapper.get('[data-block=art20_8] .columns').text()).toContain('本年收费金额（单位：万元）')
    wrapper.unmount()
  })

  it('lists the units with figures, their total, and marks what was late', async () => {
    setLocale('zh')
    const rows = [row({ published: 3, published_reviewed: 2, publication_missed: 1 }), row({ unit_id: 'u-2', unit_name: '永吉县双河镇人民政府' })]
    const wrapper = mount(Timeliness, { props: { rows, year: 2026 }, global: { plugins: [ElementPlus] } })
    expect(wrapper.findAll('[data-test=tl-row]').map((r) => r.attributes('data-unit'))).toEqual(['u-1'])
    expect(wrapper.get('[data-test=tl-row] [data-key=publication_missed]').classes()).toContain('bad')
    expect(wrapper.get('[data-test=tl-row] [data-key=published_reviewed]').classes()).toContain('bad')
    expect(wrapper.get('[data-test=tl-total] [data-key=published]').text()).toBe('3')
    await wrapper.get('[data-test=tl-only-active] input').setValue(false)
    expect(wrapper.findAll('[data-test=tl-row]')).toHaveLength(2)
    wrapper.unmount()
  })
})

describe('the repeal panel', () => {
  it('refuses an unnamed decision before sending, then records the repeal', async () => {
    setLocale('zh')
    const seen: { url: string; body: unknown }[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        seen.push({ url: new URL(request.url).pathname, body: await request.json() })
        return json(item({ repealed_on: TODAY }))
      }),
    )
    const wrapper = mount(RepealPanel, { props: { item: item(), today: TODAY }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await wrapper.get('[data-test=rp-form]').trigger('submit')
    await flushPromises()
    expect(seen).toHaveLength(0)
    await vi.waitFor(() => expect(wrapper.findAll('.el-form-item.is-error')).toHaveLength(1))
    await wrapper.get('input[data-test=rp-note]').setValue(' 口政发〔2026〕9号 ')
    await wrapper.get('[data-test=rp-form]').trigger('submit')
    await flushPromises()
    expect(seen).toEqual([{ url: '/api/v1/units/u-1/items/i-1/repeal', body: { repealed_on: TODAY, note: '口政发〔2026〕9号' } }])
    expect(wrapper.emitted('updated')?.[0]?.[0]).toMatchObject({ repealed_on: TODAY })
    wrapper.unmount()
  })
})

describe('the re-evaluation panel', () => {
  const router = () => createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
  const serve = (reply: Item) => {
    const seen: { url: string; body: unknown }[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const url = new URL(request.url).pathname
        if (request.method === 'GET') return json({ reevaluation_days: 180, set_by_bureau: true, updated_at: '2026-12-01T02:00:00Z' })
        seen.push({ url, body: await request.json() })
        return json(reply)
      }),
    )
    return seen
  }

  it('shows when it is due and the schedule, and asks a level and term only for a change', async () => {
    setLocale('zh')
    const seen = serve(secret({ classification_level: '机密', reevaluations: [] }))
    const wrapper = mount(ReevaluationPanel, { props: { item: secret(), canReevaluate: true, ownStaff: true, today: TODAY }, global: { plugins: [ElementPlus, router()] }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.get('[data-test=re-due]').text()).toBe('2027-12-10')
    expect(wrapper.get('[data-test=re-term-due]').text()).toBe('2030-12-31')
    expect(wrapper.get('[data-test=re-classification]').text()).toBe('秘密 · 2030-12-31')
    expect(wrapper.get('[data-test=re-schedule]').text()).toContain('全县评估周期：每 180 天')
    expect(wrapper.find('[data-test=re-change]').exists()).toBe(false)
    await wrapper.get('[data-test=re-outcome-keep] input').setValue(true)
    expect(wrapper.find('[data-test=re-change]').exists()).toBe(false)
    await wrapper.get('[data-test=re-outcome-change] input').setValue(true)
    expect(wrapper.find('[data-test=re-change]').exists()).toBe(true)
    await wrapper.get('textarea[data-test=re-note]').setValue('经评估，定密依据变化，提高密级为机密。')
    await wrapper.get('[data-test=re-level] .el-select__wrapper').trigger('click')
    await flushPromises()
    ;([...document.body.querySelectorAll('.el-select-dropdown__item')].find((o) => o.textContent === '机密') as HTMLElement).click()
    await flushPromises()
    await wrapper.get('[data-test=re-form]').trigger('submit')
    await flushPromises()
    expect(seen).toEqual([
      {
        url: '/api/v1/units/u-1/items/i-1/reevaluations',
        body: { outcome: 'change', classification_level: '机密', classified_until: '2030-12-31', note: '经评估，定密依据变化，提高密级为机密。' },
      },
    ])
    expect(wrapper.emitted('updated')?.[0]?.[0]).toMatchObject({ classification_level: '机密' })
    wrapper.unmount()
  })

  it('does not offer to keep a secret whose term ended, and lists earlier re-evaluations', async () => {
    setLocale('zh')
    serve(secret())
    const earlier = {
      id: 'r-1',
      outcome: 'change' as const,
      level_before: '秘密',
      level_after: '秘密',
      until_before: '2026-06-30',
      until_after: '2026-12-01',
      note: '延长保密期限。',
      reviewer_name: '口前镇经办人',
      on_date: '2026-06-20',
    }
    const ended = secret({ classified_until: '2026-12-01', reevaluations: [earlier] })
    const wrapper = mount(ReevaluationPanel, { props: { item: ended, canReevaluate: true, ownStaff: true, today: TODAY }, global: { plugins: [ElementPlus, router()] }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.get('[data-test=re-term-ended]').text()).toContain('保密期限已于 2026-12-01 届满')
    expect(wrapper.find('[data-test=re-outcome-keep]').exists()).toBe(false)
    expect(wrapper.findAll('[data-test=re-outcome] .el-radio')).toHaveLength(2)
    expect(wrapper.get('[data-test=re-history]').text()).toContain('秘密 · 2026-06-30 → 秘密 · 2026-12-01')
    expect(wrapper.get('[data-test=re-row-outcome]').attributes('data-outcome')).toBe('change')
    wrapper.unmount()
  })

  it('tells the unit’s other staff that the designated reviewer decides', async () => {
    setLocale('zh')
    serve(secret())
    const wrapper = mount(ReevaluationPanel, { props: { item: secret(), canReevaluate: false, ownStaff: true, today: TODAY }, global: { plugins: [ElementPlus, router()] } })
    await flushPromises()
    expect(wrapper.find('[data-test=re-form]').exists()).toBe(false)
    expect(wrapper.get('[data-test=re-not-reviewer]').text()).toBe('定期评估审查由本单位指定的保密审查人进行。')
    wrapper.unmount()
  })
})

const signedAs = (over: Record<string, unknown> = {}) =>
  ({
    id: 'me',
    username: 'u',
    display_name: 'U',
    is_platform_admin: false,
    county_id: 'k',
    county_permissions: [],
    platform_permissions: [],
    memberships: [{ unit_id: 'u-1', unit_name: '永吉县口前镇人民政府', role: 'handler', function: null, is_principal: false, duties: [], permissions: ['item.read', 'item.draft', 'leak.record'] }],
    ...over,
  }) as never

describe('the leaks page', () => {
  const LEAK = {
    id: 'k-1',
    unit_id: 'u-1',
    item_id: 'i-1',
    item_title: '口前镇2026年临时救助名单',
    what: '救助名单中一名对象的身份证号码未遮盖',
    where_found: '县政府网站信息公开专栏',
    found_on: '2026-12-09',
    remedy: '已撤回该信息并重新遮盖',
    told: '县保密局、镇长',
    lead_id: 'l-1',
    created_at: '2026-12-09T02:00:00Z',
  }

  async function open(path: string) {
    const router = createRouter({
      history: createMemoryHistory('/console/'),
      routes: [
        { path: '/units/:unitId/leaks', component: Leaks },
        { path: '/secrecy/leaks', component: Leaks },
        { path: '/:p(.*)*', component: { render: () => null } },
      ],
    })
    await router.push(path)
    const wrapper = mount(Host, { global: { plugins: [ElementPlus, router] }, attachTo: document.body })
    await flushPromises()
    await flushPromises()
    return { wrapper, router }
  }

  it('records a leak through one of the unit’s items, refusing an incomplete record first', async () => {
    setLocale('zh')
    me.value = signedAs()
    const posted: { url: string; body: unknown }[] = []
    const lists: string[] = []
    let recorded = false
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const url = new URL(request.url)
        if (request.method === 'POST') {
          posted.push({ url: url.pathname, body: await request.json() })
          recorded = true
          return json(LEAK)
        }
        if (url.pathname.endsWith('/items')) {
          lists.push(url.searchParams.get('status') ?? '')
          const items = url.searchParams.get('status') === 'published' ? [{ id: 'i-1', unit_id: 'u-1', title: LEAK.item_title, status: 'published', index_number: 'X/2026-00001' }] : []
          return json({ items, total: items.length, page: 1, page_size: 100 })
        }
        return json({ items: recorded ? [LEAK] : [], total: recorded ? 1 : 0, page: 1, page_size: 20 })
      }),
    )
    const { wrapper } = await open('/units/u-1/leaks')
    expect(wrapper.get('[data-test=leaks-page]').attributes('data-state')).toBe('ready')
    expect(wrapper.find('[data-test=lk-unit]').exists()).toBe(false)
    expect(lists.sort()).toEqual(['published', 'withdrawn'])
    await wrapper.get('[data-test=leak-form]').trigger('submit')
    await flushPromises()
    expect(posted).toHaveLength(0)
    await vi.waitFor(() => expect(wrapper.findAll('.el-form-item.is-error')).toHaveLength(4))
    await wrapper.get('input[data-test=lk-where]').setValue(LEAK.where_found)
    await wrapper.get('textarea[data-test=lk-what]').setValue(LEAK.what)
    await wrapper.get('textarea[data-test=lk-remedy]').setValue(LEAK.remedy)
    await wrapper.get('input[data-test=lk-told]').setValue(LEAK.told)
    await wrapper.get('[data-test=lk-item] .el-select__wrapper').trigger('click')
    await flushPromises()
    const option = [...document.body.querySelectorAll('.el-select-dropdown__item')].find((o) => o.textContent?.includes(LEAK.item_title)) as HTMLElement
    option.click()
    await flushPromises()
    await wrapper.get('[data-test=leak-form]').trigger('submit')
    await flushPromises()
    await flushPromises()
    expect(posted).toHaveLength(1)
    expect(posted[0].url).toBe('/api/v1/units/u-1/leaks')
    expect(posted[0].body).toMatchObject({ item_id: 'i-1', what: LEAK.what, where_found: LEAK.where_found, remedy: LEAK.remedy, told: LEAK.told })
    // The unit sees that a lead was raised; only the openness office triages it.
    const lead = wrapper.get('[data-test=leak-lead]')
    expect(lead.attributes('data-lead')).toBe('l-1')
    expect(lead.text()).toBe('已生成，由政务公开主管部门研判')
    expect(wrapper.get('[data-test=leak-item]').text()).toBe(LEAK.item_title)
    wrapper.unmount()
  }, 30_000)

  it('lets the bureau pick the unit first, and links the openness office to the lead', async () => {
    setLocale('zh')
    me.value = signedAs({ county_permissions: ['item.read', 'leak.record', 'lead.read'], memberships: [] })
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const url = new URL(request.url)
        if (url.pathname === '/api/v1/directory') return json({ units: [{ id: 'u-1', name: '永吉县口前镇人民政府' }] })
        if (url.pathname.endsWith('/items')) return json({ items: [], total: 0, page: 1, page_size: 100 })
        return json({ items: [LEAK], total: 1, page: 1, page_size: 20 })
      }),
    )
    const { wrapper, router } = await open('/secrecy/leaks')
    expect(wrapper.get('[data-test=leaks-page]').attributes('data-state')).toBe('no-unit')
    expect(wrapper.find('[data-test=leak-form]').exists()).toBe(false)
    await wrapper.get('[data-test=lk-unit] .el-select__wrapper').trigger('click')
    await flushPromises()
    ;([...document.body.querySelectorAll('.el-select-dropdown__item')].find((o) => o.textContent?.includes('口前镇')) as HTMLElement).click()
    await flushPromises()
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/units/u-1/leaks')
    expect(wrapper.get('[data-test=leaks-unit]').text()).toContain('永吉县口前镇人民政府')
    expect(wrapper.find('[data-test=leak-form]').exists()).toBe(true)
    expect(wrapper.get('[data-test=leak-lead]').attributes('href')).toBe('/console/cases?lead=l-1')
    wrapper.unmount()
  }, 30_000)
})

describe('the secrecy schedule', () => {
  const serve = (view: unknown) => {
    const put: unknown[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        if (request.method === 'PUT') {
          const body = (await request.json()) as { reevaluation_days: number }
          put.push(body)
          return json({ reevaluation_days: body.reevaluation_days, set_by_bureau: true, updated_at: '2026-12-10T02:00:00Z' })
        }
        return json(view)
      }),
    )
    return put
  }

  it('is read-only to anyone but the bureau, and says the default applies', async () => {
    setLocale('zh')
    me.value = signedAs()
    serve({ reevaluation_days: 365, set_by_bureau: false, updated_at: null })
    const wrapper = mount(Settings, { global: { plugins: [ElementPlus] } })
    await flushPromises()
    expect(wrapper.get('[data-test=ss-days]').text()).toBe('每 365 天')
    expect(wrapper.get('[data-test=ss-source]').text()).toBe('尚未设定，按默认的365天')
    expect(wrapper.find('[data-test=ss-form]').exists()).toBe(false)
    expect(wrapper.find('[data-test=ss-read-only]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('lets the bureau set it', async () => {
    setLocale('zh')
    me.value = signedAs({ county_permissions: ['secrecy.configure'] })
    const put = serve({ reevaluation_days: 365, set_by_bureau: false, updated_at: null })
    const wrapper = mount(Settings, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    const input = wrapper.get('#ss-days-input')
    await input.setValue('180')
    await input.trigger('blur')
    await wrapper.get('[data-test=ss-form]').trigger('submit')
    await flushPromises()
    expect(put).toEqual([{ reevaluation_days: 180 }])
    expect(wrapper.get('[data-test=ss-days]').text()).toBe('每 180 天')
    expect(wrapper.get('[data-test=ss-source]').text()).toBe('由保密行政管理部门设定')
    wrapper.unmount()
  })
})

describe('the public catalogue marks a repeal', () => {
  const entry = {
    item_id: 'i-1',
    unit_id: 'u-1',
    unit_name: '永吉县口前镇人民政府',
    index_number: '112202216197267615/2026-00002',
    title: '永吉县口前镇村规民约管理办法',
    summary: '',
    category: 'normative_documents',
    doc_number: '口政发〔2026〕3号',
    formed_on: '2026-11-20',
    published_on: '2026-11-21',
    repealed_on: '2026-12-05',
  }

  it('in the list and on the item’s page, with the repeal in its history', async () => {
    setLocale('zh')
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const url = new URL(request.url)
        if (url.pathname === '/api/v1/directory') return json({ units: [] })
        if (url.pathname === '/api/v1/public/catalogue') return json({ items: [entry], total: 1, page: 1, page_size: 20 })
        return json({
          ...entry,
          body: '第一条',
          attachments: [],
          history: [
            { kind: 'published', on: '2026-11-21', note: null },
            { kind: 'repealed', on: '2026-12-05', note: '口政发〔2026〕9号' },
          ],
        })
      }),
    )
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/catalogue', component: Catalogue },
        { path: '/catalogue/:itemId', component: CatalogueItem },
      ],
    })
    await router.push('/catalogue')
    const wrapper = mount(Host, { global: { plugins: [ElementPlus, router] } })
    await flushPromises()
    expect(wrapper.get('[data-test=catalogue-entry]').attributes('data-repealed')).toBe('true')
    expect(wrapper.get('[data-test=cat-repealed]').text()).toBe('已废止 2026-12-05')
    await router.push('/catalogue/i-1')
    await flushPromises()
    expect(wrapper.get('[data-test=ci-repealed]').text()).toBe('本文件已于 2026-12-05 废止，不再有效。')
    expect(wrapper.get('[data-test=ci-repealed-on]').text()).toBe('2026-12-05')
    expect(wrapper.findAll('[data-test=ci-change]').map((c) => c.text())).toEqual(['2026-11-21 发布', '2026-12-05 废止：口政发〔2026〕9号'])
    wrapper.unmount()
  })
})

describe('the drafting form’s annual report section', () => {
  it('offers the kinds of the category, asks the amount in yuan and sends it in fen', async () => {
    setLocale('zh')
    const seen: { url: string; body: unknown }[] = []
    const fees = item({ title: '2026年11月不动产登记费收取情况', category: 'fees', report_kind: 'fee_collection', amount_fen: 120000, doc_number: null, status: 'draft' })
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const url = new URL(request.url).pathname
        if (request.method === 'GET') return json(url.endsWith('/catalogue-headings') ? [] : fees)
        seen.push({ url, body: await request.json() })
        return json(fees)
      }),
    )
    const router = createRouter({
      history: createMemoryHistory('/console/'),
      routes: [
        { path: '/items/:unitId/:itemId/edit', component: Edit },
        { path: '/:p(.*)*', component: { render: () => null } },
      ],
    })
    await router.push('/items/u-1/i-1/edit')
    const wrapper = mount(Host, { global: { plugins: [ElementPlus, router] }, attachTo: document.body })
    await flushPromises()
    expect((wrapper.get('input#it-amount').element as HTMLInputElement).value).toBe('1200.00')
    expect(wrapper.find('#it-decisions').exists()).toBe(false)
    await wrapper.get('input#it-amount').setValue('1,234.5')
    await wrapper.get('[data-test=item-form]').trigger('submit')
    await flushPromises()
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ url: '/api/v1/units/u-1/items/i-1', body: { revision: 4, draft: { category: 'fees', report_kind: 'fee_collection', amount_fen: 123450, decisions: null } } })
    // Saved, the item's page opens; back on the form, another category drops a kind that is not its own, and offers its own.
    expect(router.currentRoute.value.path).toBe('/items/u-1/i-1')
    await router.push('/items/u-1/i-1/edit')
    await flushPromises()
    await wrapper.get('[data-test=it-category] .el-select__wrapper').trigger('click')
    await flushPromises()
    ;([...document.body.querySelectorAll('.el-select-dropdown__item')].find((o) => o.textContent === '行政处罚、行政强制') as HTMLElement).click()
    await flushPromises()
    expect(wrapper.find('input#it-amount').exists()).toBe(false)
    await wrapper.get('[data-test=it-report-kind] .el-select__wrapper').trigger('click')
    await flushPromises()
    const offered = [...document.body.querySelectorAll('.el-select-dropdown')].map((d) => d as HTMLElement).filter((d) => d.style.display !== 'none').flatMap((d) => [...d.querySelectorAll('.el-select-dropdown__item')].map((o) => o.textContent))
    expect(offered).toContain('行政处罚')
    expect(offered).toContain('行政强制')
    expect(offered).not.toContain('行政事业性收费')
    wrapper.unmount()
  }, 30_000)
})
