import { describe, expect, it } from 'vitest'
import { locale, setLocale, t } from '../i18n'

describe('i18n', () => {
  it('speaks Chinese first and English on request, with parameters', () => {
    setLocale('zh')
    expect(t('work.days', { n: 3 })).toBe('3 个工作日')
    setLocale('en')
    expect(locale.value).toBe('en')
    expect(t('work.days', { n: 3 })).toBe('3 working days')
    expect(document.documentElement.lang).toBe('en')
    setLocale('zh')
  })
})
