import { currentLanguage } from './i18n.ts';

// Instants are stored in UTC and shown in the district's time zone.
const zone = 'Asia/Shanghai';

function parts(iso: string): Record<string, string> | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const out: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  });
  for (const p of format.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** 2026年11月22日 08:10 in Chinese, 2026-11-22 08:10 in English. */
export function formatDateTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '';
  const p = parts(iso);
  if (!p) return iso;
  const time = withSeconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
  return currentLanguage() === 'en' ? `${p.year}-${p.month}-${p.day} ${time}` : `${p.year}年${p.month}月${p.day}日 ${time}`;
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(currentLanguage() === 'en' ? 'en-US' : 'zh-CN').format(value);
}

/** A share shown with one decimal: keeps full precision until display. */
export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '—';
  return new Intl.NumberFormat(currentLanguage() === 'en' ? 'en-US' : 'zh-CN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })
    .format(part / whole);
}
