import { App, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { CategoryView, UnitKind, UnitView } from '../api/types.ts';
import { useErrorFeedback } from '../shell/error-feedback.ts';
import { DistrictSelect, StreetSelect } from './division-select.tsx';
import { useUnitKindOptions } from './unit-kind.tsx';

/** The demo district; new units belong to it unless the user picks another. */
export const homeDistrictCode = '110108';

interface Values {
  code: string;
  name: string;
  shortName?: string;
  kind: UnitKind;
  districtCode: string;
  divisionCode?: string | null;
  categoryId?: string | null;
}

/** Create a unit (unit = undefined) or edit one, in a side drawer. */
export function UnitFormDrawer({ open, unit, categories, onClose, onSaved, onReload }: {
  open: boolean;
  unit?: UnitView;
  categories: CategoryView[];
  onClose: () => void;
  onSaved: (unit: UnitView) => void;
  /** After a 409: load the unit again. */
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorFeedback();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const kindOptions = useUnitKindOptions();
  const districtCode = Form.useWatch('districtCode', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(unit
      ? { code: unit.code, name: unit.name, shortName: unit.shortName, kind: unit.kind, districtCode: unit.districtCode, divisionCode: unit.divisionCode, categoryId: unit.categoryId }
      : { districtCode: homeDistrictCode, divisionCode: null, categoryId: null });
  }, [open, unit, form]);

  const submit = async (values: Values) => {
    setBusy(true);
    try {
      const common = {
        name: values.name,
        shortName: values.shortName ?? '',
        kind: values.kind,
        divisionCode: values.divisionCode ?? null,
        categoryId: values.categoryId ?? null,
      };
      const saved = unit
        ? await api.units.update(unit.id, { ...common, version: unit.version })
        : await api.units.create({ ...common, code: values.code, districtCode: values.districtCode });
      void message.success(unit ? t('units.saved') : t('units.created', { name: saved.name }));
      onSaved(saved);
    } catch (error) {
      report(error, { form, onReload: onReload ? () => { onClose(); onReload(); } : undefined });
    } finally {
      setBusy(false);
    }
  };

  const categoryOptions = categories
    .filter((c) => c.active || c.id === unit?.categoryId)
    .map((c) => ({ value: c.id, label: c.name }));

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={unit ? `${t('units.editTitle')}：${unit.name}` : t('units.createTitle')}
      size={520}
      destroyOnHidden
      extra={(
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="unit-form-save">{t('common.save')}</Button>
        </Space>
      )}
    >
      <Form<Values> form={form} name="unit" layout="vertical" onFinish={submit} data-testid="unit-form">
        <Form.Item name="code" label={t('units.code')} extra={unit ? undefined : t('units.codeHelp')}
          rules={[{ required: true, whitespace: true, message: t('units.codeRequired') }]}>
          <Input disabled={Boolean(unit)} maxLength={40} />
        </Form.Item>
        <Form.Item name="name" label={t('units.name')} rules={[{ required: true, whitespace: true, message: t('units.nameRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="shortName" label={t('units.shortName')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true, message: t('units.kindRequired') }]}>
          <Select options={kindOptions} data-testid="unit-kind-select" />
        </Form.Item>
        <Form.Item name="districtCode" label={t('units.district')} rules={[{ required: true }]}>
          <DistrictSelect disabled={Boolean(unit)} onChange={() => form.setFieldValue('divisionCode', null)} />
        </Form.Item>
        <Form.Item name="divisionCode" label={t('units.division')}>
          <StreetSelect districtCode={districtCode} />
        </Form.Item>
        <Form.Item name="categoryId" label={t('units.category')}>
          <Select allowClear placeholder={t('units.categoryPlaceholder')} options={categoryOptions} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
