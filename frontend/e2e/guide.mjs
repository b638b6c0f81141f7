// A unit's disclosure guide (政府信息公开指南, Art. 12) kept in the console and shown on the portal, at
// 万昌镇: the openness office sets the county's confirmation period on the catalogue headings page,
// where the default of 365 days shows until it does → the town's leader opens the guide page from
// the navigation, is refused a postal code of five digits at the field, saves the office's contact
// data: the page shows the last update and the day by which to confirm the guide again, the period
// counted from today (AC 6(1)) → on a phone the portal's unit page shows the guide with that phone →
// the leader changes the phone → the portal shows the new phone and the new update time.
import { join } from 'node:path'
import { PHONE, answered, beijingTime, beijingToday, dueBy, fitsPhone, text } from './steps.mjs'

const UNIT = 'wanchang'
const UNIT_NAME = '永吉县万昌镇人民政府'
const REVIEW_DAYS = 180
const OLD_PHONE = '0432-64110000'
const NEW_PHONE = '0432-64119999'
const CONTACTS = {
  'guide-office-name': '万昌镇党政综合办公室',
  'guide-address': '吉林省永吉县万昌镇万昌大街1号',
  'guide-postal-code': '132213',
  'guide-office-hours': '工作日 8:30—11:30，13:30—17:00',
  'guide-phone': OLD_PHONE,
  'guide-email': 'wanchang@yongji.example.org',
}

