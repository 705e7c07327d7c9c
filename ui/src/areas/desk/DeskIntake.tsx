import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../lib/backend';
import { IntakeLauncher, type IntakeSubmit } from './IntakeForm';

/**
 * Opens a case through the core. `case_open` is not in bindings.ts yet (the core engineers are
 * adding the desk commands): until then the untyped call reaches the core's "unknown command"
 * (not_found). Once it is there, replace this with `call('case_open', …)` mapped to `CaseOpen`.
 */
export const openCase: IntakeSubmit = (values) =>
  (call as unknown as (name: string, input: unknown) => Promise<{ id: number }>)('case_open', values);

/** The intake button and drawer of the shell header, with its shortcuts F2 and Ctrl+N / Cmd+N. */
export function DeskIntake() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <IntakeLauncher
      onSubmit={openCase}
      fieldPrefix="case"
      onSaved={({ id }) => void message.success(t('desk.intake.saved', { id: new Intl.NumberFormat().format(id) }))}
    />
  );
}
