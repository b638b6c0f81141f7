import { describe, expect, it } from 'vitest'
import { beijingToday } from '../common/dates'

describe("Beijing's today", () => {
  it('is already the next day in Beijing at 17:30 UTC', () => {
    expect(beijingToday(new Date('2026-12-01T17:30:00Z'))).toBe('2026-12-02')
  })

  it('turns at midnight Beijing time, not at midnight UTC', () => {
    expect(beijingToday(new Date('2026-12-01T15:59:59Z'))).toBe('2026-12-01')
    expect(beijingToday(new Date('2026-12-01T16:00:00Z'))).toBe('2026-12-02')
    expect(beijingToday(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
  })

  it('does not depend on the zone of the instant as written', () => {
    expect(beijingToday(new Date('2026-12-01T20:00:00-05:00'))).toBe('2026-12-02')
  })
})
