import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { RouterView, createMemoryHistory, createRouter } from 'vue-router'
import {
  DEFAULT_RULE,
  DEVICE_KEY,
  answersOf,
  barPercent,
  byDimension,
  campaignBody,
  campaignDefaults,
  campaignFaults,
  chartSummary,
  contactKind,
  deviceToken,
  formatScore,
  invitationToken,
  invitationFaults,
  nextSheet,
  paperFaults,
  ratingFaults,
  reportBody,
  reportFaults,
  resultDimensions,
  responseBody,
  responseFaults,
  reviewBody,
  reviewFaults,
  ruleFaults,
  ruleFormOf,
  ruleOf,
  ruleText,
  stillAtFault,
  taskBody,
  taskFaults,
  unitTasksRoute,
  type Campaign,
  type Invited,
  type PublicCampaign,
  type Question,
  type Results,
  type UnitResult,
} from '../common/evaluation'
import { beijingToday } from '../common/dates'
import { consoleRoute } from '../console/links'
import { me, selectUnit } from '../console/session'
import ConsoleApp from '../console/ConsoleApp.vue'
import CreateDialog from '../console/pages/evaluation/CreateDialog.vue'
import ResultsTab from '../console/pages/evaluation/ResultsTab.vue'
import Evaluate from '../portal/pages/Evaluate.vue'
import EvaluateInvited from '../portal/pages/EvaluateInvited.vue'
import { setLocale } from '../i18n'

afterEach(() => {
  vi.unstubAllGlobals()
  setLocale('zh')
  me.value = null
  selectUnit(null)
  localStorage.clear()
  document.body.innerHTML = ''
  history.replaceState(null, '', '/')
})

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

const KOUQIAN = '0193a5b4-0000-7000-8000-00000000a001'
const SHUANGHE = '0193a5b4-0000-7000-8000-00000000a002'
const UNITS = [
  { unit_id: KOUQIAN, unit_name: '永吉县口前镇人民政府' },
  { unit_id: SHUANGHE, unit_name: '永吉县双河镇人民政府' },
]
const question = (id: string, dimension: Question['dimension'], position: number, text: string): Question => ({ id, dimension, position, text, from_version: 1 })
/** Out of order on purpose: the hot issue was added last, the form question comes before the content one in the list. */
const QUESTIONS: Question[] = [
  question('q-hot', 'hot_issue', 3, '您对该单位公开低保资金发放情况是否满意？'),
  question('q-form', 'form', 2, '您能否方便地获取该单位公开的政府信息？'),
  question('q-content', 'content', 1, '该单位公开的政府信息是否全面、真实、准确？'),
]
const TOKEN = 'abcdefghijkmnpqrstuvwxyz23456789'

describe('scores and the rule (EV 5)', () => {
  it('shows hundredths of a point as points with two decimals', () => {
    expect(formatScore(7800)).toBe('78.00')
    expect(formatScore(8667)).toBe('86.67')
    expect(formatScore(10000)).toBe('100.00')
    expect(formatScore(5)).toBe('0.05')
    expect(formatScore(0)).toBe('0.00')
    expect(formatScore(null)).toBe('—')
    expect(formatScore(undefined)).toBe('—')
    expect(barPercent(7900)).toBe(79)
    expect(barPercent(null)).toBe(0)
  })

  it('states the rule in words, thresholds as points', () => {
    setLocale('zh')
    expect(ruleText(DEFAULT_RULE)).toBe(
      '每项评价满意计100分、基本满意计60分、不满意计0分；公众评议（含纸质问卷）和代表评议各取全部评价的平均分，按公众50%、代表50%加权得出综合得分（只有一方评议的，以该方得分为准）；综合得分85.00分及以上为满意，60.00分及以上、不满85.00分为基本满意，不满60.00分为不满意。得分四舍五入保留两位小数。',
    )
    setLocale('en')
    expect(ruleText(DEFAULT_RULE)).toContain('85.00 points and more is satisfied')
  })

  it('edits the thresholds in points and sends them in hundredths, checked as the server checks the rule', () => {
    expect(ruleOf(ruleFormOf(DEFAULT_RULE))).toEqual(DEFAULT_RULE)
    expect(ruleOf({ ...ruleFormOf(), satisfied_from: 85.5 }).satisfied_from).toBe(8550)
    expect(ruleFaults(ruleFormOf())).toEqual({})
    expect(ruleFaults({ ...ruleFormOf(), public_weight: 60 })).toEqual({ 'rule.representative_weight': 'ev_weights' })
    expect(ruleFaults({ ...ruleFormOf(), dissatisfied_points: 70 })).toEqual({ 'rule.basically_satisfied_points': 'ev_points' })
    expect(ruleFaults({ ...ruleFormOf(), basically_satisfied_from: 90 })).toEqual({ 'rule.basically_satisfied_from': 'ev_thresholds' })
    expect(ruleFaults({ ...ruleFormOf(), satisfied_points: null })).toEqual({ 'rule.basically_satisfied_points': 'ev_points' })
  })
})

