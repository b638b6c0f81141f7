import { createApp } from 'vue'
import { createRouter, createWebHistory } from 'vue-router'
import ConsoleApp from './ConsoleApp.vue'
import { installCommon } from '../common/setup'
import { whenSignedOut } from '../api/client'
import { loadMe, me } from './session'

const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    { path: '/login', component: () => import('./pages/Login.vue'), meta: { public: true } },
    { path: '/', component: () => import('./pages/MyWork.vue') },
    { path: '/inbox', component: () => import('./pages/Inbox.vue') },
    { path: '/cases', component: () => import('./pages/cases/CaseList.vue') },
    { path: '/cases/:id', component: () => import('./pages/cases/CaseDetail.vue') },
    { path: '/my/cases', component: () => import('./pages/cases/MyCases.vue') },
    { path: '/circulated', component: () => import('./pages/cases/Circulated.vue') },
    { path: '/password', component: () => import('./pages/Password.vue') },
    { path: '/applications', component: () => import('./pages/applications/List.vue') },
    { path: '/applications/new', component: () => import('./pages/applications/Register.vue') },
    { path: '/applications/:unitId/:id', component: () => import('./pages/applications/Detail.vue') },
    { path: '/units/:unitId/guide', component: () => import('./pages/units/Guide.vue') },
    { path: '/units/:unitId/publication-suggestions', component: () => import('./pages/applications/Suggestions.vue') },
    { path: '/oversight', component: () => import('./pages/applications/Oversight.vue') },
    { path: '/referrals', component: () => import('./pages/applications/Referrals.vue') },
    { path: '/statistics', component: () => import('./pages/applications/Statistics.vue') },
    { path: '/items/:unitId', component: () => import('./pages/items/List.vue') },
    { path: '/items/:unitId/new', component: () => import('./pages/items/Edit.vue') },
    { path: '/items/:unitId/:itemId', component: () => import('./pages/items/Detail.vue') },
    { path: '/items/:unitId/:itemId/edit', component: () => import('./pages/items/Edit.vue') },
    { path: '/catalogue-headings', component: () => import('./pages/items/Headings.vue') },
    { path: '/secrecy/words', component: () => import('./pages/secrecy/Words.vue') },
    { path: '/secrecy/settings', component: () => import('./pages/secrecy/Settings.vue') },
    { path: '/secrecy/leaks', component: () => import('./pages/secrecy/Leaks.vue') },
    { path: '/units/:unitId/leaks', component: () => import('./pages/secrecy/Leaks.vue') },
    { path: '/secrecy/inspection', component: () => import('./pages/secrecy/Inspection.vue') },
    { path: '/units/:unitId/inspection-findings', component: () => import('./pages/secrecy/UnitFindings.vue') },
    { path: '/complaints', component: () => import('./pages/complaints/Complaints.vue') },
    { path: '/duties', component: () => import('./pages/duties/Duties.vue') },
    { path: '/evaluation', component: () => import('./pages/evaluation/Campaigns.vue') },
    { path: '/evaluation/:campaignId', component: () => import('./pages/evaluation/Campaign.vue') },
    { path: '/units/:unitId/rectifications', component: () => import('./pages/evaluation/UnitTasks.vue') },
    { path: '/assessment', component: () => import('./pages/assessment/Schemes.vue') },
    { path: '/assessment/:schemeId', component: () => import('./pages/assessment/Scheme.vue') },
    { path: '/units/:unitId/assessment', component: () => import('./pages/assessment/UnitAssessment.vue') },
    { path: '/admin/units', component: () => import('./pages/admin/Units.vue') },
    { path: '/admin/users', component: () => import('./pages/admin/Users.vue') },
    { path: '/admin/matrix', component: () => import('./pages/admin/Matrix.vue') },
    { path: '/admin/calendar', component: () => import('./pages/admin/Calendar.vue') },
    { path: '/admin/jobs', component: () => import('./pages/admin/Jobs.vue') },
    { path: '/admin/outbox', component: () => import('./pages/admin/Outbox.vue') },
    { path: '/admin/audit', component: () => import('./pages/admin/Audit.vue') },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
})

router.beforeEach(async (to) => {
  if (to.meta.public) return true
  if (!me.value && !(await loadMe())) return { path: '/login', query: { next: to.fullPath } }
  return true
})

whenSignedOut((code) => {
  me.value = null
  if (router.currentRoute.value.path !== '/login') {
    void router.push({ path: '/login', query: { expired: code === 'session_expired' ? '1' : undefined } })
  }
})

const app = createApp(ConsoleApp)
installCommon(app)
app.use(router).mount('#app')
