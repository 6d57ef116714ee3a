import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, type ApiError } from '../api/api-error.ts';

export interface ReportOptions {
  /** Put the server's field errors on this form's fields. */
  form?: FormInstance;
  /** Offered on a stale edit (409 with the current version): load the current version again. */
  onReload?: () => void;
}

/** A 409 that says the record moved on since the user loaded it (not, say, a taken code). */
function isStaleEdit(error: ApiError): boolean {
  const details = error.details as { currentVersion?: unknown } | undefined;
  return error.status === 409 && typeof details?.currentVersion === 'number';
}

function hasField(form: FormInstance, field: string): boolean {
  return Object.prototype.hasOwnProperty.call(form.getFieldsValue(true) as object, field) || form.getFieldInstance(field) !== undefined;
}

/**
 * Tells the user why an action did not work, in the server's own words: problems with an input
 * on that input, a stale edit as a dialog that offers to reload, and refusals (403) and
 * everything else as a notification with a title saying what kind of problem it is.
 */
export function useErrorFeedback(): (error: unknown, options?: ReportOptions) => void {
  const { notification, modal, message } = App.useApp();
  const { t } = useTranslation();

  return useCallback((error: unknown, options: ReportOptions = {}) => {
    if (!isApiError(error)) {
      notification.error({ title: t('errors.title'), description: String(error instanceof Error ? error.message : error) });
      return;
    }
    if (error.status === 401) {
      notification.warning({ key: 'session', title: t('errors.sessionExpired'), description: error.message });
      return;
    }
    if (isStaleEdit(error) && options.onReload) {
      modal.confirm({
        title: t('errors.conflictTitle'),
        content: error.message,
        okText: t('common.reload'),
        cancelText: t('common.cancel'),
        onOk: options.onReload,
      });
      return;
    }
    const form = options.form;
    const onFields = form ? error.fieldProblems().filter((p) => hasField(form, p.field)) : [];
    if (form && onFields.length) {
      form.setFields(onFields.map((p) => ({ name: p.field, errors: [p.message] })));
      void message.error(error.message);
      return;
    }
    const title = error.status === 403 ? t('errors.forbiddenTitle')
      : error.status === 404 ? t('errors.notFoundTitle')
        : isStaleEdit(error) ? t('errors.conflictTitle')
          : error.status === 400 || error.status === 422 ? t('errors.validationTitle')
            : error.status === 0 ? t('errors.networkTitle')
              : t('errors.title');
    notification.error({ key: `${error.status}:${error.code}`, title, description: error.message, duration: 6 });
  }, [notification, modal, message, t]);
}
