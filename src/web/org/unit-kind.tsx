import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { unitKinds, type UnitKind } from '../../core/org/unit.ts';

const colours: Record<UnitKind, string> = {
  street: 'blue', town: 'cyan', department: 'geekblue', soe: 'purple', park: 'green', other: 'default',
};

export function UnitKindTag({ kind }: { kind: UnitKind }) {
  const { t } = useTranslation();
  return <Tag color={colours[kind]} variant="outlined" style={{ marginInlineEnd: 0 }}>{t(`kinds.${kind}`)}</Tag>;
}

export function useUnitKindOptions(): { value: UnitKind; label: string }[] {
  const { t } = useTranslation();
  return unitKinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }));
}
