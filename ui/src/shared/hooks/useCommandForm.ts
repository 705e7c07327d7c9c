import { useCallback, useRef, useState } from 'react';
import { App, Form, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { toApiError, type ApiError } from '../../lib/backend';
import { applyFieldErrors } from '../errors';

export type CommandFormOptions<Values, Result> = {
  /** The command(s) to run for the submitted values; rejects with what `call` rejects with. */
  submit: (values: Values) => Promise<Result>;
  /** After a successful submit (close the modal, update the cache …). */
  onSuccess?: (result: Result, values: Values) => void | Promise<void>;
  /** After a failed submit, once the errors are on the form. */
  onError?: (error: ApiError) => void;
  /** A message shown after success, already translated: `t('common.saved')`. */
  successMessage?: string;
  /** Leading part of the backend's field names to drop: 'customer' for "customer.name". */
  fieldPrefix?: string;
  /** An existing form instance; one is created otherwise. */
  form?: FormInstance<Values>;
};

export type CommandForm<Values, Result> = {
  form: FormInstance<Values>;
  /** True while the command runs: for the submit button's `loading` or a modal's `confirmLoading`. */
  busy: boolean;
  /** The last failure (show it with <FormError error={…} details={…} />); null after success or clearError. */
  error: ApiError | null;
  /** Translated field errors for fields this form does not have. */
  details: string[];
  /** For <Form onFinish>: runs the command, then onSuccess, or puts the errors on the form. */
  onFinish: (values: Values) => Promise<void>;
  /** Like onFinish, returning the result (undefined when it failed). */
  run: (values: Values) => Promise<Result | undefined>;
  clearError: () => void;
};

/**
 * The submit state of a form that runs a command: busy flag, the ApiError, its `fields`
 * (catalog keys) on the form's fields, and the rest translated for the error box.
 */
export function useCommandForm<Values = Record<string, unknown>, Result = unknown>(
  options: CommandFormOptions<Values, Result>,
): CommandForm<Values, Result> {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [created] = Form.useForm<Values>();
  const form = options.form ?? created;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [details, setDetails] = useState<string[]>([]);
  const latest = useRef(options);
  latest.current = options;

  const run = useCallback(
    async (values: Values): Promise<Result | undefined> => {
      const current = latest.current;
      setBusy(true);
      setError(null);
      setDetails([]);
      let result: Result;
      try {
        result = await current.submit(values);
      } catch (reason) {
        const apiError = toApiError(reason);
        setError(apiError);
        setDetails(applyFieldErrors(form, apiError, t, current.fieldPrefix));
        setBusy(false);
        current.onError?.(apiError);
        return undefined;
      }
      setBusy(false);
      if (current.successMessage) void message.success(current.successMessage);
      await current.onSuccess?.(result, values);
      return result;
    },
    [form, message, t],
  );

  const onFinish = useCallback(async (values: Values) => void (await run(values)), [run]);
  const clearError = useCallback(() => {
    setError(null);
    setDetails([]);
  }, []);

  return { form, busy, error, details, onFinish, run, clearError };
}