describe('a new campaign (EV 6)', () => {
  it('defaults to this year, a month from today, every unit, and sends no questions so the server sets the five standard ones', () => {
    setLocale('zh')
    const f = campaignDefaults('2026-12-03')
    expect(f).toMatchObject({ year: 2026, title: '2026年度政务公开社会评议', opens_on: '2026-12-03', closes_on: '2027-01-02', all_units: true, address_daily_limit: 20 })
    expect(campaignFaults(f)).toEqual({})
    const body = campaignBody(f)
    expect(body).toEqual({ year: 2026, title: '2026年度政务公开社会评议', opens_on: '2026-12-03', closes_on: '2027-01-02', unit_ids: null, address_daily_limit: 20, rule: DEFAULT_RULE })
    expect('questions' in body).toBe(false)
    expect(campaignBody({ ...f, all_units: false, unit_ids: [KOUQIAN, SHUANGHE, KOUQIAN], address_daily_limit: 22 })).toMatchObject({ unit_ids: [KOUQIAN, SHUANGHE], address_daily_limit: 22 })
  })

  it('refuses what the server would refuse, at its field', () => {
    const f = campaignDefaults('2026-12-03')
    expect(campaignFaults({ ...f, closes_on: '2026-12-01' })).toEqual({ closes_on: 'before_start' })
    expect(campaignFaults({ ...f, all_units: false })).toEqual({ unit_ids: 'required' })
    expect(campaignFaults({ ...f, address_daily_limit: 0 })).toEqual({ address_daily_limit: 'ev_limit' })
    expect(campaignFaults({ ...f, year: 2019, title: '年' })).toEqual({ year: 'ev_year', title: 'length' })
  })
})

describe('answering a questionnaire', () => {
  it('groups the questions by dimension in the order of EV 3 and numbers them in that order', () => {
    expect(byDimension(QUESTIONS).map((g) => [g.dimension, g.questions.map((q) => q.id)])).toEqual([
      ['content', ['q-content']],
      ['form', ['q-form']],
      ['hot_issue', ['q-hot']],
    ])
  })

  it('builds one answer per question in the questionnaire’s order, and names each unanswered one at its own field', () => {
    const ratings = { 'q-hot': 'dissatisfied', 'q-form': 'basically_satisfied', 'q-content': 'satisfied' } as const
    expect(answersOf(QUESTIONS, ratings)).toEqual([
      { question_id: 'q-content', rating: 'satisfied' },
      { question_id: 'q-form', rating: 'basically_satisfied' },
      { question_id: 'q-hot', rating: 'dissatisfied' },
    ])
    expect(ratingFaults(QUESTIONS, { ...ratings, 'q-form': '' })).toEqual({ answers: 'ev_answers', 'answers.q-form': 'ev_rating' })
    expect(() => answersOf(QUESTIONS, { ...ratings, 'q-hot': '' })).toThrow()
  })

  it('takes a mobile number or an email as the contact, trimmed, and leaves a blank opinion out', () => {
    expect(contactKind('+86 138-0000-1234')).toBe('mobile')
    expect(contactKind(' Li@Example.CN ')).toBe('email')
    expect(contactKind('0432-6420')).toBeNull()
    expect(contactKind('1380000123')).toBeNull()
    const form = { unit_id: KOUQIAN, contact: ' 13800000001 ', opinion: '  ', ratings: { 'q-hot': 'satisfied', 'q-form': 'satisfied', 'q-content': 'satisfied' } as const }
    expect(responseFaults(form, QUESTIONS)).toEqual({})
    expect(responseBody(form, QUESTIONS)).toEqual({
      unit_id: KOUQIAN,
      contact: '13800000001',
      opinion: null,
      answers: [
        { question_id: 'q-content', rating: 'satisfied' },
        { question_id: 'q-form', rating: 'satisfied' },
        { question_id: 'q-hot', rating: 'satisfied' },
      ],
    })
    expect(responseBody({ ...form, opinion: ' 希望及时公开低保名单。 ' }, QUESTIONS).opinion).toBe('希望及时公开低保名单。')
    expect(responseFaults({ ...form, unit_id: '', contact: '0432-6420' }, QUESTIONS)).toEqual({ unit_id: 'required', contact: 'ev_contact' })
  })

  it('keeps only the errors still at fault, and adds none before the next submit', () => {
    expect(stillAtFault({ contact: '请填写11位手机号码或电子邮箱', 'answers.q-form': '请选择' }, { 'answers.q-form': 'ev_rating', unit_id: 'required' })).toEqual({ 'answers.q-form': '请选择' })
    expect(stillAtFault({}, { unit_id: 'required' })).toEqual({})
  })

  it('numbers a batch’s paper sheets on, and checks the day they were handed out', () => {
    expect(nextSheet('007')).toBe('008')
    expect(nextSheet('9')).toBe('10')
    expect(nextSheet('A-9')).toBe('A-10')
    expect(nextSheet('甲')).toBe('甲')
    const ratings = { 'q-hot': 'satisfied', 'q-form': 'satisfied', 'q-content': 'satisfied' } as const
    const sheet = { unit_id: KOUQIAN, handed_out_at: '口前镇政务服务中心', handed_out_on: '2026-12-04', sheet: '1', opinion: '', ratings }
    expect(paperFaults(sheet, QUESTIONS, '2026-12-03')).toEqual({ handed_out_on: 'in_future' })
    expect(paperFaults({ ...sheet, handed_out_on: '2026-12-03' }, QUESTIONS, '2026-12-03')).toEqual({})
  })
})