export function guideScenarios({ base, shots, newPage, signIn, accessible, assert }) {
  /** The guide as the portal's API answers it. */
  const publicGuide = async (unitId) => (await fetch(`${base}/api/v1/public/units/${unitId}/guide`)).json()
  const errorAt = (page, id) => page.locator('.el-form-item', { has: page.locator(`#${id}`) }).locator('.el-form-item__error')

  return {
    async 'the openness office sets the guide’s confirmation period; a unit leader changes the office phone on the guide page and the portal shows it with the new update time'() {
      // --- The county's period, on the catalogue headings page -------------------------------------
      const office = await newPage()
      await signIn(office, 'zhengfuban.handler')
      await office.click('[data-test=nav-headings]')
      await office.waitForSelector('[data-test=headings-page][data-state=ready]')
      await office.waitForSelector('[data-test=gr-panel][data-state=ready]')
      assert((await office.getAttribute('[data-test=gr-source]', 'data-set')) === 'false', 'the period was set before')
      assert((await text(office, '[data-test=gr-days]')) === '每 365 天', `the default period: ${await text(office, '[data-test=gr-days]')}`)
      assert((await text(office, '[data-test=gr-source]')) === '尚未设定，按默认的365天', 'the default is not said')
      await accessible(office, 'console headings with the default guide period')
      await office.fill('#gr-days-input', String(REVIEW_DAYS))
      await office.press('#gr-days-input', 'Tab')
      const settings = await answered(office, 'PUT', '/disclosure/settings', () => office.click('[data-test=gr-submit]'))
      assert(settings.guide_review_days === REVIEW_DAYS && settings.set_by_office, `the period: ${JSON.stringify(settings)}`)
      await office.waitForSelector('[data-test=gr-source][data-set=true]')
      assert((await text(office, '[data-test=gr-days]')) === `每 ${REVIEW_DAYS} 天`, 'the page does not show the new period')
      assert((await text(office, '[data-test=gr-updated-at]')) === beijingTime(settings.updated_at), 'the day it was set')
      await office.screenshot({ path: join(shots, 'console-guide-period.png'), fullPage: true })
      await accessible(office, 'console headings with the guide period set')

      // --- The leader opens the guide page from the navigation ----------------------------------
      const leader = await newPage()
      await signIn(leader, `${UNIT}.leader`)
      const nav = leader.locator('[data-test=nav-guide]')
      assert((await nav.textContent()).trim() === '公开指南', 'no nav entry 公开指南')
      await nav.click()
      await leader.waitForURL((url) => /^\/console\/units\/[0-9a-f-]{36}\/guide$/.test(url.pathname))
      const unitId = new URL(leader.url()).pathname.split('/')[3]
      await leader.waitForSelector('[data-test=guide-page][data-state=ready]')
      assert((await text(leader, '[data-test=guide-unit]')) === `· ${UNIT_NAME}`, 'the page does not name the unit')
      assert((await text(leader, '[data-test=guide-period]')) === `每 ${REVIEW_DAYS} 天`, `the period shown: ${await text(leader, '[data-test=guide-period]')}`)
      const sections = await leader.locator('[data-test=guide-preview] [data-test=guide-section] h4').allTextContents()
      assert(sections.includes('一、主动公开') && sections.includes('二、依申请公开'), `the preview: ${JSON.stringify(sections)}`)
      assert((await leader.getAttribute('[data-test=guide-public-link]', 'href')) === `/units/${unitId}#unit-guide`, 'the link to the portal')
      await accessible(leader, 'console guide page')

      // A postal code of five digits is refused at the field before anything is sent.
      for (const [id, value] of Object.entries(CONTACTS)) await leader.fill(`#${id}`, value)
      await leader.fill('#guide-postal-code', '13221')
      let puts = 0
      const count = (r) => {
        if (r.method() === 'PUT' && new URL(r.url()).pathname.endsWith('/guide')) puts++
      }
      leader.on('request', count)
      await leader.click('[data-test=guide-submit]')
      await errorAt(leader, 'guide-postal-code').waitFor()
      assert((await errorAt(leader, 'guide-postal-code').textContent()).trim() === '邮政编码须为6位数字', 'the postal code’s error')
      leader.off('request', count)
      assert(puts === 0, 'a postal code of five digits was sent')
      await accessible(leader, 'console guide form with a refused postal code')

      await leader.fill('#guide-postal-code', CONTACTS['guide-postal-code'])
      const before = await publicGuide(unitId)
      const first = await answered(leader, 'PUT', '/guide', () => leader.click('[data-test=guide-submit]'))
      assert(first.contacts?.phone === OLD_PHONE && first.contacts.postal_code === CONTACTS['guide-postal-code'], `the saved contacts: ${JSON.stringify(first.contacts)}`)
      assert(Date.parse(first.updated_at) > Date.parse(before.updated_at), `the update time did not move: ${before.updated_at} → ${first.updated_at}`)
      // Saved, the guide is confirmed: the county's period runs again from today.
      const reviewBy = await dueBy(base, beijingToday(), { calendar_days: REVIEW_DAYS })
      assert(first.review_by === reviewBy, `confirm again by ${first.review_by}, expected ${reviewBy}`)
      await leader.waitForSelector(`[data-test=guide-updated-at]:has-text("${beijingTime(first.updated_at)}")`)
      assert((await text(leader, '[data-test=guide-review-by]')) === reviewBy, `the page gives ${await text(leader, '[data-test=guide-review-by]')}`)
      assert((await text(leader, '[data-test=guide-review-state]')) === '期限内', 'the confirmation is not within its period')
      assert((await text(leader, '[data-test=guide-preview]')).includes(`联系电话：${OLD_PHONE}`), 'the preview does not show the phone')

      // --- On a phone, the portal's unit page shows the guide -------------------------------------
      const citizen = await newPage(PHONE)
      await citizen.goto(`${base}/units/${unitId}#unit-guide`)
      await citizen.waitForSelector('[data-test=unit-page][data-state=ready]')
      assert((await text(citizen, '[data-test=unit-guide]')).includes(`联系电话：${OLD_PHONE}`), 'the portal does not show the phone')
      assert((await text(citizen, '[data-test=guide-updated]')) === `更新于 ${beijingTime(first.updated_at)}`, `the portal's date: ${await text(citizen, '[data-test=guide-updated]')}`)

      // --- The leader changes the phone; the portal follows --------------------------------------
      await leader.fill('#guide-phone', NEW_PHONE)
      const changed = await answered(leader, 'PUT', '/guide', () => leader.click('[data-test=guide-submit]'))
      assert(changed.contacts?.phone === NEW_PHONE, `the new phone was not saved: ${JSON.stringify(changed.contacts)}`)
      assert(Date.parse(changed.updated_at) > Date.parse(first.updated_at), `the update time did not move: ${first.updated_at} → ${changed.updated_at}`)
      await leader.waitForSelector(`[data-test=guide-preview]:has-text("联系电话：${NEW_PHONE}")`)
      assert((await text(leader, '[data-test=guide-updated-at]')) === beijingTime(changed.updated_at), 'the page does not show the new update time')
      await leader.screenshot({ path: join(shots, 'console-guide.png'), fullPage: true })
      await accessible(leader, 'console guide page saved')

      await citizen.reload()
      await citizen.waitForSelector('[data-test=unit-page][data-state=ready]')
      const shown = await text(citizen, '[data-test=unit-guide]')
      assert(shown.includes(`联系电话：${NEW_PHONE}`) && !shown.includes(OLD_PHONE), `the portal's guide: ${shown}`)
      assert((await text(citizen, '[data-test=guide-updated]')) === `更新于 ${beijingTime(changed.updated_at)}`, `the portal's date: ${await text(citizen, '[data-test=guide-updated]')}`)
      assert((await text(citizen, '[data-test=guide-updated]')).startsWith(`更新于 ${beijingToday()}`), 'the portal does not date the guide today')
      await citizen.screenshot({ path: join(shots, 'portal-unit-guide-phone.png'), fullPage: true })
      await fitsPhone(citizen, 'the unit page with its guide')
      await accessible(citizen, 'portal unit guide on a phone')
    },
  }
}
