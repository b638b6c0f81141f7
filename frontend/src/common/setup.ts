import type { App } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import './theme.css'
import { setLocale, locale } from '../i18n'

export function installCommon(app: App) {
  app.use(ElementPlus)
  setLocale(locale.value)
}
