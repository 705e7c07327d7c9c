import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, type LoginResult } from '../../lib/backend';
import { FormError } from '../../shared/errors';
import { useCommandForm } from '../../shared/hooks';
import { LanguageSelect } from '../../shared/LanguageSelect';

type Props = {
  onLocale: (code: string) => void;
  onSignedIn: (result: LoginResult) => Promise<void>;
  /** Why the person is back here (their session ended), already translated. */
  notice?: string | null;
};
type Values = { username: string; password: string };

export function LoginScreen({ onLocale, onSignedIn, notice }: Props) {
  const { t } = useTranslation();
  const { form, busy, error, details, onFinish } = useCommandForm<Values, void>({
    submit: async (values) =>
      onSignedIn(await call('login', { username: values.username.trim(), password: values.password })),
  });

  return (
    <div className="steward-center">
      <Card className="steward-card" data-testid="login-screen">
        <Space orientation="vertical" size={4} style={{ width: '100%', marginBottom: 24 }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12 }}>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="app-title">
              {t('app.title')}
            </Typography.Title>
            <LanguageSelect onChange={onLocale} />
          </div>
          <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
        </Space>
        {notice && <Alert type="warning" showIcon style={{ marginBottom: 16 }} data-testid="login-notice" title={notice} />}
        <FormError error={error} details={details} />
        <Form<Values> form={form} layout="vertical" data-testid="login-form" requiredMark={false} onFinish={onFinish}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input data-testid="login-username" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input.Password data-testid="login-password" autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
