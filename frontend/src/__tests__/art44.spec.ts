import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { RouterView, createMemoryHistory, createRouter } from 'vue-router'
import {
  applicationLinks,
  decisionBody,
  decisionFaults,
  normalizeTopic,
  portalSuggestion,
  sourceLabel,
  statusLabel,
  statusTagType,
  suggestionControls,
  suggestionReasonFaults,
  suggestionRequestBody,
  suggestionsRoute,
  topicBody,
  topicControl,
  topicFaults,
  type Suggestion,
} from '../common/art44'
import { eventFacts, eventLabel } from '../common/events'
import { consoleRoute } from '../console/links'
import { me } from '../console/session'
import Suggestions from '../console/pages/applications/Suggestions.vue'
import TopicPanel from '../console/pages/applications/TopicPanel.vue'
import type { Detail } from '../console/pages/applications/action'
import TrackStatus from '../portal/components/TrackStatus.vue'
import type { Schemas } from '../api/client'
import { setLocale, t } from '../i18n'

afterEach(() => {
  vi.unstubAllGlobals()
  setLocale('zh')
  me.value = null
  localStorage.clear()
})

const handler = new Set(['application.read', 'application.handle'])
const leader = new Set(['application.read', 'application.handle', 'application.approve'])
const office = new Set(['application.read', 'application.supervise'])
const TOPIC = '2026年农村公路建设项目招标结果'

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

function suggestion(over: Partial<Suggestion> = {}): Suggestion {
  return {
    id: 's-1',
    unit_id: 'u-1',
    topic: TOPIC,
    source: 'applications',
    applicants: 3,
    reason: null,
    status: 'open',
    decision_note: null,
    decided_at: null,
    created_at: '2026-12-02T02:00:00Z',
    application_ids: ['a-1', 'a-2', 'a-3'],
    ...over,
  }
}

describe('the topic of an application (Art. 44)', () => {
  it('is normalised as the server compares it, and sent so', () => {
    expect(normalizeTopic('  2026年  农村公路\t建设项目\n招标结果 ')).toBe('2026年 农村公路 建设项目 招标结果')
    expect(topicBody(` ${TOPIC}  `)).toEqual({ topic: TOPIC })
    expect(topicBody('农村  公路')).toEqual({ topic: '农村 公路' })
  })

  it('takes 2 to 200 characters', () => {
    expect(topicFaults('')).toEqual({ topic: 'required' })
    expect(topicFaults('   ')).toEqual({ topic: 'required' })
    expect(topicFaults('路')).toEqual({ topic: 'length' })
    expect(topicFaults('公路')).toEqual({})
    expect(topicFaults('路'.repeat(200))).toEqual({})
    expect(topicFaults('路'.repeat(201))).toEqual({ topic: 'length' })
  })

  it("is named by the unit's handlers, read by others, and absent from a correction request", () => {
    const disclosure = { request_kind: 'disclosure' as const, topic: null }
    expect(topicControl(disclosure, handler)).toBe('edit')
    expect(topicControl(disclosure, leader)).toBe('edit')
    expect(topicControl(disclosure, office)).toBe('none')
    expect(topicControl({ ...disclosure, topic: TOPIC }, office)).toBe('show')
    expect(topicControl({ request_kind: 'correction', topic: null }, handler)).toBe('none')
    expect(topicControl({ request_kind: 'correction', topic: null }, leader)).toBe('none')
    expect(topicControl({ request_kind: 'correction', topic: TOPIC }, office)).toBe('none')
  })

  it('says what it is for', () => {
    setLocale('zh')
    expect(t('a44.topic')).toBe('信息主题（用于统计同类申请，条例第四十四条）')
    setLocale('en')
    expect(t('a44.topic')).toBe('Information asked for (to count similar applications, Art. 44)')
  })
})

