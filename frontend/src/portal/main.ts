import { createApp } from 'vue'
import { createRouter, createWebHistory } from 'vue-router'
import PortalApp from './PortalApp.vue'
import Home from './pages/Home.vue'
import Directory from './pages/Directory.vue'
import { installCommon } from '../common/setup'
import { whenSignedOut } from '../api/client'
import { forget } from './citizen'

const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    { path: '/', component: Home },
    { path: '/directory', component: Directory },
    { path: '/apply', component: () => import('./pages/Apply.vue') },
    { path: '/track', component: () => import('./pages/Track.vue') },
    { path: '/mine', component: () => import('./pages/Mine.vue') },
    { path: '/catalogue', component: () => import('./pages/Catalogue.vue') },
    { path: '/catalogue/:itemId', component: () => import('./pages/CatalogueItem.vue') },
    { path: '/search', component: () => import('./pages/Search.vue') },
    { path: '/units/:unitId', component: () => import('./pages/Unit.vue') },
    { path: '/complaints', component: () => import('./pages/Complain.vue') },
    { path: '/complaints/track', component: () => import('./pages/ComplaintTrack.vue') },
    { path: '/evaluate', component: () => import('./pages/Evaluate.vue') },
    { path: '/evaluate/invited', component: () => import('./pages/EvaluateInvited.vue') },
    { path: '/evaluate/rectifications', component: () => import('./pages/EvaluationNotice.vue') },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
})

// The portal's only sessions are citizens': a refused token is forgotten, and the pages show sign-in.
whenSignedOut(() => forget())

const app = createApp(PortalApp)
installCommon(app)
app.use(router).mount('#app')