describe('the device token', () => {
  it('is made once, kept in the browser and sent again from then on', () => {
    const token = deviceToken()
    expect(token).toMatch(/^[0-9a-f]{32}$/)
    expect(localStorage.getItem(DEVICE_KEY)).toBe(token)
    expect(deviceToken()).toBe(token)
    // One that could not be a token is replaced.
    localStorage.setItem(DEVICE_KEY, 'short')
    const fresh = deviceToken()
    expect(fresh).not.toBe('short')
    expect(localStorage.getItem(DEVICE_KEY)).toBe(fresh)
  })

  it('lasts the page’s life where the browser keeps nothing', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied')
      },
      setItem: () => {
        throw new Error('denied')
      },
    }
    const random = vi.fn(() => 'p'.repeat(32))
    expect(deviceToken(refusing, random)).toBe('p'.repeat(32))
    expect(deviceToken(refusing, random)).toBe('p'.repeat(32))
  })
})

describe('the invitation token', () => {
  it('is read from the link’s fragment, and nothing else passes for one', () => {
    expect(invitationToken(`#${TOKEN}`)).toBe(TOKEN)
    expect(invitationToken(TOKEN)).toBe(TOKEN)
    expect(invitationToken('')).toBeNull()
    expect(invitationToken('#')).toBeNull()
    expect(invitationToken('#short')).toBeNull()
    expect(invitationToken('#%E4%B8')).toBeNull()
    expect(invitationToken(`#${TOKEN}/x`)).toBeNull()
  })

  it('invites a representative by email for units of the campaign', () => {
    expect(invitationFaults({ name: '', category: '', email: 'x', unit_ids: [] })).toEqual({ name: 'required', category: 'required', email: 'email', unit_ids: 'required' })
    expect(invitationFaults({ name: '王代表', category: 'deputy', email: 'wang@example.org', unit_ids: [KOUQIAN] })).toEqual({})
  })
})

