// The steps the Chromium scenarios share: reading a text, choosing in a select, waiting for the API's
// answer to what a click sends, dates on Beijing's calendar, calls with the page's session, the
// emails the server writes to its outbox directory, and an
// information item's way from the drafting form through secrecy review to publication (the demo
// handler of each unit is its designated secrecy reviewer, its leader approves and publishes).
import { Buffer } from 'node:buffer'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

export function assert(condition, message) {
  if (!condition) throw new Error(message)
}

/** The text of the first match of `selector` inside `scope` (a page or a locator), its spaces collapsed. */
export async function text(scope, selector) {
  return (await scope.locator(selector).first().textContent()).replace(/\s+/g, ' ').trim()
}

/**
 * Opens a select and clicks its option (a string matches anywhere in the label, a RegExp as given),
 * typing `typed` first to filter a long list. A click while the list is still moving into place can
 * miss the option, and the list then stays open: it retries until the list closes.
 */
export async function choose(page, selector, option, typed) {
  await page.click(selector)
  if (typed) await page.keyboard.type(typed)
  const item = page.locator('.el-select-dropdown__item:visible', { hasText: option }).first()
  const dropdown = page.locator(`[id="${await item.evaluate((el) => el.closest('.el-popper').id)}"]`)
  for (let attempt = 1; ; attempt++) {
    await item.click()
    try {
      await dropdown.waitFor({ state: 'hidden', timeout: 3000 })
      return
    } catch (error) {
      if (attempt === 3) throw error
    }
  }
}

/** Adds an option to a select of several (it stays open, so a second click would take it away). */
export async function chooseAlso(page, selector, option) {
  await page.click(selector)
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click()
}

/** Runs `act` and waits for the API's answer to the request it sends, expecting `status`; returns its body. */
export async function answered(page, method, pathEnd, act, status = 200) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname.endsWith(pathEnd)),
    act(),
  ])
  assert(response.status() === status, `${method} …${pathEnd} answered ${response.status()}: ${await response.text()}`)
  return response.json()
}

/** A JSON call with the page's session cookie and CSRF token. */
export async function apiCall(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('gk_csrf='))?.slice(8) ?? ''
      const r = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
        body: body ? JSON.stringify(body) : undefined,
      })
      return { status: r.status, body: await r.json().catch(() => null) }
    },
    { method, path, body },
  )
}

/** The phone the portal is tried on, and a check that nothing is wider than it (no sideways scrolling). */
export const PHONE = { width: 375, height: 812 }

export async function fitsPhone(page, name) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert(width <= PHONE.width, `${name} is ${width} px wide on a ${PHONE.width} px phone`)
}

// --- Emails ---------------------------------------------------------------------------------------