describe('the topic panel', () => {
  const detail = { id: 'a-1', unit_id: 'u-1', status: 'in_progress', request_kind: 'disclosure', topic: null } as unknown as Detail

  it('asks for a topic, then sends it normalised and hands the application back', async () => {
    setLocale('zh')
    const seen: { method: string; url: string; body: unknown }[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        seen.push({ method: request.method, url: request.url, body: await request.json() })
        return json({ ...detail, topic: TOPIC })
      }),
    )
    const wrapper = mount(TopicPanel, { props: { detail, canEdit: true }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    expect(wrapper.get('h3').text()).toBe('信息主题（用于统计同类申请，条例第四十四条）')
    expect(wrapper.get('[data-test=topic-none]').text()).toBe('尚未填写')
    await wrapper.get('[data-test=topic-form]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.get('[data-test=panel-topic] .el-form-item__error').text()).toBe('必填'))
    await wrapper.get('input[data-test=topic-input]').setValue('路')
    await wrapper.get('[data-test=topic-form]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.get('[data-test=panel-topic] .el-form-item__error').text()).toBe('长度不符合要求'))
    expect(seen).toHaveLength(0)

    await wrapper.get('input[data-test=topic-input]').setValue(`  2026年农村公路建设项目招标结果  `)
    await wrapper.get('[data-test=topic-form]').trigger('submit')
    await flushPromises()
    expect(seen).toEqual([{ method: 'PUT', url: expect.stringMatching(/\/api\/v1\/units\/u-1\/applications\/a-1\/topic$/), body: { topic: TOPIC } }])
    expect(wrapper.emitted('updated')?.[0]?.[0]).toMatchObject({ topic: TOPIC })
    await vi.waitFor(() => expect(wrapper.find('[data-test=panel-topic] .el-form-item__error').exists()).toBe(false))
    expect(wrapper.find('[data-test=panel-topic] .el-form-item.is-error').exists()).toBe(false)
    await wrapper.setProps({ detail: { ...detail, topic: TOPIC } as Detail })
    expect(wrapper.get('[data-test=topic-current]').text()).toBe(TOPIC)
    expect((wrapper.get('input[data-test=topic-input]').element as HTMLInputElement).value).toBe(TOPIC)
    wrapper.unmount()
  })

  it('only shows the topic to someone who may not name it', () => {
    setLocale('zh')
    const wrapper = mount(TopicPanel, { props: { detail: { ...detail, topic: TOPIC } as Detail, canEdit: false }, global: { plugins: [ElementPlus] } })
    expect(wrapper.get('[data-test=topic-current]').text()).toBe(TOPIC)
    expect(wrapper.find('[data-test=topic-form]').exists()).toBe(false)
    wrapper.unmount()
  })
})

describe('prompts and suggestions', () => {
  it('names the sources and the statuses in both languages', () => {
    setLocale('zh')
    expect(sourceLabel('applications')).toBe('多名申请人申请同一信息')
    expect(sourceLabel('applicant')).toBe('申请人建议')
    expect((['open', 'accepted', 'declined'] as const).map(statusLabel)).toEqual(['待决定', '已决定纳入主动公开', '决定不纳入主动公开'])
    expect(t('nav.suggestions')).toBe('主动公开建议')
    expect(t('a44.acceptedHint')).toBe('已决定纳入主动公开，将在主动公开模块发布。')
    setLocale('en')
    expect(t('nav.suggestions')).toBe('Suggested for proactive disclosure')
    expect(sourceLabel('applicant')).toBe("An applicant's suggestion")
    expect((['open', 'accepted', 'declined'] as const).map(statusLabel)).toEqual(['To decide', 'To be published proactively', 'Not to be published proactively'])
    expect((['open', 'accepted', 'declined'] as const).map(statusTagType)).toEqual(['warning', 'success', 'info'])
  })

  it("gives the decision to the unit's leader only, while it is open", () => {
    expect(suggestionControls({ status: 'open' }, leader)).toEqual({ decide: true, awaitingLeader: false, publishNote: false })
    expect(suggestionControls({ status: 'open' }, handler)).toEqual({ decide: false, awaitingLeader: true, publishNote: false })
    expect(suggestionControls({ status: 'open' }, office)).toEqual({ decide: false, awaitingLeader: true, publishNote: false })
    expect(suggestionControls({ status: 'accepted' }, leader)).toEqual({ decide: false, awaitingLeader: false, publishNote: true })
    expect(suggestionControls({ status: 'declined' }, leader)).toEqual({ decide: false, awaitingLeader: false, publishNote: false })
    expect(suggestionControls({ status: 'accepted' }, handler)).toEqual({ decide: false, awaitingLeader: false, publishNote: true })
  })

  it('asks for the decision and a reason of 2 to 2000 characters, and sends them', () => {
    expect(decisionFaults({ accept: null, note: '' })).toEqual({ accept: 'required', note: 'required' })
    expect(decisionFaults({ accept: true, note: '好' })).toEqual({ note: 'length' })
    expect(decisionFaults({ accept: false, note: '理'.repeat(2001) })).toEqual({ note: 'length' })
    expect(decisionFaults({ accept: false, note: '涉及个人信息' })).toEqual({})
    expect(decisionBody({ accept: true, note: '  公众关注度高，应当主动公开。 ' })).toEqual({ accept: true, note: '公众关注度高，应当主动公开。' })
    expect(decisionBody({ accept: false, note: '涉及第三方商业秘密' })).toEqual({ accept: false, note: '涉及第三方商业秘密' })
  })

  it("links the unit's applications to their pages, and the prompt email to this page", () => {
    expect(applicationLinks(suggestion({ application_ids: ['a-1', 'a-2'] }))).toEqual([
      { id: 'a-1', to: '/applications/u-1/a-1' },
      { id: 'a-2', to: '/applications/u-1/a-2' },
    ])
    expect(suggestionsRoute('u-1')).toBe('/units/u-1/publication-suggestions')
    expect(consoleRoute('/console/units/u-1/publication-suggestions')).toBe('/units/u-1/publication-suggestions')
  })
})

describe('the suggestions page', () => {
  const signedAs = (permissions: string[], role: 'leader' | 'handler') =>
    ({
      id: 'me', username: 'u', display_name: 'U', is_platform_admin: false, county_id: 'k', county_permissions: [], platform_permissions: [],
      memberships: [{ unit_id: 'u-1', unit_name: '永吉县西阳镇人民政府', role, function: null, is_principal: role === 'leader', duties: [], permissions }],
    }) as never

  function serve(list: Suggestion[]) {
    const posted: { url: string; body: unknown }[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const url = new URL(request.url, 'http://localhost')
        if (request.method === 'POST') {
          const body = (await request.json()) as { accept: boolean; note: string }
          posted.push({ url: url.pathname, body })
          return json({ ...list[0], status: body.accept ? 'accepted' : 'declined', decision_note: body.note, decided_at: '2026-12-03T02:00:00Z' })
        }
        if (url.pathname.endsWith('/publication-suggestions')) return json(list)
        const id = url.pathname.split('/').pop() ?? ''
        return json({ id, unit_id: 'u-1', tracking_code: `YJ-${id.toUpperCase()}` })
      }),
    )
    return posted
  }

  async function open(permissions: string[], role: 'leader' | 'handler') {
    me.value = signedAs(permissions, role)
    const router = createRouter({
      history: createMemoryHistory('/console/'),
      routes: [
        { path: '/units/:unitId/publication-suggestions', component: Suggestions },
        { path: '/:p(.*)*', component: { render: () => null } },
      ],
    })
    await router.push('/units/u-1/publication-suggestions')
    const Host = defineComponent({ setup: () => () => h(RouterView) })
    const wrapper = mount(Host, { global: { plugins: [ElementPlus, router] }, attachTo: document.body })
    await flushPromises()
    await flushPromises()
    return { wrapper, router }
  }

  it('lists the prompt with its applicants and applications, and records the leader’s decision', async () => {
    setLocale('zh')
    const posted = serve([
      suggestion(),
      suggestion({ id: 's-2', source: 'applicant', applicants: 1, reason: '事关全镇群众出行，应当公开。', status: 'declined', decision_note: '已在政府网站公开。', decided_at: '2026-12-01T02:00:00Z', application_ids: ['a-4'] }),
    ])
    const { wrapper, router } = await open([...leader], 'leader')
    expect(wrapper.get('h2').text()).toContain('主动公开建议')
    const cards = wrapper.findAll('[data-test=suggestion]')
    expect(cards).toHaveLength(2)
    const [prompt, declined] = cards
    expect(prompt.get('[data-test=sg-topic]').text()).toBe(TOPIC)
    expect(prompt.get('[data-test=sg-source]').text()).toBe('多名申请人申请同一信息')
    expect(prompt.get('[data-test=sg-applicants]').text()).toBe('3 位不同申请人')
    expect(prompt.get('[data-test=sg-status]').text()).toBe('待决定')
    const links = prompt.findAll('[data-test=sg-application]')
    expect(links.map((l) => l.text())).toEqual(['YJ-A-1', 'YJ-A-2', 'YJ-A-3'])
    expect(links.map((l) => l.attributes('href'))).toEqual(['/console/applications/u-1/a-1', '/console/applications/u-1/a-2', '/console/applications/u-1/a-3'])
    expect(declined.get('[data-test=sg-source]').text()).toBe('申请人建议')
    expect(declined.find('[data-test=sg-applicants]').exists()).toBe(false)
    expect(declined.get('[data-test=sg-reason]').text()).toBe('事关全镇群众出行，应当公开。')
    expect(declined.get('[data-test=sg-status]').text()).toBe('决定不纳入主动公开')
    expect(declined.get('[data-test=sg-note]').text()).toBe('已在政府网站公开。')
    expect(declined.find('[data-test=sg-form]').exists()).toBe(false)

    // Nothing is sent without the decision and its reason.
    await prompt.get('[data-test=sg-form]').trigger('submit')
    await vi.waitFor(() => expect(prompt.findAll('.el-form-item__error').map((e) => e.text())).toEqual(['必填', '必填']))
    await prompt.get('[data-test=sg-accept-true] input').setValue(true)
    await prompt.get('textarea[data-test=sg-note-input]').setValue('好')
    await prompt.get('[data-test=sg-form]').trigger('submit')
    await vi.waitFor(() => expect(prompt.findAll('.el-form-item__error').map((e) => e.text())).toEqual(['长度不符合要求']))
    expect(posted).toHaveLength(0)

    await prompt.get('textarea[data-test=sg-note-input]').setValue(' 三位申请人申请同一信息，公众关注度高。 ')
    await prompt.get('[data-test=sg-form]').trigger('submit')
    await flushPromises()
    expect(posted).toEqual([{ url: '/api/v1/units/u-1/publication-suggestions/s-1/decision', body: { accept: true, note: '三位申请人申请同一信息，公众关注度高。' } }])
    const after = wrapper.findAll('[data-test=suggestion]')[0]
    expect(after.attributes('data-status')).toBe('accepted')
    expect(after.get('[data-test=sg-status]').text()).toBe('已决定纳入主动公开')
    expect(after.get('[data-test=sg-published]').text()).toBe('已决定纳入主动公开，将在主动公开模块发布。')
    expect(after.get('[data-test=sg-note]').text()).toBe('三位申请人申请同一信息，公众关注度高。')
    expect(after.find('[data-test=sg-form]').exists()).toBe(false)

    await links[1].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/applications/u-1/a-2')
    wrapper.unmount()
  })

  it('shows a handler the prompt without the form: the leader decides', async () => {
    setLocale('zh')
    serve([suggestion()])
    const { wrapper } = await open([...handler], 'handler')
    const card = wrapper.get('[data-test=suggestion]')
    expect(card.find('[data-test=sg-form]').exists()).toBe(false)
    expect(card.get('[data-test=sg-awaiting]').text()).toBe('由本单位领导研究决定。')
    wrapper.unmount()
  })

  it('says when there is nothing', async () => {
    setLocale('zh')
    serve([])
    const { wrapper } = await open([...leader], 'leader')
    expect(wrapper.get('[data-test=suggestions-empty]').text()).toBe('暂无主动公开建议')
    wrapper.unmount()
  })
})

