import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { RouterView, createMemoryHistory, createRouter, type Router } from 'vue-router'
import type { Schemas } from '../api/client'
import { headingName, keptHeading, unitHeadingFrom, unitHeadingQuery, type PublicHeading } from '../portal/platform'
import Search from '../portal/pages/Search.vue'
import Unit from '../portal/pages/Unit.vue'
import { setLocale } from '../i18n'

afterEach(() => {
  vi.unstubAllGlobals()
  setLocale('zh')
  document.body.innerHTML = ''
})

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

const KOUQIAN = '0193a5b4-0000-7000-8000-00000000a001'
const XIYANG = '0193a5b4-0000-7000-8000-00000000a002'
const WATER = '0193a5b4-0000-7000-8000-0000000b0001'
const RELIEF = '0193a5b4-0000-7000-8000-0000000b0002'
const ROADS = '0193a5b4-0000-7000-8000-0000000b0003'

const heading = (id: string, name: string, name_en: string, published: number): PublicHeading => ({ id, name, name_en, category: 'local_affairs', published })
const HEADINGS: Record<string, PublicHeading[]> = {
  '': [heading(WATER, '农村饮水安全', 'Rural drinking water', 3), heading(RELIEF, '临时救助公示', '', 2), heading(ROADS, '农村公路建设', 'Rural roads', 1)],
  [KOUQIAN]: [heading(WATER, '农村饮水安全', 'Rural drinking water', 2), heading(RELIEF, '临时救助公示', '', 1)],
  [XIYANG]: [heading(ROADS, '农村公路建设', 'Rural roads', 1)],
}

const unitView = (id: string, name: string): Schemas['UnitView'] => ({ id, county_id: 'c', slug: id, name, short_name: name, name_en: name, kind: 'township', credit_code: '', active: true })

const entry = (item_id: string, title: string): Schemas['CatalogueEntry'] => ({
  item_id,
  unit_id: KOUQIAN,
  unit_name: '永吉县口前镇人民政府',
  index_number: `112202216197267615/2026-0000${item_id.slice(-1)}`,
  title,
  summary: '',
  category: 'local_affairs',
  formed_on: '2026-12-01',
  published_on: '2026-12-02',
})

type Seen = { path: string; query: Record<string, string> }

/** The portal's public API as the pages ask it; every request is recorded with its parameters. */
function serve() {
  const seen: Seen[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url, 'http://localhost')
      const query = Object.fromEntries(url.searchParams)
      seen.push({ path: url.pathname, query })
      switch (url.pathname) {
        case '/api/v1/directory':
          return json({ units: [unitView(KOUQIAN, '永吉县口前镇人民政府'), unitView(XIYANG, '永吉县西阳镇人民政府')] })
        case '/api/v1/public/catalogue/headings':
          return json(HEADINGS[query.unit_id ?? ''] ?? [])
        case '/api/v1/public/search':
          return json({ items: [], total: 0, page: 1, page_size: 10 })
        case `/api/v1/public/units/${KOUQIAN}/guide`:
          return json({ unit_id: KOUQIAN, unit_name: '永吉县口前镇人民政府', contacts: null, sections: [{ heading: '一、主动公开', paragraphs: ['…'] }], updated_at: '2026-12-01T00:00:00Z', review_by: null })
        case '/api/v1/public/catalogue': {
          const items =
            query.heading_id === WATER
              ? [entry('i-1', '口前镇农村饮水安全工程进展'), entry('i-2', '口前镇供水管网改造')]
              : query.heading_id === RELIEF
                ? [entry('i-3', '口前镇冬季临时救助资金发放')]
                : [entry('i-1', '口前镇农村饮水安全工程进展'), entry('i-2', '口前镇供水管网改造'), entry('i-3', '口前镇冬季临时救助资金发放'), entry('i-4', '口前镇2026年预算')]
          return json({ items, total: items.length, page: 1, page_size: 10 })
        }
        default:
          return json({ code: 'not_found', message: 'not found', fields: [] }, 404)
      }
    }),
  )
  return seen
}

async function openAt(path: string): Promise<{ wrapper: VueWrapper; router: Router }> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/search', component: Search },
      { path: '/units/:unitId', component: Unit },
      { path: '/:p(.*)*', component: { render: () => null } },
    ],
  })
  await router.push(path)
  const Host = defineComponent({ setup: () => () => h(RouterView) })
  const wrapper = mount(Host, { global: { plugins: [ElementPlus, router] }, attachTo: document.body })
  await flushPromises()
  await flushPromises()
  return { wrapper, router }
}

