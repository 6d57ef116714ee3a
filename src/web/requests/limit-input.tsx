// A time limit as officials type it (24 小时, 7 天), the names of the SLA classes and of the kinds
// of responsible unit: shared by the catalogue page and the request settings page.
import { InputNumber, Select, Space } from 'antd';
import { maxLimitAmount, nominalMs, type LimitUnit, type SlaClass, type TimeLimit } from '../../core/requests/sla.ts';
import type { ResponsibleKind } from '../../core/requests/catalogue.ts';
import { useText } from '../shell/use-text.ts';

export const slaClassText: Record<SlaClass, [string, string]> = {
  emergency: ['紧急', 'Emergency'], utilities: ['水电气热', 'Utilities'], general: ['一般', 'General'], complex: ['复杂', 'Complex'],
};
export const slaClassHint: Record<SlaClass, [string, string]> = {
  emergency: ['危及安全、需立即处置', 'Danger to people; act at once'],
  utilities: ['停水、停电、停气、停暖', 'Water, power, gas or heating cut off'],
  general: ['一般诉求', 'Most requests'],
  complex: ['涉及多部门或需较长时间', 'Several departments or long work'],
};
export const responsibleKindText: Record<ResponsibleKind, [string, string]> = {
  street_town: ['属地街乡', 'Local street or town'], department: ['行业部门', 'Department'],
};

/** 24 小时 / 24 hours, 7 天 / 7 days. */
export function useLimitText(): (limit: TimeLimit) => string {
  const tx = useText();
  return (l) => (l.unit === 'days'
    ? tx(`${l.amount} 天`, l.amount === 1 ? '1 day' : `${l.amount} days`)
    : tx(`${l.amount} 小时`, l.amount === 1 ? '1 hour' : `${l.amount} hours`));
}

/** What is wrong with a limit, in the user's language, or null: the server's rules (sla.ts). */
export function limitProblem(limit: Partial<TimeLimit> | null | undefined, tx: (zh: string, en: string) => string): string | null {
  if (!limit || limit.amount === undefined || limit.amount === null || !limit.unit) return tx('请填写时限', 'Please give the limit');
  if (!(limit.amount > 0)) return tx('时限须大于 0', 'The limit must be more than 0');
  if (limit.amount > maxLimitAmount[limit.unit]) return tx('时限最长 720 小时或 90 天', 'At most 720 hours or 90 days');
  if (limit.unit === 'days' && !Number.isInteger(limit.amount)) return tx('按天计的时限须为整数天', 'A limit in days is a whole number of days');
  return null;
}

/** The response limit may not be longer than the resolution limit. */
export const inOrder = (response: TimeLimit, resolution: TimeLimit) => nominalMs(response) <= nominalMs(resolution);

/** An amount and its unit, as one form control. */
export function LimitInput({ value, onChange, disabled, testId }: {
  value?: Partial<TimeLimit> | null; onChange?: (value: Partial<TimeLimit>) => void; disabled?: boolean; testId?: string;
}) {
  const tx = useText();
  const unit: LimitUnit = value?.unit ?? 'hours';
  return (
    <Space.Compact data-testid={testId}>
      <InputNumber min={0} max={maxLimitAmount[unit]} step={1} style={{ width: 100 }} disabled={disabled}
        value={value?.amount ?? null} onChange={(amount) => onChange?.({ unit, amount: amount ?? undefined })} aria-label={tx('时限', 'Limit')} />
      <Select<LimitUnit> style={{ width: 90 }} disabled={disabled} value={unit} onChange={(u) => onChange?.({ amount: value?.amount, unit: u })}
        options={[{ value: 'hours', label: tx('小时', 'hours') }, { value: 'days', label: tx('天', 'days') }]} aria-label={tx('单位', 'Unit')} />
    </Space.Compact>
  );
}
