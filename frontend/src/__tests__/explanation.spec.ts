import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import Explanation from '../common/Explanation.vue'
import { setLocale } from '../i18n'

describe('Explanation', () => {
  it('shows the due date, each counted day with make-up days, and each skipped day with its reason', () => {
    setLocale('zh')
    const wrapper = mount(Explanation, {
      global: { plugins: [ElementPlus] },
      props: {
        explanation: {
          from: '2026-09-24',
          mode: 'working_days',
          days: 2,
          due_date: '2026-10-10',
          counted: [
            { date: '2026-09-28', n: 1, make_up_for: null },
            { date: '2026-10-10', n: 2, make_up_for: '国庆节' },
          ],
          skipped: [{ date: '2026-10-01', reason: 'holiday', holiday: '国庆节' }],
          rolled_forward_from: null,
          years_without_schedule: [2027],
        },
      },
    })
    expect(wrapper.get('[data-test=due-date]').text()).toBe('2026-10-10')
    expect(wrapper.text()).toContain('调休上班 · 国庆节')
    expect(wrapper.text()).toContain('2026-10-01 · 节假日（国庆节）')
    expect(wrapper.text()).toContain('2027')
  })
})
