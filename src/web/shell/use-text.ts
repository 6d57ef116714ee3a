// Labels written in both languages where they are used: tx('中文', 'English').
import { useTranslation } from 'react-i18next';

/** Picks the label of the current language; pages call useText() so a switch re-renders them. */
export function useText(): (zh: string, en: string) => string {
  const { i18n } = useTranslation();
  return (zh, en) => (i18n.language === 'en' ? en : zh);
}

/** A message of the server, "中文 (english)", in the current language; a message without the English part stays whole. */
export function inLanguage(message: string, tx: (zh: string, en: string) => string): string {
  const m = /^(.*\S)\s*\(([\x20-\x7e]+)\)\s*$/s.exec(message);
  return m ? tx(m[1]!, m[2]!) : message;
}
