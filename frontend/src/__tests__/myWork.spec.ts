import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import MyWork from '../console/pages/MyWork.vue'
import { setLocale } from '../i18n'

afterEach(() => vi.unstubAllGlobals())

function item(over: { link: string | null; overdue?: boolean; due_soon?: boolean; left?: number }) {
  return {
    assigned_to_me: true,
    due_soon: over.due_soon ?? false,
    limit_name: '答复期限',
    unit_name: '永吉县口前镇人民政府',
    working_days_left: over.left ?? 7,
    clock: {
      id: `clock-${over.link}`,
      unit_id: 'u-1',
      kind: 'application.reply',
      legal_basis: '《条例》第三十三条',
      start_date: '2026-11-20',
      due_date: '2026-12-18',
      extension_days: 0,
      period_days: 20,
      period_mode: 'working_days',
      state: 'running',
      overdue: over.overdue ?? false,
      subject_type: 'application',
      subject_id: 'a-1',
      subject_label: over.link ? '依申请 2026-E36KBCPU · 张* · 请公开2026年口前镇农…' : '保密审查 · 口前镇',
      subject_link: over.link,
    },
  }
}

describe('My work', () => {
  it('names each item, its limit and what is left, and opens it inside the console', async () => {
    setLocale('zh')
    const seen: Request[] = []
    const items = [item({ link: '/console/applications/u-1/a-1', due_soon: true, left: 2 }), item({ link: null, overdue: true, left: 0 })]
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        seen.push(request)
        return new Response(JSON.stringify({ items, total: 2, page: 1, page_size: 20 }), { status: 200, headers: { 'content-type': 'application/json' } })
      }),
    )
    const router = createRouter({ history: createMemoryHistory('/console/'), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
    const wrapper = mount(MyWork, { global: { plugins: [ElementPlus, router] }, attachTo: document.body })
    await flushPromises()
    await flushPromises()
    expect(seen[0].headers.get('Accept-Language')).toBe('zh-CN')
    const link = wrapper.get('[data-test=work-open]')
    expect(link.element.tagName).toBe('A')
    expect(link.attributes('href')).toBe('/console/applications/u-1/a-1')
    expect(link.text()).toBe('依申请 2026-E36KBCPU · 张* · 请公开2026年口前镇农…')
    expect(wrapper.findAll('[data-test=work-open]')).toHaveLength(1)
    expect(wrapper.get('[data-test=work-subject]').text()).toBe('保密审查 · 口前镇')
    expect(wrapper.findAll('[data-test=work-limit]').map((w) => w.text())).toEqual(['答复期限', '答复期限'])
    expect(wrapper.text()).toContain('《条例》第三十三条')
    expect(wrapper.get('[data-test=due-soon]').text()).toBe('即将到期 · 2 个工作日')
    expect(wrapper.get('[data-test=overdue]').text()).toBe('已逾期')
    await link.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/applications/u-1/a-1')
    wrapper.unmount()
  })
})
