import { describe, expect, it } from 'vitest'
import { consoleRoute } from '../console/links'

describe('links the API gives to console pages', () => {
  it('become routes under the router base /console/', () => {
    expect(consoleRoute('/console/applications/u-1/a-2')).toBe('/applications/u-1/a-2')
    expect(consoleRoute('/console/cases/c-1')).toBe('/cases/c-1')
    expect(consoleRoute('/console/referrals')).toBe('/referrals')
    expect(consoleRoute('/console/referrals?status=open')).toBe('/referrals?status=open')
    expect(consoleRoute('/console')).toBe('/')
    expect(consoleRoute('/console/')).toBe('/')
  })

  it('are nothing when there is no link or it leads out of the console', () => {
    expect(consoleRoute(null)).toBeNull()
    expect(consoleRoute(undefined)).toBeNull()
    expect(consoleRoute('')).toBeNull()
    expect(consoleRoute('/track?code=x')).toBeNull()
    expect(consoleRoute('/consoles/x')).toBeNull()
    expect(consoleRoute('https://example.org/console/cases/c-1')).toBeNull()
  })
})
