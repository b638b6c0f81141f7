// End-to-end tests: the real server in embedded mode, driven in Debian's Chromium by playwright-core.
// Never downloads a browser. Saves a screenshot of each main page under e2e/screenshots/.
import { execFile, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import { chromium } from 'playwright-core'
import { accountabilityScenarios } from './accountability.mjs'
import { applicationPath, applicationScenarios } from './applications.mjs'
import { assessmentScenarios } from './assessment.mjs'
import { citizenScenarios } from './citizen.mjs'
import { correctionScenarios } from './corrections.mjs'
import { evaluationScenarios } from './evaluation.mjs'
import { guideScenarios } from './guide.mjs'
import { inspectionComplaintScenarios } from './inspection-complaints.mjs'
import { itemScenarios } from './items.mjs'
import { portalSearchScenarios } from './portal-search.mjs'
import { secrecyRecordScenarios } from './secrecy-records.mjs'
import { assert } from './steps.mjs'
import { suggestionScenarios } from './suggestions.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '..', '..')
const shots = join(here, 'screenshots')
mkdirSync(shots, { recursive: true })
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
// Evaluated through the devtools protocol, which the page's Content-Security-Policy does not govern
// (a script tag would be refused, as the policy intends).
const axeSource = readFileSync(axePath, 'utf8')
/** Content-Security-Policy violations seen by any page; the run fails on the first. */
const cspViolations = []
const PASSWORD = process.env.DEMO_PASSWORD || 'Yongji@2026'

function freePort() {
  return new Promise((ok) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => ok(port))
    })
  })
}

const port = await freePort()
const base = `http://127.0.0.1:${port}`
const data = mkdtempSync(join(tmpdir(), 'gongkai-e2e-'))
const binary = process.env.GONGKAI_BIN ?? join(root, 'target', 'debug', 'gongkai')
/** What the server and the jobs run beside it share: the database and files under DATA_DIR, the links. */
const serverEnv = {
  ...process.env,
  DATA_DIR: data,
  BIND: `127.0.0.1:${port}`,
  PUBLIC_BASE_URL: base,
  FRONTEND_DIR: join(root, 'frontend', 'dist'),
  PASSWORD_HASH_MEMORY_KIB: '1024',
  PASSWORD_HASH_ITERATIONS: '1',
  RUST_LOG: 'warn',
}
const server = spawn(binary, ['serve'], {
  env: { ...serverEnv, SEED_DEMO: 'true', SEED_DEMO_LEAD: 'true' },
  stdio: ['ignore', 'ignore', 'inherit'],
})

/**
 * Runs one scheduled job once against the server's database, as of `asOf` (an RFC 3339 instant, which
 * may be still to come: a rehearsal), with `gongkai run-job`; resolves to what it printed.
 */
function runJob(name, asOf) {
  const args = ['run-job', name, ...(asOf ? ['--as-of', asOf] : [])]
  const env = { ...serverEnv, SEED_DEMO: 'false', SCHEDULER_ENABLED: 'false', ALLOW_FUTURE_JOB_RUNS: 'true' }
  return new Promise((ok, fail) => {
    execFile(binary, args, { env, timeout: 120000 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`gongkai ${args.join(' ')} failed (${error.code ?? error.signal}): ${stderr || stdout}`))
      else ok(stdout.trim())
    })
  })
}
for (let i = 0; i < 150; i++) {
  try {
    if ((await fetch(`${base}/health/ready`)).ok) break
  } catch {
    // not up yet
  }
  await new Promise((r) => setTimeout(r, 200))
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
})

