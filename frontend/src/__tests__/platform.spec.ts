import { describe, expect, it } from 'vitest'
import type { Schemas } from '../api/client'
import {
  highlightSegments,
  queryLongEnough,
  recentByUnit,
  searchFiltersFrom,
  searchQueryOf,
  unitFeeds,
  yearChoices,
  type Segment,
} from '../portal/platform'

const joined = (runs: Segment[]) => runs.map((r) => r.text).join('')
const marked = (runs: Segment[]) => runs.filter((r) => r.marked).map((r) => r.text)

describe('highlighting the matched words', () => {
  it('splits a Chinese title by the server’s character ranges', () => {
    const title = '口前镇农村低保资金发放'
    const runs = highlightSegments(title, [[5, 9]])
    expect(runs).toEqual([
      { text: '口前镇农村', marked: false },
      { text: '低保资金', marked: true },
      { text: '发放', marked: false },
    ])
    expect(joined(runs)).toBe(title)
  })

  it('counts Unicode characters, not UTF-16 units: a character outside the BMP is one', () => {
    // 𠮷 (U+20BB7) is two UTF-16 units; the server's offsets count it once.
    const title = '𠮷野家饮水安全'
    const runs = highlightSegments(title, [[3, 5]])
    expect(marked(runs)).toEqual(['饮水'])
    expect(runs[0]).toEqual({ text: '𠮷野家', marked: false })
    expect(highlightSegments('😀低保', [[1, 3]])).toEqual([
      { text: '😀', marked: false },
      { text: '低保', marked: true },
    ])
  })

  it('marks the start, the end and several places', () => {
    expect(highlightSegments('低保和低保', [[0, 2], [3, 5]])).toEqual([
      { text: '低保', marked: true },
      { text: '和', marked: false },
      { text: '低保', marked: true },
    ])
    expect(highlightSegments('低保', [[0, 2]])).toEqual([{ text: '低保', marked: true }])
  })

  it('sorts, merges overlapping and touching ranges, and clips or drops bad ones', () => {
    const text = 'abcdefghij'
    expect(highlightSegments(text, [[6, 8], [1, 3], [2, 4]])).toEqual([
      { text: 'a', marked: false },
      { text: 'bcd', marked: true },
      { text: 'ef', marked: false },
      { text: 'gh', marked: true },
      { text: 'ij', marked: false },
    ])
    expect(marked(highlightSegments(text, [[1, 3], [3, 5]]))).toEqual(['bcde'])
    expect(marked(highlightSegments(text, [[8, 40]]))).toEqual(['ij'])
    expect(highlightSegments(text, [[4, 4], [7, 2], [20, 30], [-5, -1], [3]])).toEqual([{ text, marked: false }])
    for (const marks of [[[0, 3]], [[2, 5], [4, 9]], [[9, 10]], []]) expect(joined(highlightSegments(text, marks))).toBe(text)
  })

  it('gives nothing for an empty text', () => {
    expect(highlightSegments('', [[0, 2]])).toEqual([])
  })
})

