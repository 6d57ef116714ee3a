import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { UnitView } from '../api/types.ts';
import { useErrorFeedback } from '../shell/error-feedback.ts';

/** Deactivate or reactivate a unit, after a confirmation; units are never deleted. */
export function UnitActivationButton({ unit, onDone, onReload, size = 'small' }: {
  unit: UnitView; onDone: (unit: UnitView) => void; onReload: () => void; size?: 'small' | 'middle';
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorFeedback();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      const changed = unit.active ? await api.units.deactivate(unit.id, unit.version) : await api.units.activate(unit.id, unit.version);
      void message.success(unit.active ? t('units.deactivated', { name: unit.name }) : t('units.activated', { name: unit.name }));
      onDone(changed);
    } catch (error) {
      report(error, { onReload });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Popconfirm
      title={unit.active ? t('units.deactivate') : t('units.activate')}
      description={<div style={{ maxWidth: 300 }}>{unit.active ? t('units.deactivateConfirm', { name: unit.name }) : t('units.activateConfirm', { name: unit.name })}</div>}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: unit.active }}
      onConfirm={run}
    >
      <Button type="link" size={size} danger={unit.active} loading={busy} style={{ paddingInline: 4 }}>
        {unit.active ? t('units.deactivate') : t('units.activate')}
      </Button>
    </Popconfirm>
  );
}
