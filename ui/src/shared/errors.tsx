import { Alert, App, Button, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../lib/backend';
import { toApiError } from '../lib/backend';

/** "phones[1]" / "phones.1" / "customer.name" → ['phones', 1] / ['name'] (with prefix "customer"). */
export function fieldPath(name: string, prefix?: string): (string | number)[] {
  const parts = name.split(/[.[\]]+/).filter(Boolean);
  if (prefix && parts[0] === prefix && parts.length > 1) parts.shift();
  return parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the backend's field errors (catalog keys) on the form's fields.
 * A field counts when the form has it (a Form.Item or Form.List of that name); the errors
 * of fields the form does not show are returned translated, to be shown above the form.
 */
export function applyFieldErrors(
  form: FormInstance,
  error: ApiError,
  translate: (key: string) => string,
  prefix?: string,
): string[] {
  const registered = new Set(form.getFieldsError().map((field) => JSON.stringify(field.name)));
  const leftover: string[] = [];
  const fields = Object.entries(error.fields ?? {}).flatMap(([name, key]) => {
    const path = fieldPath(name, prefix);
    if (!registered.has(JSON.stringify(path))) {
      leftover.push(translate(String(key)));
      return [];
    }
    return [{ name: path, errors: [translate(String(key))] }];
  });
  if (fields.length) form.setFields(fields);
  return leftover;
}

/** A toast for errors outside forms. */
export function useErrorToast(): (reason: unknown) => void {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return (reason) => {
    const error = toApiError(reason);
    void message.error({ content: <span data-testid="error-toast">{errorTitle(t, error)}</span> });
  };
}

/** The code's words; sign-in refusals carry specifics (the seconds to wait) in the core's message. */
export function errorTitle(t: (key: string) => string, error: ApiError): string {
  const specific = error.code === 'rate_limited' || error.code === 'account_locked';
  return specific && error.message ? error.message : t(`error.${error.code}`);
}

type FormErrorProps = { error: ApiError | null; details?: string[]; onReload?: () => void };

/** The error box at the top of a form. A conflict offers a reload of the fresh record. */
export function FormError({ error, details, onReload }: FormErrorProps) {
  const { t } = useTranslation();
  if (!error) return null;
  if (error.code === 'conflict') {
    return (
      <Alert
        data-testid="conflict-alert"
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('error.conflict')}
        action={
          onReload ? (
            <Button size="small" data-testid="conflict-reload" onClick={onReload}>
              {t('common.reload')}
            </Button>
          ) : undefined
        }
      />
    );
  }
  return (
    <Alert
      data-testid="form-error"
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={errorTitle(t, error)}
      description={
        details && details.length
          ? details.join(' ')
          : error.code === 'server_unreachable'
            ? t('connection.retry_hint')
            : undefined
      }
    />
  );
}
