import { Button, Card, Checkbox, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, type AppStatus, type LoginResult } from '../../lib/backend';
import { FormError } from '../../shared/errors';
import { useCommandForm } from '../../shared/hooks';
import { LanguageSelect } from '../../shared/LanguageSelect';

type Props = {
  status: AppStatus;
  onLocale: (code: string) => void;
  onSignedIn: (result: LoginResult) => Promise<void>;
  onAlreadySetUp: () => void;
};

type Values = { username: string; display_name: string; password: string; confirm: string; load_demo: boolean };

export function SetupScreen({ status, onLocale, onSignedIn, onAlreadySetUp }: Props) {
  const { t, i18n } = useTranslation();
  const { form, busy, error, details, onFinish } = useCommandForm<Values, void>({
    submit: async (values) =>
      onSignedIn(
        await call('setup_first_manager', {
          username: values.username.trim(),
          display_name: values.display_name.trim(),
          password: values.password,
          locale: i18n.language,
          load_demo: values.load_demo,
        }),
      ),
    onError: (apiError) => {
      if (apiError.code === 'already_set_up') onAlreadySetUp();
    },
  });

  return (
    <div className="steward-center">
      <Card className="steward-card" data-testid="setup-screen">
        <Space orientation="vertical" size={4} style={{ width: '100%', marginBottom: 16 }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12 }}>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="app-title">
              {t('app.title')}
            </Typography.Title>
            <LanguageSelect onChange={onLocale} />
          </div>
          <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
        </Space>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('setup.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
        <FormError error={error} details={details} />
        <Form<Values>
          form={form}
          layout="vertical"
          data-testid="setup-form"
          requiredMark={false}
          initialValues={{ load_demo: status.demo_requested || !status.has_data }}
          onFinish={onFinish}
        >
          <Form.Item name="username" label={t('setup.username')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input data-testid="setup-username" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="display_name"
            label={t('setup.display_name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input data-testid="setup-display-name" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('setup.password')}
            rules={[
              { required: true, message: t('validation.required') },
              { min: 8, message: t('validation.password_too_short') },
            ]}
          >
            <Input.Password data-testid="setup-password" autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('setup.confirm_password')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('validation.required') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue('password') === value
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('common.passwords_differ'))),
              }),
            ]}
          >
            <Input.Password data-testid="setup-confirm" autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="load_demo" valuePropName="checked" extra={t('setup.demo_help')}>
            <Checkbox data-testid="setup-demo">{t('setup.demo')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="setup-submit">
            {t('setup.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
