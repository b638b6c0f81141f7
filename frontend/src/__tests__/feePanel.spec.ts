import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import FeePanel from '../console/pages/applications/FeePanel.vue'
import type { Detail } from '../console/pages/applications/action'
import { beijingToday } from '../common/dates'
import { setLocale } from '../i18n'

afterEach(() => vi.unstubAllGlobals())

function detail(received: string | null): Detail {
  return {
    id: 'a-1',
    unit_id: 'u-1',
    status: 'awaiting_payment',
    fee: { amount_fen: 7000, method: 'per_page', quantity: 100, notice_on: '2026-11-26', notice_received_on: received },
    events: [
      { id: 'e-1', kind: 'fee_notice', on_date: '2026-11-26', created_at: '2026-11-26T01:00:00Z', details: { pay_by: received ? '2026-12-24' : null, notice_delivery: received ? 'electronic' : 'paper' } },
    ],
  } as unknown as Detail
}

describe('the payment panel', () => {
  it('records the delivery of a paper notice, saying when the period starts', async () => {
    setLocale('zh')
    const seen: { url: string; body: unknown }[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        seen.push({ url: request.url, body: await request.json() })
        return new Response(JSON.stringify(detail('2026-11-28')), { status: 200, headers: { 'content-type': 'application/json' } })
      }),
    )
    const wrapper = mount(FeePanel, { props: { detail: detail(null), mode: 'payment', canReceive: true }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    expect(wrapper.get('[data-test=fee-notice-on]').text()).toBe('2026-11-26')
    expect(wrapper.get('[data-test=fee-received-on]').text()).toBe('尚未登记送达')
    expect(wrapper.get('[data-test=fee-receipt-hint]').text()).toBe('纸质收费通知送达后，缴费期限自送达次日起计算')
    expect(wrapper.find('[data-test=fee-pay-by]').exists()).toBe(false)
    expect(wrapper.find('[data-test=act-fee-receipt]').exists()).toBe(true)
    await wrapper.get('[data-test=panel-fee-receipt]').trigger('submit')
    await flushPromises()
    expect(seen).toHaveLength(1)
    expect(seen[0].url).toMatch(/\/api\/v1\/units\/u-1\/applications\/a-1\/fee-notice-receipt$/)
    expect(seen[0].body).toEqual({ received_on: beijingToday() })
    expect(wrapper.emitted('updated')?.[0]?.[0]).toMatchObject({ fee: { notice_received_on: '2026-11-28' } })
    wrapper.unmount()
  })

  it('shows the delivery date and deadline once known, with payment alone', () => {
    setLocale('zh')
    const wrapper = mount(FeePanel, { props: { detail: detail('2026-11-26'), mode: 'payment', canReceive: false }, global: { plugins: [ElementPlus] } })
    expect(wrapper.get('[data-test=fee-received-on]').text()).toBe('2026-11-26')
    expect(wrapper.get('[data-test=fee-pay-by]').text()).toBe('2026-12-24')
    expect(wrapper.find('[data-test=fee-receipt-hint]').exists()).toBe(false)
    expect(wrapper.find('[data-test=act-fee-receipt]').exists()).toBe(false)
    expect(wrapper.find('[data-test=act-payment]').exists()).toBe(true)
    wrapper.unmount()
  })
})
