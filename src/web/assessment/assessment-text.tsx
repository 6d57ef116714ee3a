// Labels of the assessment pages in the two languages, and number formats: scores with two
// decimals in Chinese grouping, ranks as 第N名. Figures keep full precision until shown here.
import { Tag } from 'antd';
import type { SubmissionState } from '../../core/scheme/collection.ts';
import { currentLanguage } from '../shell/i18n.ts';
import { useText } from '../shell/use-text.ts';

export const score2 = (v: number | null | undefined) => (v == null ? '—' : new Intl.NumberFormat(currentLanguage() === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v));
export const plain = (v: number | null | undefined) => (v == null ? '—' : new Intl.NumberFormat(currentLanguage() === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 4 }).format(v));

/** Rank quantiles can fall between places (type-7 interpolation): shown with at most one decimal. */
export const plain1 = (v: number | null | undefined) => (v == null ? '—' : String(Math.round(v * 10) / 10));
export const rankRange = (iv: { p5: number | null; p95: number | null }) => `${plain1(iv.p5)}–${plain1(iv.p95)}`;

/** 2026-04-15 → 2026年4月15日 (deadlines are dates in the district's time zone). */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return currentLanguage() === 'en' ? day : `${y}年${m}月${d}日`;
}

const stateLabels: Record<SubmissionState, [string, string, string]> = {
  draft: ['待填报', 'To fill', 'default'],
  submitted: ['待审核', 'Submitted', 'processing'],
  approved: ['已通过', 'Approved', 'success'],
  returned: ['已退回', 'Returned', 'warning'],
};

export function StateTag({ state }: { state: SubmissionState }) {
  const tx = useText();
  const [zh, en, color] = stateLabels[state];
  return <Tag color={color} data-testid={`state-${state}`}>{tx(zh, en)}</Tag>;
}

export const tierColors: Record<string, string> = { 第一等次: '#c0392b', 第二等次: '#2f6fb0', 第三等次: '#8c8c8c' };
export const tierColor = (tier: string | null) => (tier ? tierColors[tier] ?? '#5b8c00' : '#bfbfbf');

export function TierTag({ tier }: { tier: string | null }) {
  if (!tier) return <>—</>;
  return <Tag color={tierColor(tier)}>{tier}</Tag>;
}