describe('rectification (EV 7)', () => {
  it('makes a task of a counted response’s opinion within 5 to 60 working days', () => {
    expect(taskFaults({ requirement: '及时公开', working_days: 4 })).toEqual({ working_days: 'ev_working_days' })
    expect(taskFaults({ requirement: '公开', working_days: 61 })).toEqual({ requirement: 'length', working_days: 'ev_working_days' })
    expect(taskBody({ unit_id: KOUQIAN, response_id: 'r-1' }, { requirement: ' 按月公开低保资金发放明细。 ', working_days: 5 })).toEqual({
      unit_id: KOUQIAN,
      response_id: 'r-1',
      requirement: '按月公开低保资金发放明细。',
      working_days: 5,
    })
  })

  it('gives a new period only when a task goes back to the unit', () => {
    expect(reviewFaults({ accepted: null, note: '', working_days: null })).toEqual({ accepted: 'required', note: 'required' })
    expect(reviewFaults({ accepted: true, note: '整改到位', working_days: null })).toEqual({})
    expect(reviewFaults({ accepted: false, note: '未公开明细', working_days: null })).toEqual({ working_days: 'required' })
    expect(reviewBody({ accepted: true, note: ' 整改到位 ', working_days: 10 })).toEqual({ accepted: true, note: '整改到位', working_days: null })
    expect(reviewBody({ accepted: false, note: '未公开明细', working_days: 5 })).toEqual({ accepted: false, note: '未公开明细', working_days: 5 })
  })

  it('takes the unit’s report with how the person was told', () => {
    expect(reportFaults({ report: '已公开', feedback_method: '', feedback_note: '' })).toEqual({ report: 'length', feedback_method: 'required', feedback_note: 'required' })
    const report = { report: ' 已在门户网站按月公开低保资金发放明细。 ', feedback_method: 'online_notice', feedback_note: ' 门户网站评议整改公示栏目 ' } as const
    expect(reportFaults(report)).toEqual({})
    expect(reportBody(report)).toEqual({ report: '已在门户网站按月公开低保资金发放明细。', feedback_method: 'online_notice', feedback_note: '门户网站评议整改公示栏目' })
  })

  it('links the tasks’ reminders to the unit’s page in the console', () => {
    expect(unitTasksRoute(KOUQIAN)).toBe(`/units/${KOUQIAN}/rectifications`)
    expect(consoleRoute(`/console/units/${KOUQIAN}/rectifications`)).toBe(unitTasksRoute(KOUQIAN))
  })
})

// --- Pages ---------------------------------------------------------------------------------------

const CAMPAIGN: PublicCampaign = {
  id: 'c-2026',
  year: 2026,
  title: '2026年度政务公开社会评议',
  opens_on: '2026-12-03',
  closes_on: '2026-12-31',
  questionnaire_version: 1,
  units: UNITS,
  questions: QUESTIONS,
}

type Sent = { method: string; path: string; headers: Headers; body: unknown; url: string }

function serve(answer: (req: Sent) => Response | undefined) {
  const sent: Sent[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url, 'http://localhost')
      const body = request.method === 'GET' ? null : await request.json()
      const req = { method: request.method, path: url.pathname, headers: request.headers, body, url: request.url }
      sent.push(req)
      return answer(req) ?? json({ code: 'not_found', message: 'not found', fields: [] }, 404)
    }),
  )
  return sent
}

async function openPortal(path: string, component: object, route: string) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: route, component }, { path: '/:p(.*)*', component: { render: () => null } }] })
  await router.push(path)
  const Host = defineComponent({ setup: () => () => h(RouterView) })
  const wrapper = mount(Host, { global: { plugins: [ElementPlus, router] }, attachTo: document.body })
  await flushPromises()
  await flushPromises()
  return wrapper
}

async function rate(wrapper: VueWrapper, ratings: Record<string, string>) {
  for (const [id, rating] of Object.entries(ratings)) await wrapper.get(`[data-question=${id}] input[value=${rating}]`).setValue(true)
}

