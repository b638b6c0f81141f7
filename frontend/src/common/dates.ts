// Statutory days are counted on Beijing's calendar (the server's `beijing_today`), not on the
// browser's: a laptop set to another zone, or a late evening in UTC, must not shift "today".

/** China has kept one zone, UTC+8, without daylight saving since 1992: a fixed offset is exact. */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000

/** The date (YYYY-MM-DD) in Beijing at an instant, by default now. */
export function beijingToday(at: Date = new Date()): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10)
}


/** An instant as Beijing's wall clock, `YYYY-MM-DD HH:mm`; empty for none. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return ''
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}
