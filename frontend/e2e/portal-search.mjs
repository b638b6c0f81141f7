// The public disclosure platform (国办公开办函〔2019〕61号) on a phone, at 口前镇 (the demo handler is
// the unit's designated secrecy reviewer, the leader approves): the openness office adds a catalogue
// heading → the handler drafts an item under it and submits it, reviews it, the leader approves and
// publishes it → on a 375 px wide phone a citizen finds it on the search page by two characters of
// its title, marked in the title and the summary, narrows by the unit, to what is in force and to
// the heading, which the unit's headings offer; a year without it finds nothing → the unit's page
// shows the guide's sections with the day it changed, the item in the unit's statutory proactive
// content, all of it and under its heading, no annual report yet and the feeds and open data, which
// hold the item → the directory lists the unit with the item among what it published recently.
import { join } from 'node:path'
import { PHONE, addHeading, choose, fitsPhone, publishedItem, text } from './steps.mjs'

const UNIT = 'kouqian'
const UNIT_NAME = '永吉县口前镇人民政府'
const TITLE = '口前镇2026年农村饮水安全巩固提升工程进展情况'
const SUMMARY = '全镇农村饮水安全巩固提升工程的建设进度和受益村屯'
const QUERY = '饮水'
const HEADING = '农村饮水安全工程'

