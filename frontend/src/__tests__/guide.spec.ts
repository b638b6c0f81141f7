import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { RouterView, createMemoryHistory, createRouter } from 'vue-router'
import {
  DEFAULT_GUIDE_REVIEW_DAYS,
  emptyGuideForm,
  guideBody,
  guideFaults,
  guideFormOf,
  guideRoute,
  publicGuideHref,
  reviewDaysFaults,
  reviewState,
  reviewTag,
  type Guide,
  type GuideContacts,
  type GuideForm,
} from '../common/guide'
import { beijingToday } from '../common/dates'
import { consoleRoute } from '../console/links'
import { me } from '../console/session'
import ConsoleApp from '../console/ConsoleApp.vue'
import GuidePage from '../console/pages/units/Guide.vue'
import Headings from '../console/pages/items/Headings.vue'
import { setLocale, t } from '../i18n'

afterEach(() => {
  vi.unstubAllGlobals()
  setLocale('zh')
  me.value = null
  localStorage.clear()
  document.body.innerHTML = ''
})

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

const UNIT = '0193a5b4-0000-7000-8000-00000000a001'
const UNIT_NAME = '永吉县口前镇人民政府'

const CONTACTS: GuideContacts = {
  office_name: '口前镇党政综合办公室',
  address: '吉林省永吉县口前镇新华街1号',
  postal_code: '132200',
  office_hours: '工作日 8:30—11:30，13:30—17:00',
  phone: '0432-64222222',
  fax: null,
  email: null,
  notes: null,
}

const filled = (over: Partial<GuideForm> = {}): GuideForm => ({ ...guideFormOf(CONTACTS), ...over })

describe('the contact data of a guide (Art. 12)', () => {
  it('is checked as the server checks it: lengths in characters, a postal code of six digits', () => {
    expect(guideFaults(filled())).toEqual({})
    expect(guideFaults(emptyGuideForm())).toEqual({
      office_name: 'required',
      address: 'required',
      office_hours: 'required',
      phone: 'required',
      postal_code: 'required',
    })
    expect(guideFaults(filled({ postal_code: '13220' }))).toEqual({ postal_code: 'postal_code' })
    expect(guideFaults(filled({ postal_code: '1322000' }))).toEqual({ postal_code: 'postal_code' })
    expect(guideFaults(filled({ postal_code: '13220O' }))).toEqual({ postal_code: 'postal_code' })
    expect(guideFaults(filled({ postal_code: '１３２２００' }))).toEqual({ postal_code: 'postal_code' })
    expect(guideFaults(filled({ postal_code: ' 132200 ' }))).toEqual({})
    // The bounds: office 2–100, address and hours 4–200, phone 5–50, the optional ones at most.
    expect(guideFaults(filled({ office_name: '办' }))).toEqual({ office_name: 'length' })
    expect(guideFaults(filled({ office_name: '办公' }))).toEqual({})
    expect(guideFaults(filled({ office_name: '办'.repeat(101) }))).toEqual({ office_name: 'length' })
    expect(guideFaults(filled({ address: '新华街' }))).toEqual({ address: 'length' })
    expect(guideFaults(filled({ office_hours: '工作日' }))).toEqual({ office_hours: 'length' })
    expect(guideFaults(filled({ phone: '6422' }))).toEqual({ phone: 'length' })
    expect(guideFaults(filled({ phone: '6'.repeat(51) }))).toEqual({ phone: 'length' })
    expect(guideFaults(filled({ fax: '6'.repeat(51) }))).toEqual({ fax: 'length' })
    expect(guideFaults(filled({ notes: '注'.repeat(2001) }))).toEqual({ notes: 'length' })
    expect(guideFaults(filled({ notes: '注'.repeat(2000) }))).toEqual({})
    // Characters, not UTF-16 units: 𠮷 is one.
    expect(guideFaults(filled({ office_name: '𠮷' }))).toEqual({ office_name: 'length' })
    expect(guideFaults(filled({ email: 'gongkai.example.org' }))).toEqual({ email: 'email' })
    expect(guideFaults(filled({ email: 'kouqian@example.org' }))).toEqual({})
  })

  it('is sent trimmed, the optional texts left out when blank, and read back the same', () => {
    const body = guideBody(filled({ office_name: '  口前镇党政综合办公室 ', fax: '  ', email: ' kouqian@example.org ', notes: '' }))
    expect(body).toEqual({ ...CONTACTS, email: 'kouqian@example.org' })
    expect(guideFormOf(null)).toEqual(emptyGuideForm())
    expect(guideBody(guideFormOf(CONTACTS))).toEqual(CONTACTS)
  })

  it('links the reminders to the console page and the page to the portal’s guide', () => {
    expect(guideRoute(UNIT)).toBe(`/units/${UNIT}/guide`)
    expect(consoleRoute(`/console/units/${UNIT}/guide`)).toBe(guideRoute(UNIT))
    expect(publicGuideHref(UNIT)).toBe(`/units/${UNIT}#unit-guide`)
  })

  it('says where the unit stands with its next confirmation (AC 6(1))', () => {
    expect(reviewState(null, '2026-12-03')).toBe('none')
    expect(reviewState('2026-12-04', '2026-12-03')).toBe('running')
    expect(reviewState('2026-12-03', '2026-12-03')).toBe('due')
    expect(reviewState('2026-12-02', '2026-12-03')).toBe('overdue')
    expect([reviewTag('running'), reviewTag('due'), reviewTag('overdue'), reviewTag('none')]).toEqual(['success', 'warning', 'danger', 'info'])
  })

  it('takes a county period of 30 to 730 days, 365 until the office sets one', () => {
    expect(DEFAULT_GUIDE_REVIEW_DAYS).toBe(365)
    expect(reviewDaysFaults(null)).toEqual({ guide_review_days: 'required' })
    expect(reviewDaysFaults(29)).toEqual({ guide_review_days: 'guide_review_days' })
    expect(reviewDaysFaults(731)).toEqual({ guide_review_days: 'guide_review_days' })
    expect(reviewDaysFaults(90.5)).toEqual({ guide_review_days: 'guide_review_days' })
    expect(reviewDaysFaults(30)).toEqual({})
    expect(reviewDaysFaults(730)).toEqual({})
    expect(t('fault.guide_review_days')).toBe('须为30至730之间的整数')
  })
})

