import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Alert, Button, Checkbox, Descriptions, Drawer, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { GlobalOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { VOCABULARIES, type ConsultationTopic, type CustomerRow } from '../../lib/backend';
import { enumOptions } from '../../shared/options';
import { FormError } from '../../shared/errors';
import { useCommandForm, useHotkey, type Hotkey } from '../../shared/hooks';
import { CustomerFinder } from './CustomerFinder';
import { KeyChoice } from './KeyChoice';
import { CASE_KINDS, CHANNELS, PRIORITIES, type CaseKind, type Channel, type Priority } from './vocab';

/** What the intake form hands to `onSubmit` (names as the service_case columns). */
export type IntakeValues = {
  customer_id: number | null;
  /** Not chosen on the form yet: the customer list gives unit labels, not ids. */
  unit_id: number | null;
  caller_name: string | null;
  caller_phone: string | null;
  /** The customer's preferred language, for the follow-up call. */
  language: string | null;
  kind: CaseKind;
  /** A consultation for a foreign resident (inquiries only). */
  consultation_topic: ConsultationTopic | null;
  channel: Channel;
  priority: Priority;
  title: string;
  description: string;
};

export type IntakeSubmit = (values: IntakeValues) => Promise<{ id: number }>;

type FormValues = {
  unknown: boolean;
  caller_name?: string;
  caller_phone?: string;
  kind?: CaseKind;
  consultation_topic?: ConsultationTopic;
  channel: Channel;
  priority: Priority;
  title?: string;
  description?: string;
};

const INITIAL: FormValues = { unknown: false, channel: 'hotline', priority: 'normal' };
const TITLE_LENGTH = 80;

/** The title when none is typed: the description's first non-empty line, cut at 80 characters. */
export function deriveTitle(title: string | undefined, description: string): string {
  const typed = title?.trim();
  if (typed) return typed;
  const line = description.split(/\r?\n/).find((l) => l.trim())?.trim() ?? '';
  const chars = [...line];
  return chars.length > TITLE_LENGTH ? `${chars.slice(0, TITLE_LENGTH - 1).join('')}…` : line;
}

/** Chinese in any variant is the office's own language; anything else is flagged. */
const isChinese = (language: string) => language.toLowerCase().startsWith('zh');

export type IntakeFormProps = {
  onSubmit: IntakeSubmit;
  /** After a case was opened (close the drawer, open the case page …). */
  onSaved?: (result: { id: number }, values: IntakeValues) => void;
  /** The customer's open cases, shown as soon as the customer is picked. */
  renderOpenCases?: (customer: CustomerRow) => ReactNode;
  /** Field-name prefix of the core's validation errors ("case" for "case.title"). */
  fieldPrefix?: string;
};

/**
 * Opening a case, keyboard-first: the customer finder has the focus; Enter picks the first
 * match and moves on to the type (keys 1–6); Tab to the description; Ctrl+Enter saves.
 */
export function IntakeForm({ onSubmit, onSaved, renderOpenCases, fieldPrefix }: IntakeFormProps) {
  const { t } = useTranslation();
  const [customer, setCustomer] = useState<CustomerRow | null>(null);
  const kindRef = useRef<{ focus: () => void }>(null);
  const finderRef = useRef<{ focus: () => void }>(null);

  const command = useCommandForm<FormValues, { id: number }>({
    fieldPrefix,
    submit: (values) => onSubmit(toIntake(values, customer)),
    onSuccess: (result, values) => onSaved?.(result, toIntake(values, customer)),
  });
  const { form } = command;
  const unknown = Form.useWatch('unknown', form);

  useEffect(() => {
    const timer = setTimeout(() => finderRef.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, []);

  const pick = (next: CustomerRow | null) => {
    setCustomer(next);
    if (next) {
      form.setFields([{ name: 'unknown', value: false, errors: [] }]);
      void form.validateFields(['unknown']).catch(() => undefined);
      setTimeout(() => kindRef.current?.focus(), 0);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.stopPropagation();
      form.submit();
    }
  };

  const required = (message: string) => [{ required: true, message }];

  return (
    <div onKeyDown={onKeyDown} data-testid="intake-form">
      <FormError error={command.error} details={command.details} />
      <Form<FormValues> form={form} layout="vertical" initialValues={INITIAL} onFinish={command.onFinish} requiredMark={false}>
        <Form.Item
          label={t('desk.intake.customer')}
          name="unknown"
          valuePropName="checked"
          rules={[
            {
              validator: (_, isUnknown: boolean) =>
                isUnknown || customer ? Promise.resolve() : Promise.reject(new Error(t('desk.intake.customer_required'))),
            },
          ]}
          extra={
            <Checkbox
              data-testid="intake-unknown"
              checked={Boolean(unknown)}
              onChange={(event) => {
                form.setFieldValue('unknown', event.target.checked);
                if (event.target.checked) pick(null);
                void form.validateFields(['unknown']).catch(() => undefined);
              }}
            >
              {t('desk.intake.unknown_caller')}
            </Checkbox>
          }
        >
          <UnknownAware disabled={Boolean(unknown)}>
            <CustomerFinder id="intake-customer" ref={finderRef} value={customer} onChange={pick} />
          </UnknownAware>
        </Form.Item>

        {customer ? <CustomerSummary customer={customer} openCases={renderOpenCases?.(customer)} /> : null}

        {unknown ? (
          <Space.Compact block style={{ marginBottom: 16, gap: 8 }}>
            <Form.Item name="caller_name" noStyle>
              <Input placeholder={t('desk.intake.caller_name')} aria-label={t('desk.intake.caller_name')} data-testid="intake-caller-name" />
            </Form.Item>
            <Form.Item
              name="caller_phone"
              noStyle
              rules={[
                {
                  validator: (_, phone?: string) =>
                    phone?.trim() || form.getFieldValue('caller_name')?.trim()
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('desk.intake.caller_required'))),
                },
              ]}
            >
              <Input placeholder={t('desk.intake.caller_phone')} aria-label={t('desk.intake.caller_phone')} data-testid="intake-caller-phone" inputMode="tel" />
            </Form.Item>
          </Space.Compact>
        ) : null}

        <Form.Item
          name="kind"
          label={
            <Space>
              {t('desk.intake.kind')}
              <Typography.Text type="secondary">{t('desk.intake.kind_hint')}</Typography.Text>
            </Space>
          }
          rules={required(t('validation.required'))}
        >
          <KeyChoice<CaseKind>
            ref={kindRef}
            aria-label={t('desk.intake.kind')}
            data-testid="intake-kind"
            options={CASE_KINDS.map((value) => ({ value, label: t(`desk.kind.${value}`) }))}
          />
        </Form.Item>

        <Form.Item noStyle dependencies={['kind']}>
          {({ getFieldValue }) =>
            getFieldValue('kind') === 'inquiry' ? (
              <Form.Item name="consultation_topic" label={t('desk.intake.consultation_topic')} extra={t('desk.intake.consultation_topic_hint')}>
                <Select<ConsultationTopic>
                  allowClear
                  data-testid="intake-topic"
                  options={enumOptions(t, 'consultation_topic', VOCABULARIES.consultation_topic, 'intake-topic-option')}
                />
              </Form.Item>
            ) : null
          }
        </Form.Item>

        <Form.Item name="description" label={t('desk.intake.description')} rules={required(t('desk.intake.description_required'))}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="intake-description" />
        </Form.Item>

        <Form.Item name="title" label={t('desk.intake.case_title')}>
          <Input placeholder={t('desk.intake.title_placeholder')} data-testid="intake-title" maxLength={200} />
        </Form.Item>

        <Form.Item name="channel" label={t('desk.intake.channel')}>
          <KeyChoice<Channel>
            aria-label={t('desk.intake.channel')}
            data-testid="intake-channel"
            options={CHANNELS.map((value) => ({ value, label: t(`desk.channel.${value}`) }))}
          />
        </Form.Item>

        <Form.Item name="priority" label={t('desk.intake.priority')}>
          <KeyChoice<Priority>
            aria-label={t('desk.intake.priority')}
            data-testid="intake-priority"
            options={PRIORITIES.map((value) => ({ value, label: t(`desk.priority.${value}`) }))}
          />
        </Form.Item>

        <Space>
          <Button type="primary" htmlType="submit" loading={command.busy} data-testid="intake-save">
            {t('desk.intake.save')}
          </Button>
          <Typography.Text type="secondary">{t('desk.intake.shortcut_hint')}</Typography.Text>
        </Space>
      </Form>
    </div>
  );
}

/** The finder sits in the "unknown" Form.Item for its label; it is not that field's control. */
function UnknownAware({ children, disabled }: { children: ReactNode; disabled: boolean }) {
  return <div style={disabled ? { opacity: 0.5, pointerEvents: 'none' } : undefined}>{children}</div>;
}

function toIntake(values: FormValues, customer: CustomerRow | null): IntakeValues {
  const description = values.description?.trim() ?? '';
  const unknown = values.unknown || !customer;
  return {
    customer_id: unknown ? null : customer!.id,
    unit_id: null,
    caller_name: unknown ? values.caller_name?.trim() || null : null,
    caller_phone: unknown ? values.caller_phone?.trim() || null : null,
    language: unknown ? null : customer!.preferred_language,
    kind: values.kind!,
    consultation_topic: values.kind === 'inquiry' ? (values.consultation_topic ?? null) : null,
    channel: values.channel,
    priority: values.priority,
    title: deriveTitle(values.title, description),
    description,
  };
}

function CustomerSummary({ customer, openCases }: { customer: CustomerRow; openCases: ReactNode }) {
  const { t } = useTranslation();
  const language = customer.preferred_language;
  const languageName = t(`language.${language}`, { defaultValue: language });
  return (
    <div data-testid="intake-customer-summary" style={{ marginBottom: 16 }}>
      {!isChinese(language) ? (
        <Alert
          type="warning"
          showIcon
          icon={<GlobalOutlined />}
          style={{ marginBottom: 8 }}
          data-testid="intake-foreign-language"
          title={t('desk.intake.foreign_language', { language: languageName })}
        />
      ) : null}
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('desk.intake.units')}>
          <span data-testid="intake-units">{customer.units || t('desk.intake.no_units')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('desk.intake.language')}>
          <Tag color={isChinese(language) ? 'default' : 'volcano'} data-testid="intake-language">
            {languageName}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('desk.intake.open_cases')}>
          <div data-testid="intake-open-cases">{openCases ?? t('common.none')}</div>
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}

/** F2 anywhere, Ctrl+N / Cmd+N anywhere: open the intake form. */
export const INTAKE_HOTKEYS: Hotkey[] = [{ key: 'F2' }, { key: 'n', mod: true }];

export type IntakeLauncherProps = Omit<IntakeFormProps, 'onSaved'> & {
  onSaved?: IntakeFormProps['onSaved'];
};

/**
 * The header button and the drawer with the intake form, opened by F2 / Ctrl+N from every
 * screen. Each opening starts a fresh form.
 */
export function IntakeLauncher({ onSaved, ...formProps }: IntakeLauncherProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [session, setSession] = useState(0);
  const show = () => {
    if (!open) setSession((n) => n + 1);
    setOpen(true);
  };
  useHotkey(INTAKE_HOTKEYS, show);
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={show} data-testid="intake-open">
        {t('desk.intake.open')}
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('desk.intake.title')}
        size={640}
        destroyOnHidden
        data-testid="intake-drawer"
      >
        {open ? (
          <IntakeForm
            key={session}
            {...formProps}
            onSaved={(result, values) => {
              setOpen(false);
              onSaved?.(result, values);
            }}
          />
        ) : null}
      </Drawer>
    </>
  );
}