export function portalSearchScenarios({ base, shots, newPage, signIn, accessible, assert }) {
  /** Runs `act` and waits for the search it sends, whose parameters must satisfy `wanted`. */
  const searched = async (page, wanted, act) => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => {
        const url = new URL(r.url())
        return url.pathname === '/api/v1/public/search' && wanted(url.searchParams)
      }),
      act(),
    ])
    assert(response.status() === 200, `the search answered ${response.status()}: ${await response.text()}`)
    return response.json()
  }

  return {
    async 'a published item is found on the portal’s search on a phone with its words marked, and the unit’s page shows its guide, catalogue and feeds'() {
      // --- The openness office adds a heading; the item is drafted under it and published -----------
      const office = await newPage()
      await signIn(office, 'zhengfuban.handler')
      const heading = await addHeading(office, { name: HEADING, nameEn: 'Rural drinking water', category: '市政建设、公共服务' })

      const handler = await newPage()
      await signIn(handler, `${UNIT}.handler`)
      const leader = await newPage()
      await signIn(leader, `${UNIT}.leader`)
      const published = await publishedItem({
        handler,
        leader,
        base,
        fill: async () => {
          await handler.fill('#it-title', TITLE)
          await handler.fill('#it-summary', SUMMARY)
          await handler.fill('#it-body', '全镇农村饮水安全巩固提升工程已完成供水管网改造12公里，惠及8个行政村。\n\n## 下一步安排\n年底前完成水质检测设施建设。')
          await choose(handler, '[data-test=it-category]', '市政建设、公共服务')
          await choose(handler, '[data-test=it-heading]', HEADING)
        },
      })
      const item = published
      assert(published.heading_id === heading.id, `the item is not under the heading: ${published.heading_id}`)
      const year = published.first_published_on.slice(0, 4)

      // --- The search on a phone, from the header --------------------------------------------------------
      const citizen = await newPage(PHONE)
      await citizen.goto(`${base}/`)
      await citizen.click('[data-test=nav-search]')
      await citizen.waitForSelector('[data-test=search-page][data-state=idle]')
      await fitsPhone(citizen, 'the empty search page')
      await accessible(citizen, 'portal search, empty')
      // One character is not sent: the page says two are needed.
      let sent = 0
      const count = (r) => {
        if (new URL(r.url()).pathname === '/api/v1/public/search') sent++
      }
      citizen.on('request', count)
      await citizen.fill('[data-test=search-q]', QUERY.slice(0, 1))
      await citizen.click('[data-test=search-submit]')
      await citizen.waitForSelector('[data-test=search-too-short]')
      assert((await text(citizen, '[data-test=search-too-short]')) === '请至少输入2个字', 'the short query is not explained')
      citizen.off('request', count)
      assert(sent === 0, 'a one-character query was sent')

      await citizen.fill('[data-test=search-q]', QUERY)
      const result = await searched(citizen, (p) => p.get('q') === QUERY, () => citizen.click('[data-test=search-submit]'))
      assert(new URL(citizen.url()).searchParams.get('q') === QUERY, `the address does not keep the query: ${citizen.url()}`)
      const hit = citizen.locator(`[data-test=search-hit][data-item="${item.id}"]`)
      await hit.waitFor()
      assert(result.items.some((h) => h.item_id === item.id), 'the search did not answer the item')
      assert((await text(hit, '[data-test=search-open]')) === TITLE, `the hit's title: ${await text(hit, '[data-test=search-open]')}`)
      const titleMarks = await hit.locator('[data-test=search-open] mark').allTextContents()
      assert(JSON.stringify(titleMarks) === JSON.stringify([QUERY]), `the title's marks: ${JSON.stringify(titleMarks)}`)
      const summaryMarks = await hit.locator('[data-test=search-summary] mark').allTextContents()
      assert(JSON.stringify(summaryMarks) === JSON.stringify([QUERY]), `the summary's marks: ${JSON.stringify(summaryMarks)}`)
      assert((await text(hit, '[data-test=search-summary]')) === SUMMARY, 'the summary is not shown whole')
      assert((await text(hit, '[data-test=search-unit-link]')) === UNIT_NAME, 'the hit does not name the unit')
      assert((await text(citizen, '[data-test=search-total]')).startsWith('共找到'), 'no count of results')
      await citizen.screenshot({ path: join(shots, 'portal-search-phone.png'), fullPage: true })
      await fitsPhone(citizen, 'the search results')
      await accessible(citizen, 'portal search results on a phone')

      // Narrowed to the unit and to what is in force, it is still found.
      await choose(citizen, '[data-test=search-unit]', UNIT_NAME, '口前')
      await citizen.click('[data-test=search-valid-only]')
      await searched(
        citizen,
        (p) => p.get('q') === QUERY && p.get('unit_id') === item.unit_id && p.get('valid_only') === 'true',
        () => citizen.click('[data-test=search-submit]'),
      )
      await hit.waitFor()
      assert((await citizen.locator('[data-test=search-hit] [data-test=search-unit-link]').allTextContents()).every((n) => n.trim() === UNIT_NAME), 'another unit’s item is listed')
      await accessible(citizen, 'portal search narrowed')
      // The heading filter offers the unit's headings, this one among them, and finds the item under it.
      await citizen.waitForSelector('[data-test=search-heading][data-offered]:not([data-offered="0"])')
      await choose(citizen, '[data-test=search-heading]', HEADING)
      const underHeading = await searched(citizen, (p) => p.get('heading_id') === heading.id && p.get('unit_id') === item.unit_id, () => citizen.click('[data-test=search-submit]'))
      assert(underHeading.items.length > 0 && underHeading.items.every((h) => h.unit_id === item.unit_id), `the search under the heading: ${JSON.stringify(underHeading.items)}`)
      await hit.waitFor()
      assert(new URL(citizen.url()).searchParams.get('heading_id') === heading.id, `the address does not keep the heading: ${citizen.url()}`)
      await fitsPhone(citizen, 'the search with a heading')
      await accessible(citizen, 'portal search under a heading on a phone')
      // A year it was not published in finds nothing.
      await searched(citizen, (p) => p.get('year') === '2008', () => citizen.goto(`${base}/search?q=${encodeURIComponent(QUERY)}&year=2008`))
      await citizen.waitForSelector('[data-test=search-empty]')
      await searched(citizen, (p) => p.get('year') === year, () => citizen.goto(`${base}/search?q=${encodeURIComponent(QUERY)}&year=${year}&unit_id=${item.unit_id}`))
      await hit.waitFor()

      // --- The unit's page --------------------------------------------------------------------------------
      await hit.locator('[data-test=search-unit-link]').click()
      await citizen.waitForURL((url) => url.pathname === `/units/${item.unit_id}`)
      await citizen.waitForSelector('[data-test=unit-page][data-state=ready]')
      assert((await text(citizen, '[data-test=unit-name]')) === UNIT_NAME, 'the unit page does not name the unit')
      const headings = await citizen.locator('[data-test=guide-section] h4').allTextContents()
      assert(headings.length >= 3 && headings[0] === '一、主动公开' && headings.includes('二、依申请公开') && headings.includes('三、监督和救济'), `the guide's sections: ${JSON.stringify(headings)}`)
      assert((await text(citizen, '[data-test=unit-guide]')).includes(UNIT_NAME), 'the guide does not name the unit')
      assert(/^更新于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(await text(citizen, '[data-test=guide-updated]')), `the guide's date: ${await text(citizen, '[data-test=guide-updated]')}`)
      const parts = await citizen.locator('[data-test=unit-page] h3').allTextContents()
      for (const part of ['政府信息公开指南', '政府信息公开制度', '法定主动公开内容', '政府信息公开年报']) assert(parts.includes(part), `the unit page has no part ${part}: ${JSON.stringify(parts)}`)
      const entry = citizen.locator('[data-test=unit-statutory] [data-test=catalogue-entry]', { hasText: TITLE })
      await entry.waitFor()
      assert((await text(entry, '[data-test=cat-index]')) === published.index_number, 'the unit’s catalogue shows another index number')
      // In a full run the normative document repealed at 口前镇 before is marked so.
      for (const repealed of await citizen.locator('[data-test=unit-statutory] [data-test=catalogue-entry][data-repealed=true]').all()) {
        assert((await text(repealed, '[data-test=cat-repealed]')).startsWith('已废止'), 'a repealed entry is not marked')
      }
      assert((await text(citizen, '[data-test=reports-empty]')) === '暂无年度报告', 'the annual reports part')
      await citizen.screenshot({ path: join(shots, 'portal-unit-phone.png'), fullPage: true })
      await fitsPhone(citizen, 'the unit page')
      await accessible(citizen, 'portal unit page on a phone')

      // The feeds and the open data it links hold the item.
      for (const [link, type] of [['feed-atom', 'application/atom+xml'], ['feed-rss', 'application/rss+xml'], ['feed-json', 'application/json']]) {
        const href = await citizen.getAttribute(`[data-test=${link}]`, 'href')
        const response = await fetch(`${base}${href}`)
        assert(response.status === 200 && (response.headers.get('content-type') ?? '').startsWith(type), `${href}: ${response.status} ${response.headers.get('content-type')}`)
        assert((await response.text()).includes(TITLE), `${href} does not hold the item`)
      }

      // --- The unit's statutory content under the heading --------------------------------------------
      const link = citizen.locator(`[data-test=unit-headings] [data-test=unit-heading][data-heading="${heading.id}"]`)
      await link.waitFor()
      assert((await text(link, '[data-test=unit-heading-name]')) === HEADING, `the heading's link: ${await text(link, '[data-test=unit-heading-name]')}`)
      assert((await text(link, '[data-test=unit-heading-count]')) === '（1 条）', `the heading's count: ${await text(link, '[data-test=unit-heading-count]')}`)
      await link.click()
      await citizen.waitForSelector(`[data-test=unit-statutory][data-heading="${heading.id}"]`)
      assert(new URL(citizen.url()).searchParams.get('heading_id') === heading.id, `the address does not name the heading: ${citizen.url()}`)
      assert((await link.getAttribute('aria-current')) === 'true', 'the heading is not marked current')
      const under = await citizen.locator('[data-test=unit-statutory] [data-test=cat-open]').allTextContents()
      assert(JSON.stringify(under.map((n) => n.trim())) === JSON.stringify([TITLE]), `under the heading: ${JSON.stringify(under)}`)
      assert((await text(citizen, '[data-test=unit-heading-shown]')) === `“${HEADING}”栏目下的信息`, 'the heading shown is not named')
      await citizen.screenshot({ path: join(shots, 'portal-unit-heading-phone.png'), fullPage: true })
      await fitsPhone(citizen, 'the unit page under a heading')
      await accessible(citizen, 'portal unit page under a heading on a phone')
      await citizen.click('[data-test=unit-headings] [data-test=unit-heading][data-heading=""]')
      await citizen.waitForSelector('[data-test=unit-statutory][data-heading=""]')

      // The entry opens the item's page.
      await entry.locator('[data-test=cat-open]').click()
      await citizen.waitForSelector('[data-test=catalogue-item][data-state=ready]')
      assert((await text(citizen, '[data-test=ci-title]')) === TITLE, 'the entry opened another item')

      // --- The directory: every unit, with what it published recently --------------------------------------
      await citizen.goto(`${base}/directory`)
      const unit = citizen.locator(`[data-test=dir-unit][data-unit="${item.unit_id}"]`)
      await unit.locator('[data-test=dir-recent-item]', { hasText: TITLE }).waitFor()
      const units = await citizen.locator('[data-test=dir-unit]').count()
      const listed = (await fetch(`${base}/api/v1/directory`).then((r) => r.json())).units.length
      assert(units === listed, `the directory lists ${units} of ${listed} units`)
      await citizen.screenshot({ path: join(shots, 'portal-directory-recent-phone.png'), fullPage: true })
      await fitsPhone(citizen, 'the directory')
      await accessible(citizen, 'portal directory with recent publications')
      await unit.locator('[data-test=dir-unit-link]').click()
      await citizen.waitForURL((url) => url.pathname === `/units/${item.unit_id}`)
      await citizen.waitForSelector('[data-test=unit-page][data-state=ready]')
    },
  }
}
