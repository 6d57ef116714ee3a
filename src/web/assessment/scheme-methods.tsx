// The inputs of a scoring method (scheme-method-catalogue.ts): the method's select and its
// parameters, each with its problem under it.
import { Checkbox, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import type { NormaliseSettings } from '../../core/assessment/spec.ts';
import { useText } from '../shell/use-text.ts';
import { defaultsOf, methodCatalogue, specOf, type MethodKey, type ParamSpec } from './scheme-method-catalogue.ts';

interface MethodFieldsProps {
  value: NormaliseSettings | undefined;
  onChange: (next: NormaliseSettings | undefined) => void;
  /** The label of "no method of its own" (an indicator follows the scheme's default); absent: a method is required. */
  inheritLabel?: string;
  disabled?: boolean;
  /** The message of a parameter's problem ('method' for the choice itself). */
  errorOf: (key: string) => string | undefined;
  testId: string;
}

/** The method's select and the inputs of its parameters, each with its problem under it. */
export function MethodFields({ value, onChange, inheritLabel, disabled, errorOf, testId }: MethodFieldsProps) {
  const tx = useText();
  const options = [...(inheritLabel ? [{ value: '', label: inheritLabel }] : []), ...methodCatalogue.map((m) => ({ value: m.key, label: tx(m.zh, m.en) }))];
  const spec = value ? specOf(value.method) : undefined;
  const v = (value ?? {}) as Record<string, unknown>;
  const set = (key: string, x: unknown) => {
    const next = { ...v } as Record<string, unknown>;
    if (x === undefined) delete next[key]; else next[key] = x;
    onChange(next as NormaliseSettings);
  };
  const item = (p: ParamSpec, control: React.ReactNode) => {
    const error = errorOf(p.key);
    return (
      <Form.Item key={p.key} label={tx(p.zh, p.en)} validateStatus={error ? 'error' : undefined} help={error}
        extra={!error && p.helpZh ? tx(p.helpZh, p.helpEn ?? '') : undefined} style={{ marginBottom: 8 }}>{control}</Form.Item>
    );
  };
  const num = (x: unknown) => (typeof x === 'number' ? x : null);
  const choice = errorOf('method');
  return (
    <div data-testid={testId}>
      <Form.Item label={tx('计分方法', 'Scoring method')} validateStatus={choice ? 'error' : undefined} help={choice} style={{ marginBottom: 8 }}>
        <Select style={{ width: 300 }} disabled={disabled} value={value?.method ?? ''} options={options} data-testid={`${testId}-select`}
          onChange={(k: string) => onChange(k === '' ? undefined : defaultsOf(k as MethodKey))} />
      </Form.Item>
      {spec && spec.params.length > 0 && (
        <div className="method-params">
          <Space wrap align="start" size={[12, 0]}>
            {spec.params.map((p) => {
              const testIdOf = `${testId}-${p.key}`;
              switch (p.kind) {
                case 'boolean':
                  return item(p, <Checkbox disabled={disabled} checked={v[p.key] === true} onChange={(e) => set(p.key, e.target.checked)} data-testid={testIdOf}>{tx('是', 'yes')}</Checkbox>);
                case 'text':
                  return item(p, <Input disabled={disabled} style={{ width: 140 }} value={typeof v[p.key] === 'string' ? (v[p.key] as string) : ''} onChange={(e) => set(p.key, e.target.value.trim())} data-testid={testIdOf} />);
                case 'range': {
                  const r = (Array.isArray(v.range) ? v.range : [null, null]) as (number | null)[];
                  return item(p, <Space.Compact>
                    <InputNumber disabled={disabled} style={{ width: 80 }} value={num(r[0])} onChange={(x) => set('range', [num(x) ?? undefined, r[1] ?? undefined])} data-testid={`${testIdOf}-lower`} />
                    <InputNumber disabled={disabled} style={{ width: 80 }} value={num(r[1])} onChange={(x) => set('range', [r[0] ?? undefined, num(x) ?? undefined])} data-testid={`${testIdOf}-upper`} />
                  </Space.Compact>);
                }
                default:
                  return item(p, <InputNumber disabled={disabled} style={{ width: 120 }} step={p.step ?? 1} value={num(v[p.key])} data-testid={testIdOf}
                    placeholder={p.kind === 'number' ? undefined : tx('留空', 'empty')}
                    onChange={(x) => set(p.key, num(x) ?? (p.kind === 'nullable' ? null : undefined))} />);
              }
            })}
          </Space>
        </div>
      )}
      {spec && spec.params.length === 0 && <Typography.Text type="secondary">{tx('此方法没有参数', 'This method has no parameters')}</Typography.Text>}
    </div>
  );
}