type Me = NonNullable<(typeof me)['value']>

const member = (permissions: string[], role: 'leader' | 'handler' = 'leader'): Me =>
  ({
    id: 'me',
    username: 'kouqian.leader',
    display_name: '口前镇领导',
    is_platform_admin: false,
    county_id: 'k',
    county_permissions: [],
    platform_permissions: [],
    memberships: [{ unit_id: UNIT, unit_name: UNIT_NAME, role, function: null, is_principal: role === 'leader', duties: [], permissions }],
  }) as unknown as Me

const nextYear = `${Number(beijingToday().slice(0, 4)) + 1}-06-30`

function guide(over: Partial<Guide> = {}): Guide {
  return {
    unit_id: UNIT,
    unit_name: UNIT_NAME,
    contacts: null,
    sections: [
      { heading: '一、主动公开', paragraphs: [`${UNIT_NAME}依照《中华人民共和国政府信息公开条例》主动公开政府信息。`, '公开目录栏目：尚未在公开目录中发布信息。'] },
      { heading: '二、依申请公开', paragraphs: ['受理机构的地址、办公时间和联系电话尚未填写，请通过政府信息公开平台在线提交申请。'] },
      { heading: '三、监督和救济', paragraphs: ['可以向永吉县人民政府办公室投诉、举报。'] },
    ],
    updated_at: '2026-11-30T02:30:00Z',
    review_by: null,
    ...over,
  }
}

