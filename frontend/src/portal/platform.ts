// The pure parts of the portal's disclosure platform (政府信息公开平台, 国办公开办函〔2019〕61号): the
// search's highlighted runs, its filters in the address, the catalogue's headings offered to filter
// by, the county's recent publications by unit and a unit's feeds and open data.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { Schemas } from '../api/client'

type Entry = Schemas['CatalogueEntry']
type Unit = Schemas['UnitView']
export type PublicHeading = Schemas['PublicHeading']

// --- Highlighting --------------------------------------------------------------------------------

/** A run of a text, inside a matched range or not. */
export interface Segment {
  text: string
  marked: boolean
}

/**
 * Splits a text into unmarked and marked runs by `[start, end)` ranges of Unicode characters, as
 * the server counts them (code points: a character outside the BMP is one, not two UTF-16 units).
 * Ranges out of the text are clipped, empty ones dropped, overlapping or touching ones merged, so
 * the runs always join back into the text.
 */
export function highlightSegments(text: string, marks: readonly (readonly number[])[]): Segment[] {
  const chars = Array.from(text)
  const n = chars.length
  const clip = (v: number) => Math.max(0, Math.min(Math.trunc(v), n))
  const ranges = marks
    .filter((m) => m.length >= 2 && Number.isFinite(m[0]) && Number.isFinite(m[1]))
    .map((m) => [clip(m[0]), clip(m[1])] as [number, number])
    .filter(([s, e]) => s < e)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: [number, number][] = []
  for (const [s, e] of ranges) {
    const last = merged[merged.length - 1]
    if (last && s <= last[1]) last[1] = Math.max(last[1], e)
    else merged.push([s, e])
  }
  const runs: Segment[] = []
  let at = 0
  for (const [s, e] of merged) {
    if (s > at) runs.push({ text: chars.slice(at, s).join(''), marked: false })
    runs.push({ text: chars.slice(s, e).join(''), marked: true })
    at = e
  }
  if (at < n) runs.push({ text: chars.slice(at).join(''), marked: false })
  return runs
}

// --- The search's filters in the address -----------------------------------------------------------

/** The server's bounds of `q` (characters) and `year`. */
export const Q_MIN = 2
export const Q_MAX = 50
export const YEAR_MIN = 2008
export const YEAR_MAX = 2100

export interface SearchFilters {
  q: string
  unit_id: string
  /** A catalogue heading ('' for any). */
  heading_id: string
  year: number | null
  valid_only: boolean
  page: number
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function first(v: LocationQuery[string] | undefined): string {
  const one = Array.isArray(v) ? v[0] : v
  return typeof one === 'string' ? one : ''
}

/** Whether a query has the two characters the server asks for (counted as it counts them). */
export function queryLongEnough(q: string): boolean {
  return Array.from(q.trim()).length >= Q_MIN
}

/** The filters an address carries; anything the server would refuse is left out. */
export function searchFiltersFrom(query: LocationQuery): SearchFilters {
  const unit = first(query.unit_id)
  const heading = first(query.heading_id)
  const year = Number(first(query.year))
  const page = Number(first(query.page))
  const valid = first(query.valid_only)
  return {
    q: Array.from(first(query.q).trim()).slice(0, Q_MAX).join(''),
    unit_id: UUID.test(unit) ? unit : '',
    heading_id: UUID.test(heading) ? heading : '',
    year: Number.isInteger(year) && year >= YEAR_MIN && year <= YEAR_MAX ? year : null,
    valid_only: valid === 'true' || valid === '1',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  }
}

/** The address of a search: only the filters set, the first page left implicit. */
export function searchQueryOf(f: SearchFilters): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (f.q.trim()) query.q = f.q.trim()
  if (f.unit_id) query.unit_id = f.unit_id
  if (f.heading_id) query.heading_id = f.heading_id
  if (f.year) query.year = String(f.year)
  if (f.valid_only) query.valid_only = 'true'
  if (f.page > 1) query.page = String(f.page)
  return query
}

/** The years one may search by: this one back to 2008, when the regulation first took effect. */
export function yearChoices(thisYear: number): number[] {
  const last = Math.min(Math.max(thisYear, YEAR_MIN), YEAR_MAX)
  return Array.from({ length: last - YEAR_MIN + 1 }, (_, i) => last - i)
}

// --- The catalogue's headings ------------------------------------------------------------------------

/** A heading's name in the page's language: its English name where it has one, else its own. */
export function headingName(h: Pick<PublicHeading, 'name' | 'name_en'>, locale: 'zh' | 'en'): string {
  return locale === 'en' && h.name_en.trim() ? h.name_en : h.name
}

/**
 * The heading still to filter by once the headings offered change (another unit chosen): the same
 * one where it is still offered, none otherwise.
 */
export function keptHeading(headingId: string, offered: readonly Pick<PublicHeading, 'id'>[]): string {
  return headingId && offered.some((h) => h.id === headingId) ? headingId : ''
}

/** The address of a unit page's statutory content under one heading ('' for all), on its first page. */
export function unitHeadingQuery(headingId: string, page = 1): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  if (headingId) query.heading_id = headingId
  if (page > 1) query.page = String(page)
  return query
}

/** The heading a unit page's address names ('' for all): an id the server could take, or none. */
export function unitHeadingFrom(query: LocationQuery): string {
  const id = first(query.heading_id)
  return UUID.test(id) ? id : ''
}

// --- The county's recent publications by unit ---------------------------------------------------------

export interface UnitRecent {
  unit: Unit
  recent: Entry[]
  /** How many of the fetched entries the unit has beyond those shown. */
  more: number
}

/**
 * Every unit of the directory, in its order, with its entries among the county's newest (given
 * newest first, as the catalogue answers), at most `perUnit` each; a unit without any has none.
 * Entries of units not in the directory are left out.
 */
export function recentByUnit(units: readonly Unit[], entries: readonly Entry[], perUnit = 3): UnitRecent[] {
  const byUnit = new Map<string, Entry[]>()
  for (const e of entries) byUnit.set(e.unit_id, [...(byUnit.get(e.unit_id) ?? []), e])
  return units.map((unit) => {
    const all = byUnit.get(unit.id) ?? []
    return { unit, recent: all.slice(0, Math.max(0, perUnit)), more: Math.max(0, all.length - perUnit) }
  })
}

// --- A unit's feeds and open data ------------------------------------------------------------------

export interface UnitFeeds {
  atom: string
  rss: string
  json: string
}

export function unitFeeds(unitId: string): UnitFeeds {
  const unit = encodeURIComponent(unitId)
  return {
    atom: `/api/v1/public/catalogue/feed?unit_id=${unit}`,
    rss: `/api/v1/public/catalogue/feed?unit_id=${unit}&format=rss`,
    json: `/api/v1/public/catalogue/export?unit_id=${unit}`,
  }
}
