import { App, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export const fontFamily = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC",-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif';

/** Ant Design in the chosen language, in a sober government look: dense, red-accented, plain. */
export function ThemedApp({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: { colorPrimary: '#b71c1c', colorLink: '#1f4e8c', borderRadius: 4, fontFamily, fontSize: 14 },
        components: {
          Layout: { headerBg: '#9f1a1a', headerHeight: 52, headerPadding: '0 20px', siderBg: '#ffffff', bodyBg: '#f3f4f6' },
          Table: { cellPaddingBlockSM: 6, headerBg: '#f5f6f8' },
          Menu: { itemHeight: 38, groupTitleColor: '#8c8c8c' },
        },
      }}
    >
      <App notification={{ placement: 'topRight' }}>{children}</App>
    </ConfigProvider>
  );
}
