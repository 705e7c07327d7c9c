import { Button, Card, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../lib/backend';
import { useSession } from '../../shared/session';
import { FormError } from '../../shared/errors';
import { useCommandForm } from '../../shared/hooks';
import { LanguageSelect } from '../../shared/LanguageSelect';
import { ConnectionCard } from '../connection';

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
      {can('settings_manage') && <ConnectionCard />}
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