/** Opens a select and clicks the option named `label`. */
async function pick(wrapper: VueWrapper, selector: string, label: string) {
  await wrapper.get(`${selector} .el-select__wrapper`).trigger('click')
  await flushPromises()
  const option = [...document.body.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find((o) => o.textContent?.trim() === label)
  expect(option, `no option ${label}`).toBeTruthy()
  option!.click()
  await flushPromises()
}

const optionLabels = () => [...document.body.querySelectorAll('[data-test=search-heading-option]')].map((o) => o.textContent?.trim())
const lastOf = (seen: Seen[], path: string) => seen.filter((s) => s.path === path).at(-1)

describe('the portal’s headings, pure', () => {
  it('names a heading in the page’s language, falling back to its own name', () => {
    expect(headingName(HEADINGS[''][0], 'en')).toBe('Rural drinking water')
    expect(headingName(HEADINGS[''][0], 'zh')).toBe('农村饮水安全')
    expect(headingName(HEADINGS[''][1], 'en')).toBe('临时救助公示')
  })

  it('keeps the heading chosen only while it is still offered', () => {
    expect(keptHeading(WATER, HEADINGS[KOUQIAN])).toBe(WATER)
    expect(keptHeading(WATER, HEADINGS[XIYANG])).toBe('')
    expect(keptHeading('', HEADINGS[KOUQIAN])).toBe('')
  })

  it('puts a unit page’s heading in its address, and reads back only an id', () => {
    expect(unitHeadingQuery('')).toEqual({})
    expect(unitHeadingQuery(WATER)).toEqual({ heading_id: WATER })
    expect(unitHeadingQuery(WATER, 3)).toEqual({ heading_id: WATER, page: '3' })
    expect(unitHeadingFrom({ heading_id: WATER })).toBe(WATER)
    expect(unitHeadingFrom({ heading_id: '农村饮水安全' })).toBe('')
    expect(unitHeadingFrom({})).toBe('')
  })
})

describe('the search’s heading filter', () => {
  it('offers the county’s headings, then the chosen unit’s, and searches under the one chosen', async () => {
    setLocale('zh')
    const seen = serve()
    const { wrapper, router } = await openAt('/search')
    expect(lastOf(seen, '/api/v1/public/catalogue/headings')?.query).toEqual({})
    const select = wrapper.get('[data-test=search-heading]')
    expect(select.attributes('data-offered')).toBe('3')
    // The filter is labelled, as its neighbours are.
    expect(wrapper.find('[data-test=search-heading] input').attributes('aria-label')).toBe('公开目录栏目')

    await pick(wrapper, '[data-test=search-unit]', '永吉县口前镇人民政府')
    await vi.waitFor(() => expect(lastOf(seen, '/api/v1/public/catalogue/headings')?.query).toEqual({ unit_id: KOUQIAN }))
    await flushPromises()
    expect(wrapper.get('[data-test=search-heading]').attributes('data-offered')).toBe('2')
    await pick(wrapper, '[data-test=search-heading]', '农村饮水安全')
    expect(optionLabels()).toEqual(['农村饮水安全', '临时救助公示'])

    await wrapper.get('input#search-q').setValue('饮水')
    await wrapper.get('form[role=search]').trigger('submit')
    await flushPromises()
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: '饮水', unit_id: KOUQIAN, heading_id: WATER })
    expect(lastOf(seen, '/api/v1/public/search')?.query).toMatchObject({ q: '饮水', unit_id: KOUQIAN, heading_id: WATER })
    wrapper.unmount()
  })

  it('lets a heading go when another unit is chosen that has published nothing under it', async () => {
    setLocale('zh')
    const seen = serve()
    const { wrapper, router } = await openAt(`/search?q=${encodeURIComponent('饮水')}&unit_id=${KOUQIAN}&heading_id=${WATER}`)
    // A link with the filters searches under them at once.
    expect(lastOf(seen, '/api/v1/public/search')?.query).toMatchObject({ q: '饮水', unit_id: KOUQIAN, heading_id: WATER })
    expect(lastOf(seen, '/api/v1/public/catalogue/headings')?.query).toEqual({ unit_id: KOUQIAN })

    await pick(wrapper, '[data-test=search-unit]', '永吉县西阳镇人民政府')
    await vi.waitFor(() => expect(lastOf(seen, '/api/v1/public/catalogue/headings')?.query).toEqual({ unit_id: XIYANG }))
    await flushPromises()
    await wrapper.get('form[role=search]').trigger('submit')
    await flushPromises()
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ q: '饮水', unit_id: XIYANG })
    expect(lastOf(seen, '/api/v1/public/search')?.query.heading_id).toBeUndefined()
    wrapper.unmount()
  })
})