describe('the console’s guide page', () => {
  type Sent = { method: string; path: string; body: unknown }

  /** The API: the guide, the county's period, and the save answering `answer` (or the saved guide). */
  function serve(first: Guide, answer?: (body: GuideContacts) => Response) {
    const sent: Sent[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const path = new URL(request.url, 'http://localhost').pathname
        if (request.method === 'PUT') {
          const body = (await request.json()) as GuideContacts
          sent.push({ method: 'PUT', path, body })
          if (answer) return answer(body)
          return json(
            guide({
              contacts: body,
              sections: [first.sections[0], { heading: '二、依申请公开', paragraphs: [`办公时间：${body.office_hours}；联系电话：${body.phone}。`] }],
              updated_at: '2026-12-03T06:15:00Z',
              review_by: nextYear,
            }),
          )
        }
        sent.push({ method: request.method, path, body: null })
        if (path === '/api/v1/disclosure/settings') return json({ guide_review_days: 365, set_by_office: false, updated_at: null })
        if (path === `/api/v1/public/units/${UNIT}/guide`) return json(first)
        return json({ code: 'not_found', message: 'not found', fields: [] }, 404)
      }),
    )
    return sent
  }

  async function open(permissions: string[] = ['guide.edit', 'item.read']) {
    me.value = member(permissions)
    const router = createRouter({
      history: createMemoryHistory('/console/'),
      routes: [
        { path: '/units/:unitId/guide', component: GuidePage },
        { path: '/:p(.*)*', component: { render: () => null } },
      ],
    })
    await router.push(`/units/${UNIT}/guide`)
    const Host = defineComponent({ setup: () => () => h(RouterView) })
    const wrapper = mount(Host, { global: { plugins: [ElementPlus, router] }, attachTo: document.body })
    await flushPromises()
    await flushPromises()
    return wrapper
  }

  const errorAt = (wrapper: VueWrapper, id: string) =>
    wrapper.get(`#${id}`).element.closest('.el-form-item')?.querySelector('.el-form-item__error')?.textContent?.trim() ?? ''

  async function fill(wrapper: VueWrapper, form: GuideForm) {
    await wrapper.get('input#guide-office-name').setValue(form.office_name)
    await wrapper.get('input#guide-address').setValue(form.address)
    await wrapper.get('input#guide-postal-code').setValue(form.postal_code)
    await wrapper.get('input#guide-office-hours').setValue(form.office_hours)
    await wrapper.get('input#guide-phone').setValue(form.phone)
  }

  it('shows the last change, the next confirmation, the county’s period, the preview and the portal link', async () => {
    setLocale('zh')
    serve(guide())
    const wrapper = await open()
    expect(wrapper.get('[data-test=guide-page]').attributes('data-state')).toBe('ready')
    expect(wrapper.get('h2').text()).toBe(`政府信息公开指南 · ${UNIT_NAME}`)
    expect(wrapper.text()).toContain('最后更新')
    expect(wrapper.text()).toContain('下次确认期限')
    expect(wrapper.get('[data-test=guide-updated-at]').text()).toBe('2026-11-30 10:30')
    expect(wrapper.get('[data-test=guide-review-by]').text()).toBe('尚未确认（首次保存后开始计算）')
    expect(wrapper.get('[data-test=guide-review-by]').attributes('data-state')).toBe('none')
    expect(wrapper.get('[data-test=guide-period]').text()).toBe('每 365 天（默认）')
    expect(wrapper.find('[data-test=guide-no-contacts]').exists()).toBe(true)
    const sections = wrapper.findAll('[data-test=guide-preview] [data-test=guide-section]')
    expect(sections.map((s) => s.get('h4').text())).toEqual(['一、主动公开', '二、依申请公开', '三、监督和救济'])
    expect(sections[1].text()).toContain('尚未填写')
    const link = wrapper.get('[data-test=guide-public-link]')
    expect(link.attributes('href')).toBe(`/units/${UNIT}#unit-guide`)
    expect(link.text()).toBe('在门户网站查看本单位公开指南')
    // Every field is labelled: the label names its input.
    for (const id of ['guide-office-name', 'guide-address', 'guide-postal-code', 'guide-office-hours', 'guide-phone', 'guide-fax', 'guide-email', 'guide-notes']) {
      expect(wrapper.find(`label[for=${id}]`).exists()).toBe(true)
    }
    wrapper.unmount()
  })

  it('refuses a postal code of five digits at the field, sends nothing, then saves and shows the new guide', async () => {
    setLocale('zh')
    const sent = serve(guide())
    const wrapper = await open()
    await fill(wrapper, filled({ postal_code: '13220' }))
    await wrapper.get('[data-test=guide-form]').trigger('submit')
    await flushPromises()
    await vi.waitFor(() => expect(errorAt(wrapper, 'guide-postal-code')).toBe('邮政编码须为6位数字'))
    expect(wrapper.get('input#guide-postal-code').attributes('aria-invalid')).toBe('true')
    expect(sent.filter((s) => s.method === 'PUT')).toHaveLength(0)

    await wrapper.get('input#guide-postal-code').setValue('132200')
    await wrapper.get('input#guide-phone').setValue(' 0432-64288888 ')
    await wrapper.get('[data-test=guide-form]').trigger('submit')
    await flushPromises()
    const puts = sent.filter((s) => s.method === 'PUT')
    expect(puts).toEqual([{ method: 'PUT', path: `/api/v1/units/${UNIT}/guide`, body: { ...CONTACTS, phone: '0432-64288888' } }])
    await vi.waitFor(() => expect(wrapper.get('[data-test=guide-updated-at]').text()).toBe('2026-12-03 14:15'))
    expect(wrapper.get('[data-test=guide-review-by]').text()).toBe(nextYear)
    expect(wrapper.get('[data-test=guide-review-by]').attributes('data-state')).toBe('running')
    expect(wrapper.get('[data-test=guide-review-state]').text()).toBe('期限内')
    expect(wrapper.get('[data-test=guide-preview]').text()).toContain('联系电话：0432-64288888。')
    expect(wrapper.find('[data-test=guide-no-contacts]').exists()).toBe(false)
    expect(errorAt(wrapper, 'guide-postal-code')).toBe('')
    wrapper.unmount()
  })

  it('shows the server’s refusal at the field it names', async () => {
    setLocale('zh')
    serve(guide({ contacts: CONTACTS, review_by: '2026-01-05' }), () =>
      json({ code: 'validation_failed', message: '提交的内容有误', fields: [{ field: 'email', message: '电子邮箱格式不正确' }] }, 400),
    )
    const wrapper = await open()
    // The saved data is in the form, and a confirmation past its day is marked overdue.
    expect((wrapper.get('input#guide-phone').element as HTMLInputElement).value).toBe(CONTACTS.phone)
    expect(wrapper.get('[data-test=guide-review-by]').attributes('data-state')).toBe('overdue')
    expect(wrapper.get('[data-test=guide-review-state]').text()).toBe('已逾期')
    await wrapper.get('input#guide-email').setValue('kouqian@example.org')
    await wrapper.get('[data-test=guide-form]').trigger('submit')
    await flushPromises()
    await vi.waitFor(() => expect(errorAt(wrapper, 'guide-email')).toBe('电子邮箱格式不正确'))
    expect(wrapper.get('[data-test=guide-error]').text()).toContain('提交的内容有误')
    expect(wrapper.get('[data-test=guide-review-by]').text()).toBe('2026-01-05')
    wrapper.unmount()
  })

  it('shows the guide without the form to one who may not edit it', async () => {
    setLocale('zh')
    serve(guide())
    const wrapper = await open(['item.read'])
    expect(wrapper.find('[data-test=guide-form]').exists()).toBe(false)
    expect(wrapper.get('[data-test=guide-read-only]').text()).toBe('您在本单位没有维护公开指南的权限，只能查看。')
    expect(wrapper.findAll('[data-test=guide-section]')).toHaveLength(3)
    wrapper.unmount()
  })

  it('speaks English too', async () => {
    setLocale('en')
    serve(guide({ review_by: nextYear }))
    const wrapper = await open()
    expect(wrapper.get('h2').text()).toContain('Guide to government information disclosure')
    expect(wrapper.get('[data-test=guide-period]').text()).toBe('Every 365 days (default)')
    expect(wrapper.get('[data-test=guide-submit]').text()).toBe('Save and confirm the guide')
    expect(wrapper.text()).toContain('Confirm again by')
    wrapper.unmount()
  })
})

