// Labels written in both languages where they are used: tx('中文', 'English').
import { useTranslation } from 'react-i18next';

/** Picks the label of the current language; pages call useText() so a switch re-renders them. */
export function useText(): (zh: string, en: string) => string {
  const { i18n } = useTranslation();
  return (zh, en) => (i18n.language === 'en' ? en : zh);
}