/** The decoded text of an .eml file: its headers as they are, its base64 and quoted-printable parts decoded. */
export function decodedMail(eml) {
  const text = eml.replace(/\r\n/g, '\n')
  const base64 = [...text.matchAll(/Content-Transfer-Encoding: base64\n(?:[^\n]+\n)*\n([A-Za-z0-9+/=\n]+)/gi)].map((m) =>
    Buffer.from(m[1].replace(/\n/g, ''), 'base64').toString('utf8'),
  )
  const qp = [...text.matchAll(/Content-Transfer-Encoding: quoted-printable\n(?:[^\n]+\n)*\n([\s\S]*?)(?=\n--|$)/gi)].map((m) =>
    Buffer.from(
      m[1].replace(/=\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8'),
  )
  const subject = text.match(/^Subject:(.*(?:\n[ \t].*)*)/m)?.[1] ?? ''
  const decodedSubject = subject.replace(/=\?utf-8\?b\?([^?]*)\?=/gi, (_, b64) => Buffer.from(b64, 'base64').toString('utf8')).replace(/\s+/g, '')
  return [decodedSubject, text, ...base64, ...qp].join('\n')
}

/**
 * The first email to `address` holding `fragment` among those the server writes under DATA_DIR's
 * outbox directory (`data`), decoded; waits up to a minute for the outbox to deliver it.
 */
export async function mailTo(data, address, fragment) {
  const dir = join(data, 'outbox')
  for (let i = 0; i < 120; i++) {
    if (existsSync(dir)) {
      const found = readdirSync(dir)
        .filter((f) => f.endsWith('.eml'))
        .map((f) => readFileSync(join(dir, f), 'utf8'))
        .filter((eml) => eml.includes(address))
        .map(decodedMail)
        .find((m) => m.includes(fragment))
      if (found) return found
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  assert(false, `no email with "${fragment}" to ${address}`)
}

// --- Days on Beijing's calendar ----------------------------------------------------------------------

/** Today in Beijing (UTC+8, no daylight saving), `YYYY-MM-DD`; `offsetDays` later or earlier. */
export function beijingToday(offsetDays = 0) {
  return new Date(Date.now() + (8 + 24 * offsetDays) * 3600000).toISOString().slice(0, 10)
}

/** An instant as Beijing's wall clock, `YYYY-MM-DD HH:mm`, as the pages show it. */
export function beijingTime(iso) {
  return new Date(Date.parse(iso) + 8 * 3600000).toISOString().slice(0, 16).replace('T', ' ')
}

/** The calendar day `n` days after `day` (`YYYY-MM-DD`). */
export function addDays(day, n) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10)
}

/** The last day of a period from `from` as the server's calendar counts it: `{ working_days: 5 }` or `{ calendar_days: 30 }`. */
export async function dueBy(base, from, period) {
  const url = new URL('/api/v1/calendar/due-date', base)
  url.searchParams.set('from', from)
  for (const [key, value] of Object.entries(period)) url.searchParams.set(key, String(value))
  const response = await fetch(url)
  assert(response.ok, `${url.pathname}${url.search} answered ${response.status}`)
  return (await response.json()).due_date
}

// --- The county's catalogue headings ---------------------------------------------------------------

/**
 * The openness office adds a catalogue heading on its headings page (`beforeSave` runs with the form
 * filled in); returns the heading as saved.
 */
export async function addHeading(office, { name, nameEn, category, publishWithinDays, updateEveryDays }, beforeSave) {
  await office.click('[data-test=nav-headings]')
  await office.waitForSelector('[data-test=headings-page][data-state=ready]')
  await office.click('[data-test=hd-add]')
  await office.fill('#hd-name', name)
  if (nameEn) await office.fill('#hd-name-en', nameEn)
  await choose(office, '[data-test=hd-category]', category)
  for (const [id, days] of [['#hd-days', publishWithinDays], ['#hd-every', updateEveryDays]]) {
    if (!days) continue
    await office.fill(id, String(days))
    await office.press(id, 'Tab')
  }
  if (beforeSave) await beforeSave()
  const heading = await answered(office, 'POST', '/catalogue-headings', () => office.click('[data-test=hd-submit]'))
  await office.locator('[data-test=hd-form]').waitFor({ state: 'hidden' })
  return heading
}

// --- An information item from the drafting form to publication -----------------------------------

/** The secrecy review's checklist (SR 7): every box must be ticked for a proactive item to pass. */
export const CHECKS = ['no_state_secret', 'no_security_risk', 'sensitive_domains_cleared', 'remaining_hits_lawful', 'attribute_confirmed']

export const itemPath = (item) => `/console/items/${item.unit_id}/${item.id}`

/** The handler opens a new item from the unit's items list, `fill`s in the form and saves the draft; returns it. */
export async function draftItem(handler, fill) {
  await handler.click('[data-test=nav-items]')
  await handler.waitForSelector('[data-test=items-page][data-state=ready]')
  await handler.click('[data-test=item-new]')
  await handler.waitForSelector('[data-test=item-form]')
  await fill()
  const item = await answered(handler, 'POST', '/items', () => handler.click('[data-test=it-submit]'))
  await handler.waitForURL((url) => url.pathname === itemPath(item))
  await handler.waitForSelector('[data-test=item-detail][data-status=draft]')
  return item
}

/** The drafter submits the draft on its page for secrecy review. */
export async function submitItem(handler) {
  const item = await answered(handler, 'POST', '/submit', () => handler.click('[data-test=item-submit]'))
  await handler.waitForSelector('[data-test=item-detail][data-status=in_review]')
  return item
}

/** The designated reviewer ticks the whole checklist, says how third parties were dealt with and writes the findings. */
export async function completeChecklist(handler, findings, third = 'none') {
  await handler.waitForSelector('[data-test=panel-review]')
  for (const c of CHECKS) await handler.click(`[data-test=rv-${c}]`)
  await handler.click(`[data-test=rv-third-${third}]`)
  await handler.fill('#rv-findings', findings)
}

/** The reviewer passes the item as the review panel stands. */
export async function passReview(handler) {
  const item = await answered(handler, 'POST', '/review', () => handler.click('[data-test=rv-pass]'))
  await handler.waitForSelector('[data-test=item-detail][data-status=reviewed]')
  return item
}

/** The leader opens the reviewed item and approves it; a proactive one is then approved, a withheld one filed. */
export async function approveItem(leader, base, item, status = 'approved') {
  await leader.goto(`${base}${itemPath(item)}`)
  await leader.waitForSelector('[data-test=panel-approval]')
  const approved = await answered(leader, 'POST', '/approval', () => leader.click('[data-test=ap-approve]'))
  await leader.waitForSelector(`[data-test=item-detail][data-status=${status}]`)
  return approved
}

/** The leader publishes the approved item on its page; returns it published. */
export async function publishItem(leader) {
  const item = await answered(leader, 'POST', '/publish', () => leader.click('[data-test=pb-publish]'))
  await leader.waitForSelector('[data-test=item-detail][data-status=published]')
  return item
}

/**
 * A proactive item through the whole way: the handler drafts (`fill`), submits and passes it, the
 * leader approves and publishes it. Returns the published item.
 */
export async function publishedItem({ handler, leader, base, fill, findings = '不涉及国家秘密、商业秘密和个人隐私，可以公开。' }) {
  const item = await draftItem(handler, fill)
  await submitItem(handler)
  await completeChecklist(handler, findings)
  await passReview(handler)
  await approveItem(leader, base, item)
  return publishItem(leader)
}
