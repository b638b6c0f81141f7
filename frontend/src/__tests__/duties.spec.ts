import { describe, expect, it } from 'vitest'
import { candidates, capacityLabel, designationErrors, mayDesignate, standingOf } from '../common/duties'
import { eventFacts, eventLabel } from '../common/events'
import { beijingTime } from '../common/dates'
import { setLocale } from '../i18n'

const membership = (unit_id: string, duties: ('disclosure_office_head' | 'secrecy_reviewer')[], is_principal = false) => ({ unit_id, duties, is_principal })

describe('duties in a unit', () => {
  it('reads the standing of one unit from the memberships', () => {
    const memberships = [membership('u-1', ['secrecy_reviewer']), membership('u-2', ['disclosure_office_head'], true)]
    const one = standingOf(memberships, 'u-1')
    expect([...one.duties]).toEqual(['secrecy_reviewer'])
    expect(one.principal).toBe(false)
    const two = standingOf(memberships, 'u-2')
    expect([...two.duties]).toEqual(['disclosure_office_head'])
    expect(two.principal).toBe(true)
    expect(standingOf(memberships, 'u-3')).toEqual({ duties: new Set(), principal: false })
    expect(standingOf(memberships, null).principal).toBe(false)
  })

  it('lets only the principal leader, or whoever manages members, designate', () => {
    const leader = new Set(['member.read', 'member.manage_handlers'])
    expect(mayDesignate(leader, { principal: true })).toBe(true)
    expect(mayDesignate(leader, { principal: false })).toBe(false)
    expect(mayDesignate(new Set(['member.read', 'member.manage', 'member.manage_handlers']), { principal: false })).toBe(true)
    expect(mayDesignate(new Set(['member.read']), { principal: true })).toBe(false)
  })

  it('offers each active member once, leaders first', () => {
    const m = (user_id: string, role: 'leader' | 'handler', user_status: 'active' | 'disabled' = 'active') => ({
      user_id,
      display_name: `name-${user_id}`,
      username: `user.${user_id}`,
      role,
      user_status,
    })
    const list = candidates([m('a', 'handler'), m('b', 'leader'), m('a', 'leader'), m('c', 'handler', 'disabled'), m('d', 'handler')])
    expect(list.map((c) => [c.user_id, c.leader])).toEqual([
      ['a', true],
      ['b', true],
      ['d', false],
    ])
  })

  it("says the server's field errors with the name of the person chosen", () => {
    setLocale('zh')
    const names: Record<string, string> = { x: '口前镇经办人', y: '口前镇负责人' }
    const nameOf = (id: string) => names[id] ?? ''
    expect(designationErrors({ 'user_ids[0]': '须为本单位领导。' }, ['x'], nameOf)).toEqual(['口前镇经办人：须为本单位领导。'])
    expect(designationErrors({ user_ids: '只能指定一人。' }, ['x', 'y'], nameOf)).toEqual(['只能指定一人。'])
    expect(designationErrors({ 'user_ids[1]': '重复出现。', duty: 'x' }, ['y', 'y'], nameOf)).toEqual(['口前镇负责人：重复出现。'])
    // Someone the page does not know is named by id; an index past the list by the message alone.
    expect(designationErrors({ 'user_ids[0]': '此人不是本单位成员。' }, ['z'], nameOf)).toEqual(['z：此人不是本单位成员。'])
    expect(designationErrors({ 'user_ids[3]': '此人不是本单位成员。' }, ['z'], nameOf)).toEqual(['此人不是本单位成员。'])
    setLocale('en')
    expect(designationErrors({ 'user_ids[0]': 'Must be a leader of the unit.' }, ['x'], nameOf)).toEqual(['口前镇经办人: Must be a leader of the unit.'])
    setLocale('zh')
  })
})

describe('the timeline of an application', () => {
  const extended = {
    details: { days: 20, reason: '需要调取档案', new_due_date: '2027-01-29', agreed_by: '李明', agreed_as: 'disclosure_office_head' },
  }

  it('names who agreed to an extension and in which capacity', () => {
    setLocale('zh')
    expect(eventFacts(extended)).toContainEqual(['同意人', '政府信息公开工作机构负责人 李明'])
    expect(eventFacts({ details: { ...extended.details, agreed_as: 'principal_leader' } })).toContainEqual(['同意人', '主要负责人 李明'])
    // An extension recorded before capacities were kept shows the name alone.
    expect(eventFacts({ details: { ...extended.details, agreed_as: undefined } })).toContainEqual(['同意人', '李明'])
    expect(eventFacts({ details: { days: 20 } }).map(([label]) => label)).not.toContain('同意人')
    setLocale('en')
    expect(eventFacts(extended)).toContainEqual(['Agreed by', '李明 (Head of the disclosure office)'])
    expect(capacityLabel('principal_leader')).toBe('Principal leader')
    expect(capacityLabel('someone')).toBe('')
    setLocale('zh')
  })

  it('names the secrecy review events and shows their note and outcome', () => {
    setLocale('zh')
    expect(eventLabel('secrecy_reviewed')).toBe('保密审查通过')
    expect(eventLabel('secrecy_review_returned')).toBe('保密审查退回')
    expect(eventLabel('something_new')).toBe('something_new')
    expect(eventFacts({ details: { outcome: 'disclosed', note: '请删除个人电话。' } })).toEqual([
      ['说明', '请删除个人电话。'],
      ['办理结果', '予以公开'],
    ])
    setLocale('en')
    expect(eventLabel('secrecy_reviewed')).toBe('Secrecy review cleared')
    expect(eventLabel('secrecy_review_returned')).toBe('Sent back by the secrecy review')
    setLocale('zh')
  })

  it("shows an instant on Beijing's clock", () => {
    expect(beijingTime('2026-12-01T17:30:00Z')).toBe('2026-12-02 01:30')
    expect(beijingTime(null)).toBe('')
    expect(beijingTime('not a time')).toBe('')
  })
})