describe('the timeline of a suggestion', () => {
  it('words the suggestion and the decision', () => {
    setLocale('zh')
    expect(eventLabel('publication_suggested')).toBe('建议纳入主动公开')
    expect(eventLabel('publication_suggestion_decided')).toBe('主动公开建议已决定')
    expect(eventFacts({ details: { suggestion_id: 's-1', reason: '事关全镇群众出行。' } })).toEqual([['理由', '事关全镇群众出行。']])
    expect(eventFacts({ details: { accepted: true, note: '公众关注度高。' } })).toEqual([
      ['决定', '纳入主动公开'],
      ['说明', '公众关注度高。'],
    ])
    expect(eventFacts({ details: { accepted: false, note: '已另行公开。' } })).toEqual([
      ['决定', '不纳入主动公开'],
      ['说明', '已另行公开。'],
    ])
    setLocale('en')
    expect(eventLabel('publication_suggested')).toBe('Suggested for proactive disclosure')
    expect(eventFacts({ details: { accepted: true, note: 'Widely asked for.' } })).toEqual([
      ['Decision', 'Publish proactively'],
      ['Note', 'Widely asked for.'],
    ])
  })
})

describe('the suggestion on the tracking page', () => {
  const event = (kind: string, details: Record<string, unknown>, id = kind): Schemas['EventView'] =>
    ({ id, kind, on_date: '2026-12-02', details, public: true }) as unknown as Schemas['EventView']
  const status = (over: Partial<Schemas['PublicStatus']> = {}): Schemas['PublicStatus'] => ({
    applicant_name: '王**',
    description: '请公开2026年西阳镇农村公路建设项目的招标结果',
    events: [],
    request_kind: 'disclosure',
    status: 'in_progress',
    submitted_at: '2026-12-01T02:00:00Z',
    tracking_code: 'YJ-1',
    unit_id: 'u-1',
    unit_name: '永吉县西阳镇人民政府',
    ...over,
  })
  const suggested = event('publication_suggested', { suggestion_id: 's-1', reason: '事关全镇群众出行。' })

  it('is open for an application for information, made once, then decided', () => {
    expect(portalSuggestion(status())).toEqual({ state: 'open' })
    expect(portalSuggestion(status({ request_kind: 'correction' }))).toEqual({ state: 'none' })
    expect(portalSuggestion(status({ events: [suggested] }))).toEqual({ state: 'made', reason: '事关全镇群众出行。' })
    const decided = event('publication_suggestion_decided', { accepted: false, note: '已另行公开。' })
    expect(portalSuggestion(status({ events: [suggested, decided] }))).toEqual({ state: 'decided', reason: '事关全镇群众出行。', accepted: false, note: '已另行公开。' })
    expect(suggestionReasonFaults('')).toEqual({ reason: 'required' })
    expect(suggestionReasonFaults('应当公开')).toEqual({ reason: 'length' })
    expect(suggestionReasonFaults('事关全镇群众出行。')).toEqual({})
    expect(suggestionReasonFaults('理'.repeat(2001))).toEqual({ reason: 'length' })
    expect(suggestionRequestBody(' 事关全镇群众出行。 ')).toEqual({ reason: '事关全镇群众出行。' })
  })

  it('sends the reason with the secret and shows that the suggestion was made', async () => {
    setLocale('zh')
    const seen: { url: string; secret: string | null; body: unknown }[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        seen.push({ url: request.url, secret: request.headers.get('X-Tracking-Secret'), body: await request.json() })
        return json(status({ events: [suggested] }), 201)
      }),
    )
    const wrapper = mount(TrackStatus, { props: { status: status(), code: 'YJ-1', secret: 'abc' }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    const section = wrapper.get('[data-test=track-publication]')
    expect(section.get('h3').text()).toBe('建议将该信息纳入主动公开（条例第四十四条）')
    await wrapper.get('[data-test=publication-form]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.get('[data-test=track-publication] .el-form-item__error').text()).toBe('必填'))
    await wrapper.get('textarea[data-test=publication-reason]').setValue('应当公开')
    await wrapper.get('[data-test=publication-form]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.get('[data-test=track-publication] .el-form-item__error').text()).toBe('长度不符合要求'))
    expect(seen).toHaveLength(0)

    await wrapper.get('textarea[data-test=publication-reason]').setValue(' 事关全镇群众出行。 ')
    await wrapper.get('[data-test=publication-form]').trigger('submit')
    await flushPromises()
    expect(seen).toEqual([{ url: expect.stringMatching(/\/api\/v1\/public\/applications\/YJ-1\/publication-suggestion$/), secret: 'abc', body: { reason: '事关全镇群众出行。' } }])
    const next = wrapper.emitted('updated')?.[0]?.[0] as Schemas['PublicStatus']
    expect(next.events.map((e) => e.kind)).toEqual(['publication_suggested'])
    await wrapper.setProps({ status: next })
    expect(wrapper.get('[data-test=track-publication]').attributes('data-state')).toBe('made')
    expect(wrapper.find('[data-test=publication-form]').exists()).toBe(false)
    expect(wrapper.get('[data-test=publication-made]').text()).toBe('您已建议将该信息纳入主动公开，本机关研究决定后将在此告知。')
    expect(wrapper.get('[data-test=publication-reason-sent]').text()).toBe('事关全镇群众出行。')
    wrapper.unmount()
  })

  it("shows the unit's decision and its reason", () => {
    setLocale('zh')
    const decided = event('publication_suggestion_decided', { accepted: true, note: '公众关注度高，将在主动公开栏目发布。' })
    const wrapper = mount(TrackStatus, { props: { status: status({ events: [suggested, decided] }), code: 'YJ-1', secret: 'abc' }, global: { plugins: [ElementPlus] } })
    expect(wrapper.find('[data-test=publication-form]').exists()).toBe(false)
    expect(wrapper.find('[data-test=publication-made]').exists()).toBe(false)
    expect(wrapper.get('[data-test=publication-decision]').text()).toBe('永吉县西阳镇人民政府已决定将该信息纳入主动公开。')
    expect(wrapper.get('[data-test=publication-decision]').attributes('data-accepted')).toBe('true')
    expect(wrapper.get('[data-test=publication-note]').text()).toBe('公众关注度高，将在主动公开栏目发布。')
    wrapper.unmount()

    const no = mount(TrackStatus, {
      props: { status: status({ events: [suggested, event('publication_suggestion_decided', { accepted: false, note: '已另行公开。' })] }), code: 'YJ-1', secret: 'abc' },
      global: { plugins: [ElementPlus] },
    })
    expect(no.get('[data-test=publication-decision]').text()).toBe('永吉县西阳镇人民政府决定不将该信息纳入主动公开。')
    no.unmount()
  })

  it('offers nothing on a correction request', () => {
    setLocale('zh')
    const wrapper = mount(TrackStatus, { props: { status: status({ request_kind: 'correction' }), code: 'YJ-1', secret: 'abc' }, global: { plugins: [ElementPlus] } })
    expect(wrapper.find('[data-test=track-publication]').exists()).toBe(false)
    wrapper.unmount()
  })
})