describe('the console’s navigation to the guide', () => {
  async function nav(user: Me) {
    vi.stubGlobal('fetch', vi.fn(async () => json({ unread: 0 })))
    me.value = user
    const router = createRouter({ history: createMemoryHistory('/console/'), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
    await router.push('/')
    const wrapper = mount(ConsoleApp, { global: { plugins: [ElementPlus, router] } })
    await flushPromises()
    return wrapper
  }

  it('leads unit staff who keep the guide to their unit’s page, and no one else', async () => {
    setLocale('zh')
    const staff = await nav(member(['guide.edit', 'item.read'], 'handler'))
    const link = staff.get('[data-test=nav-guide]')
    expect(link.text()).toBe('公开指南')
    expect(link.attributes('href')).toBe(`/console/units/${UNIT}/guide`)
    staff.unmount()
    const without = await nav(member(['item.read'], 'handler'))
    expect(without.find('[data-test=nav-guide]').exists()).toBe(false)
    without.unmount()
    // The openness office's county-wide permissions are no membership of the unit.
    const office = await nav({ ...member([]), memberships: [], county_permissions: ['catalogue.manage', 'guide.edit'] })
    expect(office.find('[data-test=nav-guide]').exists()).toBe(false)
    office.unmount()
  })
})

describe('the county’s period between confirmations, on the headings page', () => {
  function serve(initial: { guide_review_days: number; set_by_office: boolean; updated_at: string | null }) {
    const puts: unknown[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const path = new URL(request.url, 'http://localhost').pathname
        if (path === '/api/v1/disclosure/settings') {
          if (request.method === 'PUT') {
            const body = (await request.json()) as { guide_review_days: number }
            puts.push(body)
            return json({ guide_review_days: body.guide_review_days, set_by_office: true, updated_at: '2026-12-03T01:00:00Z' })
          }
          return json(initial)
        }
        return json([])
      }),
    )
    return puts
  }

  async function open(countyPermissions: string[]) {
    me.value = { ...member([]), memberships: [], county_permissions: countyPermissions }
    const wrapper = mount(Headings, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    await flushPromises()
    return wrapper
  }

  it('shows the default of 365 days until the office sets one, and saves a period within bounds only', async () => {
    setLocale('zh')
    const puts = serve({ guide_review_days: 365, set_by_office: false, updated_at: null })
    const wrapper = await open(['catalogue.manage', 'directory.read'])
    const panel = wrapper.get('[data-test=gr-panel]')
    expect(panel.attributes('data-state')).toBe('ready')
    expect(panel.get('h3').text()).toBe('公开指南确认周期')
    expect(wrapper.get('[data-test=gr-days]').text()).toBe('每 365 天')
    expect(wrapper.get('[data-test=gr-source]').attributes('data-set')).toBe('false')
    expect(wrapper.get('[data-test=gr-source]').text()).toBe('尚未设定，按默认的365天')
    expect(wrapper.find('[data-test=gr-updated-at]').exists()).toBe(false)
    expect(wrapper.find('label[for=gr-days-input]').exists()).toBe(true)

    const input = wrapper.get('input#gr-days-input')
    await input.setValue('')
    await input.trigger('change')
    await wrapper.get('[data-test=gr-form]').trigger('submit')
    await flushPromises()
    expect(puts).toHaveLength(0)
    await vi.waitFor(() => expect(wrapper.get('[data-test=gr-form] .el-form-item__error').text()).toBe('必填'))

    await input.setValue('180')
    await input.trigger('change')
    await wrapper.get('[data-test=gr-form]').trigger('submit')
    await flushPromises()
    expect(puts).toEqual([{ guide_review_days: 180 }])
    await vi.waitFor(() => expect(wrapper.get('[data-test=gr-days]').text()).toBe('每 180 天'))
    expect(wrapper.get('[data-test=gr-source]').attributes('data-set')).toBe('true')
    expect(wrapper.get('[data-test=gr-source]').text()).toBe('由政务公开办公室设定')
    expect(wrapper.get('[data-test=gr-updated-at]').text()).toBe('2026-12-03 09:00')
    wrapper.unmount()
  })

  it('is read-only to those who do not manage the catalogue', async () => {
    setLocale('zh')
    serve({ guide_review_days: 200, set_by_office: true, updated_at: '2026-11-01T00:00:00Z' })
    const wrapper = await open(['directory.read'])
    expect(wrapper.get('[data-test=gr-days]').text()).toBe('每 200 天')
    expect(wrapper.find('[data-test=gr-form]').exists()).toBe(false)
    expect(wrapper.get('[data-test=gr-read-only]').text()).toBe('确认周期由政务公开办公室设定。')
    wrapper.unmount()
  })
})