describe('the search’s filters in the address', () => {
  const unit = '3f1c2a9e-1b2c-4d5e-8f90-123456789abc'
  const heading = '0193a5b4-7c2d-7e8f-9a0b-1c2d3e4f5a6b'

  it('needs two characters, counted as the server counts them', () => {
    expect(queryLongEnough('低保')).toBe(true)
    expect(queryLongEnough(' 低 ')).toBe(false)
    expect(queryLongEnough('𠮷')).toBe(false)
    expect(queryLongEnough('ab')).toBe(true)
    expect(queryLongEnough('')).toBe(false)
  })

  it('reads what the server accepts and leaves the rest out', () => {
    expect(searchFiltersFrom({ q: ' 低保 ', unit_id: unit, heading_id: heading, year: '2026', valid_only: 'true', page: '3' })).toEqual({
      q: '低保',
      unit_id: unit,
      heading_id: heading,
      year: 2026,
      valid_only: true,
      page: 3,
    })
    expect(searchFiltersFrom({ q: ['饮水', 'x'], unit_id: 'kouqian', heading_id: '低保公示', year: '2007', valid_only: 'no', page: '-1' })).toEqual({
      q: '饮水',
      unit_id: '',
      heading_id: '',
      year: null,
      valid_only: false,
      page: 1,
    })
    expect(searchFiltersFrom({}).page).toBe(1)
    expect(searchFiltersFrom({ year: '2026.5', page: 'x' })).toMatchObject({ year: null, page: 1 })
    expect(Array.from(searchFiltersFrom({ q: '字'.repeat(80) }).q)).toHaveLength(50)
  })

  it('writes only the filters set, the first page implicit, and reads back the same', () => {
    expect(searchQueryOf({ q: '低保', unit_id: '', heading_id: '', year: null, valid_only: false, page: 1 })).toEqual({ q: '低保' })
    const all = { q: '饮水', unit_id: unit, heading_id: heading, year: 2025, valid_only: true, page: 2 }
    const query = searchQueryOf(all)
    expect(query).toEqual({ q: '饮水', unit_id: unit, heading_id: heading, year: '2025', valid_only: 'true', page: '2' })
    expect(searchFiltersFrom(query as Record<string, string>)).toEqual(all)
  })

  it('offers the years from this one back to 2008', () => {
    const years = yearChoices(2026)
    expect(years[0]).toBe(2026)
    expect(years[years.length - 1]).toBe(2008)
    expect(years).toHaveLength(19)
    expect(yearChoices(2000)).toEqual([2008])
  })
})

describe('the county’s recent publications by unit', () => {
  const unit = (id: string, name: string): Schemas['UnitView'] => ({
    id,
    county_id: 'c',
    slug: id,
    name,
    short_name: name,
    name_en: name,
    kind: 'township',
    credit_code: '',
    active: true,
  })
  const entry = (item_id: string, unit_id: string, published_on: string): Schemas['CatalogueEntry'] => ({
    item_id,
    unit_id,
    unit_name: unit_id,
    index_number: `${unit_id}/${item_id}`,
    title: item_id,
    summary: '',
    category: 'local_affairs',
    formed_on: published_on,
    published_on,
  })
  const units = [unit('a', '口前镇'), unit('b', '一拉溪镇'), unit('c', '县教育局')]
  const newest = [
    entry('a3', 'a', '2026-03-03'),
    entry('b1', 'b', '2026-03-02'),
    entry('a2', 'a', '2026-03-01'),
    entry('x1', 'gone', '2026-02-28'),
    entry('a1', 'a', '2026-02-01'),
    entry('a0', 'a', '2026-01-01'),
  ]

  it('lists every unit in the directory’s order with its newest entries, newest first', () => {
    const groups = recentByUnit(units, newest, 3)
    expect(groups.map((g) => g.unit.id)).toEqual(['a', 'b', 'c'])
    expect(groups[0].recent.map((e) => e.item_id)).toEqual(['a3', 'a2', 'a1'])
    expect(groups[0].more).toBe(1)
    expect(groups[1].recent.map((e) => e.item_id)).toEqual(['b1'])
    expect(groups[1].more).toBe(0)
    expect(groups[2]).toEqual({ unit: units[2], recent: [], more: 0 })
  })

  it('leaves out entries of units not in the directory', () => {
    const ids = recentByUnit(units, newest).flatMap((g) => g.recent.map((e) => e.item_id))
    expect(ids).not.toContain('x1')
    expect(recentByUnit([], newest)).toEqual([])
  })
})

describe('a unit’s feeds and open data', () => {
  it('are the catalogue’s Atom, RSS and JSON for the unit', () => {
    expect(unitFeeds('u-1')).toEqual({
      atom: '/api/v1/public/catalogue/feed?unit_id=u-1',
      rss: '/api/v1/public/catalogue/feed?unit_id=u-1&format=rss',
      json: '/api/v1/public/catalogue/export?unit_id=u-1',
    })
  })
})
