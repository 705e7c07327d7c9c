import { useEffect } from 'react';
import { Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../lib/backend';
import { useSession } from '../../shared/session';
import { FormError } from '../../shared/errors';
import { useCommand, useCommandCache, useCommandForm } from '../../shared/hooks';
import { LanguageSelect } from '../../shared/LanguageSelect';
import { ConnectionCard } from '../connection';
import { BackupsCard } from './BackupsCard';

export function SettingsScreen() {
  const { t } = useTranslation();
  const { can, changeLocale } = useSession();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%', maxWidth: 760 }} data-testid="settings-screen">
      <Card title={t('settings.my_language')}>
        <Space orientation="vertical">
          <Typography.Text type="secondary">{t('settings.my_language_help')}</Typography.Text>
          <LanguageSelect testId="settings-language" width={220} onChange={(code) => void changeLocale(code)} />
        </Space>
      </Card>
      <PasswordCard />
      {can('settings_manage') && <SessionLimitsCard />}
      {can('settings_manage') && <ConnectionCard />}
      {can('settings_manage') && <BackupsCard />}
    </Space>
  );
}

type PasswordValues = { current: string; new_password: string; confirm: string };

function PasswordCard() {
  const { t } = useTranslation();
  const [form] = Form.useForm<PasswordValues>();
  const { busy, error, details, onFinish } = useCommandForm({
    form,
    submit: (values: PasswordValues) => call('change_my_password', { current: values.current, new_password: values.new_password }),
    successMessage: t('settings.password_changed'),
    onSuccess: () => form.resetFields(),
  });

  return (
    <Card title={t('settings.change_password')}>
      <FormError error={error} details={details} />
      <Form<PasswordValues> form={form} layout="vertical" data-testid="password-form" onFinish={onFinish} style={{ maxWidth: 400 }}>
        <Form.Item name="current" label={t('settings.current_password')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password data-testid="password-current" autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="new_password"
          label={t('settings.new_password')}
          rules={[
            { required: true, message: t('validation.required') },
            { min: 8, message: t('validation.password_too_short') },
          ]}
        >
          <Input.Password data-testid="password-new" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('settings.confirm_password')}
          dependencies={['new_password']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('new_password') === value
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('common.passwords_differ'))),
            }),
          ]}
        >
          <Input.Password data-testid="password-confirm" autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">
          {t('settings.change_password')}
        </Button>
      </Form>
    </Card>
  );
}

type LimitsValues = { idle_lock_minutes: number; session_hours: number };

/** The idle lock and the absolute session limit, for the whole office. */
function SessionLimitsCard() {
  const { t } = useTranslation();
  const cache = useCommandCache();
  const limits = useCommand('session_limits_get', null);
  const { form, busy, error, details, onFinish } = useCommandForm({
    submit: (values: LimitsValues) =>
      call('session_limits_save', {
        version: limits.data?.version ?? 0,
        idle_lock_minutes: values.idle_lock_minutes,
        session_hours: values.session_hours,
      }),
    successMessage: t('common.saved'),
    onSuccess: (saved) => cache.set('session_limits_get', null, saved),
  });

  useEffect(() => {
    if (limits.data) form.setFieldsValue({ idle_lock_minutes: limits.data.idle_lock_minutes, session_hours: limits.data.session_hours });
  }, [limits.data, form]);

  const required = { required: true, message: t('validation.required') };
  return (
    <Card title={t('settings.session_limits')} loading={limits.isPending} data-testid="session-limits-card">
      <Typography.Paragraph type="secondary">{t('settings.session_limits_help')}</Typography.Paragraph>
      <FormError error={error} details={details} />
      <Form<LimitsValues> form={form} layout="inline" data-testid="session-limits-form" onFinish={onFinish}>
        <Form.Item name="idle_lock_minutes" label={t('settings.idle_lock_minutes')} rules={[required]}>
          <InputNumber min={1} max={480} precision={0} data-testid="session-idle-minutes" />
        </Form.Item>
        <Form.Item name="session_hours" label={t('settings.session_hours')} rules={[required]}>
          <InputNumber min={1} max={24} precision={0} data-testid="session-hours" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="session-limits-submit">
            {t('settings.session_limits_save')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
