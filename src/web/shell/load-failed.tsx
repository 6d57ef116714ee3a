import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/api-error.ts';

/** A page whose data could not be loaded says why, in the server's words, and offers a retry. */
export function LoadFailed({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useTranslation();
  const status = isApiError(error) ? error.status : 0;
  const heading = title ?? (status === 403 ? t('errors.forbiddenTitle') : status === 404 ? t('errors.notFoundTitle') : t('errors.loadFailed'));
  return (
    <Result
      status={status === 403 ? '403' : status === 404 ? '404' : 'error'}
      title={heading}
      subTitle={<span data-testid="load-failed-message">{isApiError(error) ? error.message : String(error)}</span>}
      extra={onRetry && <Button onClick={onRetry}>{t('common.reload')}</Button>}
    />
  );
}
