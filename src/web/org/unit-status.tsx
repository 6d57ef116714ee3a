import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return <Badge status={active ? 'success' : 'default'} text={active ? t('common.active') : t('common.inactive')} />;
}