describe('the portal’s questionnaire', () => {
  const NOT_COUNTED = '您已对该单位进行过评议，本次评议已记录但不重复计入结果。'

  it('is labelled for screen readers: a group per dimension and per question, three named choices each', async () => {
    setLocale('zh')
    serve((r) => (r.path === '/api/v1/public/evaluations' ? json([CAMPAIGN]) : undefined))
    const wrapper = await openPortal(`/evaluate?unit=${KOUQIAN}`, Evaluate, '/evaluate')
    expect(wrapper.get('[data-test=evaluate-page]').attributes('data-state')).toBe('ready')
    const dims = wrapper.findAll('[data-test=ev-dimension]')
    expect(dims.map((d) => d.find('legend').text())).toEqual(['公开内容', '公开形式', '热点问题'])
    const questions = wrapper.findAll('[data-test=ev-question]')
    expect(questions.map((q) => q.find('legend').text())).toEqual([
      '1. 该单位公开的政府信息是否全面、真实、准确？',
      '2. 您能否方便地获取该单位公开的政府信息？',
      '3. 您对该单位公开低保资金发放情况是否满意？',
    ])
    for (const q of questions) {
      expect(q.findAll('label').map((l) => l.text())).toEqual(['满意', '基本满意', '不满意'])
      // The three radios of a question are one group: one name.
      expect(new Set(q.findAll('input[type=radio]').map((i) => i.attributes('name'))).size).toBe(1)
    }
    expect(wrapper.find('label[for=ev-contact]').exists()).toBe(true)
    expect(wrapper.find('label[for=ev-opinion]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('sends nothing until every question is rated and the contact is a mobile or email', async () => {
    setLocale('zh')
    const sent = serve((r) => (r.path === '/api/v1/public/evaluations' ? json([CAMPAIGN]) : undefined))
    const wrapper = await openPortal(`/evaluate?unit=${KOUQIAN}`, Evaluate, '/evaluate')
    await rate(wrapper, { 'q-content': 'satisfied' })
    await wrapper.get('input#ev-contact').setValue('0432-6420')
    await wrapper.get('[data-test=ev-form]').trigger('submit')
    await flushPromises()
    expect(sent.filter((s) => s.method === 'POST')).toHaveLength(0)
    expect(wrapper.findAll('[data-test=ev-question-error]')).toHaveLength(2)
    expect(wrapper.get('[data-question=q-form]').attributes('aria-describedby')).toBe('ev-q-q-form-error')
    expect(wrapper.get('[data-test=ev-answers-error]').text()).toBe('请对每一个问题作出评价')
    await vi.waitFor(() => expect(wrapper.text()).toContain('请填写11位手机号码或电子邮箱'))
    // Put right, an error goes; the others stay until they are.
    await rate(wrapper, { 'q-form': 'satisfied' })
    expect(wrapper.findAll('[data-test=ev-question-error]')).toHaveLength(1)
    expect(wrapper.get('[data-question=q-form]').attributes('aria-describedby')).toBeUndefined()
    await wrapper.get('input#ev-contact').setValue('13800000001')
    await vi.waitFor(() => expect(wrapper.text()).not.toContain('请填写11位手机号码或电子邮箱'))
    await rate(wrapper, { 'q-hot': 'satisfied' })
    expect(wrapper.find('[data-test=ev-answers-error]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('sends the answers with the browser’s device token, and shows a discarded receipt’s message as an answer, not an error', async () => {
    setLocale('zh')
    const sent = serve((r) => {
      if (r.path === '/api/v1/public/evaluations') return json([CAMPAIGN])
      if (r.method === 'POST' && r.path === `/api/v1/public/evaluations/${CAMPAIGN.id}/responses`) {
        return json({ counted: false, discarded: 'same_device', message: NOT_COUNTED }, 201)
      }
      return undefined
    })
    const wrapper = await openPortal(`/evaluate?unit=${KOUQIAN}`, Evaluate, '/evaluate')
    await rate(wrapper, { 'q-hot': 'dissatisfied', 'q-form': 'basically_satisfied', 'q-content': 'satisfied' })
    await wrapper.get('input#ev-contact').setValue(' 13800000001 ')
    await wrapper.get('[data-test=ev-form]').trigger('submit')
    await flushPromises()
    const posts = sent.filter((s) => s.method === 'POST')
    expect(posts).toHaveLength(1)
    expect(posts[0].body).toEqual({
      unit_id: KOUQIAN,
      contact: '13800000001',
      opinion: null,
      answers: [
        { question_id: 'q-content', rating: 'satisfied' },
        { question_id: 'q-form', rating: 'basically_satisfied' },
        { question_id: 'q-hot', rating: 'dissatisfied' },
      ],
    })
    const token = posts[0].headers.get('X-Device-Token')
    expect(token).toMatch(/^[0-9a-f]{32}$/)
    expect(localStorage.getItem(DEVICE_KEY)).toBe(token)

    const receipt = wrapper.get('[data-test=ev-receipt]')
    expect(receipt.attributes('data-counted')).toBe('false')
    expect(receipt.attributes('data-discarded')).toBe('same_device')
    expect(wrapper.get('[data-test=ev-receipt-message]').text()).toBe(NOT_COUNTED)
    expect(receipt.text()).toContain('评议已记录，但未计入结果 · 永吉县口前镇人民政府')
    expect(receipt.find('.el-alert--warning').exists()).toBe(true)
    expect(wrapper.find('[data-test=ev-error]').exists()).toBe(false)

    // The next unit: the contact stays, the ratings are cleared, the same token goes again.
    await wrapper.get('[data-test=ev-again]').trigger('click')
    await flushPromises()
    expect((wrapper.get('input#ev-contact').element as HTMLInputElement).value).toBe(' 13800000001 ')
    expect(wrapper.findAll('[data-test=ev-question]').map((q) => q.attributes('data-rating'))).toEqual(['', '', ''])
    wrapper.unmount()

    const again = await openPortal(`/evaluate?unit=${SHUANGHE}`, Evaluate, '/evaluate')
    await rate(again, { 'q-hot': 'satisfied', 'q-form': 'satisfied', 'q-content': 'satisfied' })
    await again.get('input#ev-contact').setValue('li@example.org')
    await again.get('[data-test=ev-form]').trigger('submit')
    await flushPromises()
    const second = sent.filter((s) => s.method === 'POST')[1]
    expect((second.body as { unit_id: string }).unit_id).toBe(SHUANGHE)
    expect(second.headers.get('X-Device-Token')).toBe(token)
    again.unmount()
  })

  it('says so when no evaluation is open', async () => {
    setLocale('zh')
    serve((r) => (r.path === '/api/v1/public/evaluations' ? json([]) : undefined))
    const wrapper = await openPortal('/evaluate', Evaluate, '/evaluate')
    expect(wrapper.get('[data-test=ev-none]').text()).toBe('目前没有正在进行的社会评议。')
    expect(wrapper.find('[data-test=ev-form]').exists()).toBe(false)
    wrapper.unmount()
  })
})

describe('the invited representative’s page', () => {
  const INVITED: Invited = {
    campaign_id: CAMPAIGN.id,
    title: CAMPAIGN.title,
    name: '王代表',
    category: 'deputy',
    units: UNITS,
    answered: [KOUQIAN],
    questions: QUESTIONS,
  }

  it('reads the token from the fragment and sends it in the header only, marks the units answered, and answers the others', async () => {
    setLocale('zh')
    history.replaceState(null, '', `/evaluate/invited#${TOKEN}`)
    let answered = [KOUQIAN]
    const sent = serve((r) => {
      if (r.path === '/api/v1/public/evaluations/invitation') return json({ ...INVITED, answered })
      if (r.path === '/api/v1/public/evaluations/invitation/responses') {
        answered = [KOUQIAN, SHUANGHE]
        return json({ counted: true, discarded: null, message: '感谢您的评议，您的意见已计入评议结果。' }, 201)
      }
      return undefined
    })
    const wrapper = await openPortal('/evaluate/invited', EvaluateInvited, '/evaluate/invited')
    expect(wrapper.get('[data-test=invited-page]').attributes('data-state')).toBe('ready')
    expect(wrapper.get('[data-test=inv-greeting]').text()).toBe('王代表（人大代表），您好：')
    const first = sent[0]
    expect(first.headers.get('X-Invitation-Token')).toBe(TOKEN)
    expect(first.url).not.toContain(TOKEN)
    const rows = wrapper.findAll('[data-test=inv-unit]')
    expect(rows.map((r) => [r.attributes('data-unit'), r.attributes('data-answered')])).toEqual([
      [KOUQIAN, 'true'],
      [SHUANGHE, 'false'],
    ])
    expect(rows[0].find('[data-test=inv-answered]').text()).toBe('已评议')
    expect(rows[0].find('[data-test=inv-start]').exists()).toBe(false)

    await rows[1].get('[data-test=inv-start]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-test=inv-form]').attributes('data-unit')).toBe(SHUANGHE)
    await rate(wrapper, { 'q-hot': 'satisfied', 'q-form': 'satisfied', 'q-content': 'basically_satisfied' })
    await wrapper.get('[data-test=inv-opinion]').setValue('建议公开村级财务。')
    await wrapper.get('[data-test=inv-form]').trigger('submit')
    await flushPromises()
    await flushPromises()
    const post = sent.find((s) => s.method === 'POST')!
    expect(post.headers.get('X-Invitation-Token')).toBe(TOKEN)
    expect(post.url).not.toContain(TOKEN)
    expect(post.body).toEqual({
      unit_id: SHUANGHE,
      opinion: '建议公开村级财务。',
      answers: [
        { question_id: 'q-content', rating: 'basically_satisfied' },
        { question_id: 'q-form', rating: 'satisfied' },
        { question_id: 'q-hot', rating: 'satisfied' },
      ],
    })
    expect(wrapper.get('[data-test=ev-receipt-message]').text()).toBe('感谢您的评议，您的意见已计入评议结果。')
    expect(wrapper.findAll('[data-test=inv-unit]').map((r) => r.attributes('data-answered'))).toEqual(['true', 'true'])
    expect(wrapper.find('[data-test=inv-all-done]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('asks for the whole link when the fragment has no token, without asking the server', async () => {
    setLocale('zh')
    history.replaceState(null, '', '/evaluate/invited')
    const sent = serve(() => undefined)
    const wrapper = await openPortal('/evaluate/invited', EvaluateInvited, '/evaluate/invited')
    expect(wrapper.get('[data-test=inv-failed]').text()).toContain('链接不完整')
    expect(sent).toHaveLength(0)
    wrapper.unmount()
  })

  it('says a link the server does not know is not valid', async () => {
    setLocale('zh')
    history.replaceState(null, '', `/evaluate/invited#${TOKEN}`)
    serve(() => undefined)
    const wrapper = await openPortal('/evaluate/invited', EvaluateInvited, '/evaluate/invited')
    expect(wrapper.get('[data-test=inv-failed]').text()).toContain('链接无效')
    wrapper.unmount()
  })
})

const unitResult = (over: Partial<UnitResult>): UnitResult => ({
  unit_id: KOUQIAN,
  unit_name: '永吉县口前镇人民政府',
  public_responses: 0,
  representative_responses: 0,
  representatives_by_category: [],
  paper_responses: 0,
  discarded: [],
  dimensions: [],
  public_score: null,
  representative_score: null,
  score: null,
  rating: null,
  ...over,
})

const tally = (s: number, b: number, d: number) => ({ satisfied: s, basically_satisfied: b, dissatisfied: d })

/** 口前镇: the public 12 / 6 / 2 on each question (78.00), two representatives 1 / 1 (80.00): 79.00, 基本满意. */
const RESULTS: Results = {
  campaign_id: 'c-2026',
  year: 2026,
  rule: DEFAULT_RULE,
  units: [
    unitResult({
      public_responses: 20,
      representative_responses: 2,
      representatives_by_category: [
        { category: 'deputy', responses: 1 },
        { category: 'media', responses: 1 },
      ],
      discarded: [
        { reason: 'same_contact', responses: 1 },
        { reason: 'same_device', responses: 1 },
        { reason: 'address_limit', responses: 1 },
      ],
      dimensions: (['content', 'form'] as const).map((dimension) => ({ dimension, public: tally(12, 6, 2), representatives: tally(1, 1, 0), score: 7900 })),
      public_score: 7800,
      representative_score: 8000,
      score: 7900,
      rating: 'basically_satisfied',
    }),
    unitResult({ unit_id: SHUANGHE, unit_name: '永吉县双河镇人民政府' }),
  ],
}

describe('the results tab', () => {
  const campaign = { ...CAMPAIGN, status: 'closed', rule: DEFAULT_RULE, address_daily_limit: 22, responses_counted: 22, responses_discarded: 3, updated_at: '2026-12-03T08:00:00Z' } as Campaign

  it('shows each unit’s counts, discards by reason, scores to two decimals and rating, the rule in words and a chart with a text alternative', async () => {
    setLocale('zh')
    serve((r) => (r.path === `/api/v1/evaluation/campaigns/${campaign.id}/results` ? json(RESULTS) : undefined))
    const wrapper = mount(ResultsTab, { props: { campaign, active: true }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.get('[data-test=ev-results-tab]').attributes('data-state')).toBe('ready')
    expect(wrapper.get('[data-test=ev-rule]').text()).toBe(ruleText(DEFAULT_RULE))
    expect(wrapper.get('[data-test=ev-r-final]').text()).toBe('评议已结束，以下为最终结果。')
    // The columns: the dimensions rated only (no hot issue here).
    expect(wrapper.findAll('[data-test=ev-results] thead th').map((th) => th.text())).toEqual([
      '单位', '公众评议（份）', '代表评议（份）', '未计入（份）', '公开内容', '公开形式', '公众得分', '代表得分', '综合得分', '评议结果',
    ])
    const row = wrapper.get(`[data-test=ev-result][data-unit="${KOUQIAN}"]`)
    const cell = (key: string) => row.get(`[data-key=${key}]`)
    expect(row.get('[data-test=ev-r-public]').text()).toBe('20')
    expect(row.findAll('[data-test=ev-r-category]').map((c) => c.text())).toEqual(['人大代表 1', '新闻媒体 1'])
    expect(cell('discarded').attributes('data-total')).toBe('3')
    expect(row.findAll('[data-test=ev-r-discard]').map((d) => d.text())).toEqual(['同一联系方式重复评议 1', '同一设备重复评议 1', '同一网络地址超过每日上限 1'])
    expect(cell('dim-content').text()).toBe('79.00')
    expect(cell('public_score').text()).toBe('78.00')
    expect(cell('representative_score').text()).toBe('80.00')
    expect(cell('score').text()).toBe('79.00')
    expect(row.get('[data-test=ev-r-rating]').text()).toBe('基本满意')
    const none = wrapper.get(`[data-test=ev-result][data-unit="${SHUANGHE}"]`)
    expect(none.get('[data-key=score]').text()).toBe('—')
    expect(none.get('[data-test=ev-r-rating]').text()).toBe('暂无评议')

    // The chart: only units with ratings; each bar out of 100 points; its summary is the text alternative.
    const charts = wrapper.findAll('[data-test=ev-chart]')
    expect(charts).toHaveLength(1)
    const summary = charts[0].get('[data-test=ev-chart-summary]')
    expect(charts[0].attributes('aria-describedby')).toBe(summary.attributes('id'))
    expect(summary.text()).toBe('永吉县口前镇人民政府：公开内容 79.00 分，公开形式 79.00 分；综合得分 79.00 分，评议结果为基本满意。')
    const bar = charts[0].get('[data-test=ev-bar][data-dimension=content]')
    expect(bar.attributes('data-score')).toBe('79.00')
    expect(bar.get('[data-test=ev-bar-fill]').attributes('width')).toBe('79')
    expect(bar.get('svg').attributes('aria-hidden')).toBe('true')
    wrapper.unmount()
  })

  it('names the dimensions any unit was rated on, in the order of EV 3', () => {
    expect(resultDimensions(RESULTS)).toEqual(['content', 'form'])
    expect(chartSummary(RESULTS.units[1], ['content'])).toBe('永吉县双河镇人民政府：公开内容 — 分；暂无综合得分。')
  })
})

type Me = NonNullable<(typeof me)['value']>

describe('the console’s ways in', () => {
  const person = (over: Partial<Me>): Me =>
    ({
      id: 'me',
      username: 'someone',
      display_name: '某人',
      is_platform_admin: false,
      county_id: 'k',
      county_permissions: [],
      platform_permissions: [],
      memberships: [],
      ...over,
    }) as unknown as Me

  async function nav(user: Me) {
    vi.stubGlobal('fetch', vi.fn(async () => json({ unread: 0 })))
    me.value = user
    const router = createRouter({ history: createMemoryHistory('/console/'), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
    await router.push('/')
    const wrapper = mount(ConsoleApp, { global: { plugins: [ElementPlus, router] } })
    await flushPromises()
    return wrapper
  }

  const membership = (unit_id: string, fn: string | null, permissions: string[]) => ({ unit_id, unit_name: '单位', role: 'handler', function: fn, is_principal: false, duties: [], permissions })

  it('leads readers of the evaluation to the campaigns, and unit staff to their rectification tasks', async () => {
    setLocale('zh')
    selectUnit('lg')
    const group = await nav(person({ county_permissions: ['evaluation.read', 'evaluation.manage'], memberships: [membership('lg', 'leading_group', ['evaluation.rectify'])] as Me['memberships'] }))
    expect(group.get('[data-test=nav-evaluation]').text()).toBe('社会评议')
    expect(group.get('[data-test=nav-evaluation]').attributes('href')).toBe('/console/evaluation')
    // The group is not evaluated: it has no rectification tasks of its own.
    expect(group.find('[data-test=nav-rectifications]').exists()).toBe(false)
    group.unmount()

    selectUnit(KOUQIAN)
    const town = await nav(person({ memberships: [membership(KOUQIAN, null, ['evaluation.rectify', 'item.read'])] as Me['memberships'] }))
    expect(town.find('[data-test=nav-evaluation]').exists()).toBe(false)
    const link = town.get('[data-test=nav-rectifications]')
    expect(link.text()).toBe('评议整改')
    expect(link.attributes('href')).toBe(`/console/units/${KOUQIAN}/rectifications`)
    town.unmount()
  })

  it('opens a new campaign on this year, sending no questions so the server sets the standard five', async () => {
    setLocale('zh')
    me.value = person({ county_permissions: ['evaluation.manage'] })
    const sent = serve((r) => {
      if (r.path === '/api/v1/directory') return json({ units: [] })
      if (r.method === 'POST' && r.path === '/api/v1/evaluation/campaigns') return json({ id: 'new' }, 201)
      return undefined
    })
    const wrapper = mount(CreateDialog, { props: { open: false }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await wrapper.setProps({ open: true })
    await flushPromises()
    const today = beijingToday()
    const year = today.slice(0, 4)
    expect((document.querySelector('input#ev-year') as HTMLInputElement).value).toBe(year)
    expect((document.querySelector('input#ev-title') as HTMLInputElement).value).toBe(`${year}年度政务公开社会评议`)
    ;(document.querySelector('[data-test=ev-create-form]') as HTMLFormElement).dispatchEvent(new Event('submit'))
    await flushPromises()
    const post = sent.find((s) => s.method === 'POST')!
    expect(post.body).toMatchObject({ year: Number(year), opens_on: today, unit_ids: null, address_daily_limit: 20, rule: DEFAULT_RULE })
    expect(post.body).not.toHaveProperty('questions')
    expect(wrapper.emitted('created')?.[0]).toEqual([{ id: 'new' }])
    wrapper.unmount()
  })
})
