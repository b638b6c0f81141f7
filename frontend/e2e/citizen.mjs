// Citizen accounts on the portal: a citizen signs up (a weak password is refused first), applies while
// signed in, finds the application under 我的申请 with its deadline, links an application submitted
// without the account (by code and secret), opens its tracking page from the list, and signs out.
import { join } from 'node:path'
import { idNumber } from './applications.mjs'
import { choose } from './steps.mjs'

const PASSWORD = 'Lishi2026portal'

/** Fills and submits the portal's application form; returns the tracking code and secret shown. */
async function apply(page, base, { name, idFirst17, phone, description }) {
  await page.goto(`${base}/apply`)
  await page.waitForSelector('[data-test=apply-form]')
  await choose(page, '[data-test=ap-unit]', '永吉县口前镇人民政府', '口前镇')
  await page.fill('[data-test=ap-name]', name)
  await page.fill('[data-test=ap-id-number]', idNumber(idFirst17))
  await page.fill('[data-test=ap-phone]', phone)
  await page.fill('[data-test=ap-address]', '吉林省永吉县口前镇新华街18号')
  await page.fill('[data-test=ap-description]', description)
  await page.click('[data-test=apply-submit]')
  await page.waitForSelector('[data-test=submitted]')
  return {
    code: (await page.textContent('[data-test=tracking-code]')).trim(),
    secret: (await page.textContent('[data-test=tracking-secret]')).trim(),
  }
}

/** The rows of 我的申请 as { code, due, status }. */
async function listed(page) {
  await page.waitForSelector('[data-test=mine-list][data-state=ready]')
  return page.$$eval('[data-test=my-applications] .el-table__body .el-table__row', (rows) =>
    rows.map((r) => ({
      code: r.querySelector('[data-test=my-code]')?.textContent.trim(),
      due: r.querySelector('[data-test=my-due]')?.textContent.trim(),
      status: r.querySelector('[data-test=my-status]')?.dataset.status,
    })),
  )
}

export function citizenScenarios({ base, shots, newPage, accessible, assert }) {
  return {
    async 'a citizen signs up, applies, links an earlier application and signs out'() {
      const email = `lishi.${Date.now()}@example.org`
      const page = await newPage()
      await page.goto(`${base}/`)
      await page.click('[data-test=nav-mine]')
      await page.waitForSelector('[data-test=sign-in-form]')
      await page.click('#tab-sign-up')
      await page.fill('[data-test=cu-email]', email)
      await page.fill('[data-test=cu-name]', '李四')
      // Letters only: the API refuses it on the password field.
      await page.fill('[data-test=cu-password]', 'lettersonlypassword')
      await page.click('[data-test=cu-submit]')
      const weak = page.locator('.el-form-item', { has: page.locator('[data-test=cu-password]') }).locator('.el-form-item__error')
      await weak.waitFor()
      assert((await weak.textContent()).trim().length > 0, 'no field error for a weak password')
      await page.screenshot({ path: join(shots, 'portal-mine-sign-up.png'), fullPage: true })
      await accessible(page, 'portal 我的申请 (signed out)')
      await page.fill('[data-test=cu-password]', PASSWORD)
      await page.click('[data-test=cu-submit]')
      await page.waitForSelector('[data-test=citizen-name] >> text=李四')
      assert((await listed(page)).length === 0, 'a new account lists applications')
      const stored = await page.evaluate(() => ({ session: window.sessionStorage.getItem('gongkai.citizen'), cookie: document.cookie, local: JSON.stringify(window.localStorage) }))
      const token = JSON.parse(stored.session ?? '{}').token
      assert(token && !stored.cookie.includes(token) && !stored.local.includes(token), 'the citizen token is not only in sessionStorage')

      // Applying while signed in links the application to the account.
      await page.click('[data-test=nav-apply]')
      await page.waitForSelector('[data-test=apply-as-citizen]')
      const mine = await apply(page, base, { name: '李四', idFirst17: '22022119850305123', phone: '139-2222-3333', description: '口前镇2026年度财政预算执行情况' })
      await page.click('[data-test=nav-mine]')
      await page.waitForSelector(`[data-test=my-applications] >> text=${mine.code}`)
      let rows = await listed(page)
      const first = rows.find((r) => r.code === mine.code)
      assert(first, `the application applied for while signed in is not listed: ${JSON.stringify(rows)}`)
      assert(/^\d{4}-\d{2}-\d{2}$/.test(first.due ?? ''), `no due date listed: ${JSON.stringify(first)}`)

      // An application submitted without the account, linked by its code and secret.
      const stranger = await newPage()
      const earlier = await apply(stranger, base, { name: '李四', idFirst17: '22022119850305123', phone: '139-2222-4444', description: '口前镇2025年度村级公益事业一事一议项目清单' })
      await page.fill('[data-test=ln-code]', earlier.code)
      await page.fill('[data-test=ln-secret]', 'wrong-secret')
      await page.click('[data-test=ln-submit]')
      await page.waitForSelector('[data-test=link-error]')
      await page.fill('[data-test=ln-secret]', earlier.secret)
      await page.click('[data-test=ln-submit]')
      await page.waitForSelector('[data-test=link-done]')
      await page.waitForSelector(`[data-test=my-applications] >> text=${earlier.code}`)
      rows = await listed(page)
      assert(rows.length === 2 && rows.every((r) => r.due), `after linking: ${JSON.stringify(rows)}`)
      await page.screenshot({ path: join(shots, 'portal-mine.png'), fullPage: true })
      await accessible(page, 'portal 我的申请 (signed in)')

      // Its tracking page opens from the list with the code and secret filled in, and the same date.
      await page.locator('[data-test=my-applications] .el-table__row', { hasText: earlier.code }).locator('[data-test=my-open]').click()
      await page.waitForSelector('[data-test=track-status]')
      assert((await page.inputValue('[data-test=tr-code]')) === earlier.code, 'the tracking page has another code')
      assert((await page.inputValue('[data-test=tr-secret]')) === earlier.secret, 'the tracking page has no secret')
      assert(!page.url().includes(earlier.secret), 'the secret is in the address')
      const due = (await page.textContent('[data-test=track-due-date]')).trim()
      const row = rows.find((r) => r.code === earlier.code)
      assert(due === row.due, `the tracking page says ${due}, the list ${row.due}`)

      // Signing out ends the session on the server and the list is gone.
      await page.click('[data-test=nav-mine]')
      await page.waitForSelector('[data-test=my-applications]')
      await page.click('[data-test=citizen-sign-out]')
      await page.waitForSelector('[data-test=sign-in-form]')
      assert((await page.locator('[data-test=my-applications]').count()) === 0, 'the list is still shown after signing out')
      assert((await page.evaluate(() => window.sessionStorage.getItem('gongkai.citizen'))) === null, 'the session is still stored')
      const after = await fetch(`${base}/api/v1/public/citizens/me/applications`, { headers: { 'X-Citizen-Token': token } })
      assert(after.status === 401, `the signed-out token still works (${after.status})`)

      // A wrong password is refused with the API's message; the right one brings the list back.
      await page.fill('[data-test=ci-email]', email)
      await page.fill('[data-test=ci-password]', 'Wrong2026password')
      await page.click('[data-test=ci-submit]')
      await page.waitForSelector('[data-test=citizen-error]')
      await page.fill('[data-test=ci-password]', PASSWORD)
      await page.click('[data-test=ci-submit]')
      await page.waitForSelector(`[data-test=my-applications] >> text=${mine.code}`)
      assert((await listed(page)).length === 2, 'signing in again does not list both applications')
    },
  }
}
