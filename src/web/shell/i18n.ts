import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en.ts';
import { zhCN } from './locales/zh-CN.ts';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'pacesetter.language';

function storedLanguage(): Language {
  try {
    const saved = localStorage.getItem(storageKey);
    if (saved && (languages as readonly string[]).includes(saved)) return saved as Language;
  } catch {
    // storage may be blocked; Chinese is the default anyway
  }
  return 'zh-CN';
}

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // the choice then lasts for this page only
  }
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'zh-CN';
}

const initial = storedLanguage();
document.documentElement.lang = initial;

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18next };
