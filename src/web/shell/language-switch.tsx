import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage, type Language } from './i18n.ts';

const names: Record<Language, string> = { 'zh-CN': '简体中文', en: 'English' };

/** Language names stay in their own language, so anyone can find theirs. */
export function LanguageSwitch({ light = false }: { light?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : currentLanguage();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [language],
        items: (Object.keys(names) as Language[]).map((key) => ({ key, label: names[key] })),
        onClick: ({ key }) => setLanguage(key as Language),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('user.language')} data-testid="language-switch"
        style={light ? { color: 'rgba(255,255,255,0.92)' } : undefined}>
        {names[language]}
      </Button>
    </Dropdown>
  );
}
