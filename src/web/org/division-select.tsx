import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useLoader } from '../shell/use-loader.ts';

/** Beijing's city-level code: the districts the demo district sits among. */
export const defaultCityCode = '1101';

/** The districts (区) under a city, for the unit's district. */
export function DistrictSelect({ value, onChange, disabled, cityCode = defaultCityCode }: {
  value?: string; onChange?: (code: string) => void; disabled?: boolean; cityCode?: string;
}) {
  const { data, loading } = useLoader(() => api.divisions.children(cityCode), [cityCode]);
  return (
    <Select value={value} onChange={onChange} disabled={disabled} loading={loading} showSearch={{ optionFilterProp: 'label' }}
      options={(data ?? []).map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }))} />
  );
}

/** The streets and towns (街道/乡镇) of a district, via /api/divisions?parent=<district>. */
export function StreetSelect({ districtCode, value, onChange }: {
  districtCode: string | undefined; value?: string | null; onChange?: (code: string | null) => void;
}) {
  const { t } = useTranslation();
  const { data, loading } = useLoader(async () => (districtCode ? api.divisions.children(districtCode) : []), [districtCode]);
  return (
    <Select
      value={value ?? undefined}
      onChange={(code?: string) => onChange?.(code ?? null)}
      allowClear
      loading={loading}
      placeholder={t('units.divisionPlaceholder')}
      showSearch={{ optionFilterProp: 'label' }}
      options={(data ?? []).map((d) => ({ value: d.code, label: d.name }))}
      data-testid="division-select"
    />
  );
}