describe('a unit’s statutory content by heading', () => {
  const titles = (wrapper: VueWrapper) => wrapper.findAll('[data-test=unit-statutory] [data-test=cat-open]').map((a) => a.text())
  const current = (wrapper: VueWrapper) => wrapper.findAll('[data-test=unit-heading][aria-current=true]').map((a) => a.attributes('data-heading'))

  it('lists all of it first, then only what is under the heading chosen, and all again', async () => {
    setLocale('zh')
    const seen = serve()
    const { wrapper, router } = await openAt(`/units/${KOUQIAN}`)
    expect(wrapper.get('[data-test=unit-page]').attributes('data-state')).toBe('ready')
    expect(lastOf(seen, '/api/v1/public/catalogue/headings')?.query).toEqual({ unit_id: KOUQIAN })
    // What it showed before stays: the guide and the whole catalogue, newest first.
    expect(wrapper.findAll('[data-test=guide-section]')).toHaveLength(1)
    expect(titles(wrapper)).toHaveLength(4)
    expect(wrapper.get('[data-test=unit-total]').text()).toBe('共 4 条')
    expect(wrapper.get('[data-test=unit-statutory]').attributes('data-heading')).toBe('')

    const nav = wrapper.get('nav[data-test=unit-headings]')
    expect(nav.attributes('aria-label')).toBe('按栏目查看')
    const links = nav.findAll('[data-test=unit-heading]')
    expect(links.map((l) => l.text().replace(/\s+/g, ''))).toEqual(['全部', '农村饮水安全（2条）', '临时救助公示（1条）'])
    expect(links.map((l) => l.attributes('href'))).toEqual([`/units/${KOUQIAN}#unit-statutory`, `/units/${KOUQIAN}?heading_id=${WATER}#unit-statutory`, `/units/${KOUQIAN}?heading_id=${RELIEF}#unit-statutory`])
    expect(current(wrapper)).toEqual([''])

    await links[1].trigger('click')
    await flushPromises()
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ heading_id: WATER })
    expect(lastOf(seen, '/api/v1/public/catalogue')?.query).toMatchObject({ unit_id: KOUQIAN, heading_id: WATER, page: '1' })
    expect(titles(wrapper)).toEqual(['口前镇农村饮水安全工程进展', '口前镇供水管网改造'])
    expect(wrapper.get('[data-test=unit-heading-shown]').text()).toBe('“农村饮水安全”栏目下的信息')
    expect(wrapper.get('[data-test=unit-statutory]').attributes('data-heading')).toBe(WATER)
    expect(current(wrapper)).toEqual([WATER])

    await wrapper.findAll('[data-test=unit-heading]')[0].trigger('click')
    await flushPromises()
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({})
    expect(lastOf(seen, '/api/v1/public/catalogue')?.query.heading_id).toBeUndefined()
    expect(titles(wrapper)).toHaveLength(4)
    expect(wrapper.find('[data-test=unit-heading-shown]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('opens at the heading its address names, in English by the English name', async () => {
    setLocale('en')
    const seen = serve()
    const { wrapper } = await openAt(`/units/${KOUQIAN}?heading_id=${RELIEF}`)
    expect(lastOf(seen, '/api/v1/public/catalogue')?.query).toMatchObject({ unit_id: KOUQIAN, heading_id: RELIEF })
    expect(titles(wrapper)).toEqual(['口前镇冬季临时救助资金发放'])
    expect(wrapper.findAll('[data-test=unit-heading-name]').map((n) => n.text())).toEqual(['Rural drinking water', '临时救助公示'])
    expect(wrapper.get('[data-test=unit-heading-shown]').text()).toBe("Published under '临时救助公示'")
    expect(current(wrapper)).toEqual([RELIEF])
    wrapper.unmount()
  })
})
