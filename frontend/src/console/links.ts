// The API links to console pages from the site root (`/console/cases/…`); the router's base is
// already /console/, so a link is turned into a route inside it.

const BASE = '/console'

/** The router path of a console page the API names, or null when it names none or one outside the console. */
export function consoleRoute(link: string | null | undefined): string | null {
  if (!link) return null
  if (link === BASE) return '/'
  if (!link.startsWith(`${BASE}/`)) return null
  return link.slice(BASE.length)
}
