import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useLoader } from '../shell/use-loader.ts';

/** Picks one active unit, searching the server by name or pinyin initials as the user types. */
export function UnitPicker({ value, onChange, initialLabel }: {
  value?: string | null; onChange?: (unitId: string | null) => void; initialLabel?: string | null;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const found = useLoader(() => api.units.list({ q: search || undefined, limit: 30 }), [search]);
  const options = (found.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  if (value && initialLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: initialLabel });
  return (
    <Select
      value={value ?? undefined}
      onChange={(id?: string) => onChange?.(id ?? null)}
      allowClear
      loading={found.loading}
      placeholder={t('users.unitPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      data-testid="unit-picker"
    />
  );
}