async function accessible(page, name) {
  assert(cspViolations.length === 0, `${name}: Content-Security-Policy violations: ${cspViolations.join(' | ')}`)
  // A dropdown still closing or a toast still fading is checked at its final state, not halfway.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity))
  await page.evaluate(axeSource)
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }))
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  assert(serious.length === 0, `${name}: accessibility violations: ${serious.map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(' | ')})`).join(', ')}`)
}

async function signIn(page, username) {
  await page.goto(`${base}/console/login`)
  await page.fill('[data-test=username]', username)
  await page.fill('[data-test=password]', PASSWORD)
  await page.click('[data-test=login-submit]')
  await page.waitForURL((url) => !url.pathname.endsWith('/login'))
}

async function newPage(viewport = { width: 1366, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' })
  const page = await context.newPage()
  page.on('console', (msg) => {
    if (msg.type() === 'error' && msg.text().includes('Content Security Policy')) cspViolations.push(msg.text())
  })
  return page
}

async function calculate(page, from, days) {
  await page.goto(`${base}/`)
  await page.fill('#calc-from', from)
  await page.keyboard.press('Enter')
  await page.fill('#calc-days', String(days))
  await page.click('[data-test=calc-submit]')
  await page.waitForSelector('[data-test=due-date]')
  return (await page.textContent('[data-test=due-date]')).trim()
}

const scenarios = {
  async 'the portal calculator explains a due date'() {
    const page = await newPage()
    assert((await calculate(page, '2026-09-24', 20)) === '2026-10-29', 'wrong due date')
    assert((await page.textContent('[data-test=explanation]')).includes('国庆节'), 'no holiday in the explanation')
    await page.screenshot({ path: join(shots, 'portal-calculator.png'), fullPage: true })
    await accessible(page, 'portal')
  },
  async 'the language switch turns the portal into English'() {
    const page = await newPage()
    await page.goto(`${base}/`)
    await page.click('[data-test=lang-switch]')
    await page.waitForSelector('text=Yongji County Open Government')
    assert((await page.textContent('body')).includes('Reply deadline'), 'not English')
    await page.screenshot({ path: join(shots, 'portal-english.png'), fullPage: true })
  },
  async 'the directory lists the county on a phone'() {
    const page = await newPage({ width: 375, height: 812 })
    await page.goto(`${base}/directory`)
    await page.waitForSelector('text=永吉县口前镇人民政府')
    await page.screenshot({ path: join(shots, 'portal-directory-phone.png'), fullPage: true })
    await accessible(page, 'directory')
  },
  async 'a handler signs in and sees the work list with due dates explained'() {
    const page = await newPage()
    await page.goto(`${base}/console/`)
    await page.waitForURL(/\/console\/login/)
    await signIn(page, 'kouqian.handler')
    await page.waitForSelector('[data-test=work-table] .el-table__row')
    const rows = await page.locator('[data-test=work-table] .el-table__row').count()
    // The demo seed's open time limits at 口前镇: three replies and one online application to sign for.
    assert(rows === 4, `expected 4 work items, saw ${rows}`)
    assert((await page.locator('[data-test=overdue]').count()) >= 1, 'nothing marked overdue')
    await page.locator('[data-test=due-date]').first().click()
    await page.waitForSelector('[data-test=explanation]')
    await page.screenshot({ path: join(shots, 'console-my-work.png'), fullPage: true })
    await accessible(page, 'console home')
    await page.setViewportSize({ width: 390, height: 844 })
    await page.screenshot({ path: join(shots, 'console-my-work-phone.png'), fullPage: true })
    await page.setViewportSize({ width: 1366, height: 900 })
    // Each row names its subject and limit, and opens the subject's page inside the console.
    const first = page.locator('[data-test=work-table] .el-table__row').first()
    assert((await first.locator('[data-test=work-limit]').textContent()).trim().length > 0, 'no name of the limit')
    const label = (await first.locator('[data-test=work-open]').textContent()).trim()
    assert(label.startsWith('依申请 '), `the subject is not named: ${label}`)
    await first.locator('[data-test=work-open]').click()
    await page.waitForSelector('[data-test=detail-status]')
    await page.waitForSelector('[data-test=stage]')
    assert(new URL(page.url()).pathname.startsWith('/console/applications/'), `the row opened ${page.url()}`)
    await page.goBack()
    await page.waitForSelector('[data-test=work-table] .el-table__row')
    await page.click('[data-test=inbox-link]')
    await page.waitForLoadState('networkidle')
    await page.screenshot({ path: join(shots, 'console-inbox.png'), fullPage: true })
  },
  async 'an administrator creates a user, gives a role and sees the matrix'() {
    const page = await newPage()
    await signIn(page, 'admin')
    await page.goto(`${base}/console/admin/users`)
    await page.click('[data-test=new-user]')
    await page.fill('[data-test=nu-username]', 'e2e.newcomer')
    await page.fill('[data-test=nu-name]', '新同事')
    await page.fill('[data-test=nu-password]', 'Newcomer2026x')
    await page.click('[data-test=nu-submit]')
    await page.fill('input[aria-label="用户名"]', 'e2e.newcomer')
    await page.keyboard.press('Enter')
    await page.waitForSelector('[data-test=users-table] >> text=e2e.newcomer')
    await page.locator('[data-test=users-table] .el-table__row', { hasText: 'e2e.newcomer' }).locator('[data-test=assign]').click()
    await page.click('[data-test=assign-submit]')
    await page.waitForSelector('.el-message--success')
    await page.screenshot({ path: join(shots, 'console-users.png'), fullPage: true })
    const found = await page.evaluate(async () => (await fetch('/api/v1/users?q=e2e.newcomer')).json())
    const roles = found.items[0]?.roles ?? []
    assert(roles.length === 1 && roles[0].role === 'handler', `the role was not given: ${JSON.stringify(found.items)}`)
    const row = page.locator('[data-test=users-table] .el-table__row', { hasText: 'e2e.newcomer' })
    await row.locator('[data-test=user-role]').waitFor()
    await page.goto(`${base}/console/admin/matrix`)
    await page.waitForSelector('[data-test=matrix] >> text=handler')
    await page.screenshot({ path: join(shots, 'console-matrix.png'), fullPage: true })
    for (const p of ['units', 'jobs', 'outbox', 'audit']) {
      await page.goto(`${base}/console/admin/${p}`)
      await page.waitForLoadState('networkidle')
      await page.screenshot({ path: join(shots, `console-${p}.png`), fullPage: true })
    }
    await page.click('[data-test=verify]')
    await page.waitForSelector('[data-test=verify-result].el-alert--success')
    await accessible(page, 'audit page')
  },
  async 'the openness office edits the calendar and the calculator follows'() {
    const page = await newPage()
    // 2027 has no official schedule yet: it is counted on the provisional one (元旦 on 1 January).
    assert((await calculate(page, '2026-12-30', 3)) === '2027-01-05', 'unexpected due date before the edit')
    await signIn(page, 'zhengfuban.handler')
    await page.goto(`${base}/console/admin/calendar`)
    await page.fill('#cal-year', '2027')
    await page.keyboard.press('Enter')
    await page.waitForSelector('[data-test=cal-provisional]')
    await page.click('[data-test=cal-add]')
    const added = page.locator('[data-test=cal-days] .el-table__body .el-table__row').last()
    const date = added.locator('.el-date-editor input').first()
    await date.fill('2027-01-04')
    await date.press('Enter')
    await added.locator('[data-test=cal-name]').fill('元旦（调休）')
    await page.click('[data-test=cal-save]')
    await page.waitForSelector('.el-message--success')
    await page.screenshot({ path: join(shots, 'console-calendar.png'), fullPage: true })
    assert((await calculate(page, '2026-12-30', 3)) === '2027-01-06', 'the calculator did not follow the calendar')
  },
  async 'an application goes from the portal through the unit to its reply letter'() {
    await applicationPath({ base, newPage, signIn, accessible, assert, shots })
  },
}

Object.assign(scenarios, applicationScenarios({ base, shots, newPage, signIn, accessible, assert }))
Object.assign(scenarios, accountabilityScenarios({ base, data, shots, newPage, signIn, assert, accessible }))
Object.assign(scenarios, citizenScenarios({ base, shots, newPage, accessible, assert }))
Object.assign(scenarios, correctionScenarios({ base, shots, newPage, signIn, accessible, assert }))
Object.assign(scenarios, suggestionScenarios({ base, data, shots, newPage, signIn, accessible, assert }))
Object.assign(scenarios, itemScenarios({ base, shots, newPage, signIn, accessible, assert }))
Object.assign(scenarios, secrecyRecordScenarios({ base, shots, newPage, signIn, accessible, assert }))
Object.assign(scenarios, inspectionComplaintScenarios({ base, shots, newPage, signIn, accessible, assert, runJob }))
Object.assign(scenarios, portalSearchScenarios({ base, shots, newPage, signIn, accessible, assert }))
Object.assign(scenarios, guideScenarios({ base, shots, newPage, signIn, accessible, assert }))
Object.assign(scenarios, evaluationScenarios({ base, data, shots, newPage, signIn, accessible, assert, runJob }))
// Last: starting the year's assessment puts a self-check deadline on every unit's work list.
Object.assign(scenarios, assessmentScenarios({ base, shots, newPage, signIn, accessible, assert }))

let passed = 0
let failed = 0
for (const [name, run] of Object.entries(scenarios)) {
  if (process.env.E2E_ONLY && !name.includes(process.env.E2E_ONLY)) continue
  try {
    await run()
    passed++
    console.log(`ok - ${name}`)
  } catch (error) {
    failed++
    console.log(`not ok - ${name}: ${error.message}`)
  }
}
await browser.close()
server.kill('SIGTERM')
rmSync(data, { recursive: true, force: true })
console.log(`e2e: ${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
