import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { Button, Card, Form, Input, Space, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, type Me } from '../../lib/backend';
import { FormError } from '../../shared/errors';
import { useCommandForm } from '../../shared/hooks';

type Props = {
  me: Me;
  /** The password was accepted; the same session goes on. */
  onUnlocked: (me: Me) => void;
  /** Someone else wants the desk: sign this session out. */
  onSignOut: () => void;
};
type Values = { password: string };

/**
 * Covers the signed-in app while the session is locked. The app stays mounted beneath it
 * (open drawers, typed text, the route), hidden and out of reach: everything else on the
 * page is inert until the password unlocks the same session.
 */
export function LockScreen({ me, onUnlocked, onSignOut }: Props) {
  const { t } = useTranslation();
  const overlay = useRef<HTMLDivElement>(null);
  const { form, busy, error, details, onFinish } = useCommandForm<Values, Me>({
    submit: (values) => call('session_unlock', { password: values.password }),
    onSuccess: (result) => {
      form.resetFields();
      onUnlocked(result);
    },
    // A wrong password is said at the field: the screen asks nothing else.
    onError: (e) =>
      form.setFields([{ name: 'password', value: '', errors: e.code === 'invalid_credentials' ? [t('lock.wrong_password')] : [] }]),
  });

  useEffect(() => {
    const mine = overlay.current;
    const others = [...document.body.children].filter((el) => el !== mine && !el.contains(mine));
    for (const el of others) el.setAttribute('inert', '');
    return () => {
      for (const el of others) el.removeAttribute('inert');
    };
  }, []);

  return createPortal(
    <div ref={overlay} className="steward-lock" data-testid="lock-screen" role="dialog" aria-modal="true" aria-label={t('lock.title')}>
      <Card className="steward-card">
        <Space orientation="vertical" size={4} style={{ width: '100%', marginBottom: 16 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            <LockOutlined /> {t('lock.title')}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="lock-who">
            {t('lock.signed_in_as', { name: me.display_name })}
          </Typography.Text>
        </Space>
        {error?.code !== 'invalid_credentials' && <FormError error={error} details={details} />}
        <Form<Values> form={form} layout="vertical" requiredMark={false} data-testid="lock-form" onFinish={onFinish}>
          <Form.Item name="password" label={t('lock.password')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input.Password data-testid="lock-password" autoComplete="current-password" autoFocus />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="lock-unlock">
            {t('lock.unlock')}
          </Button>
        </Form>
        <Space orientation="vertical" size={0} style={{ marginTop: 16 }}>
          <Typography.Text>
            {t('lock.other_person', { name: me.display_name })}{' '}
            <Button type="link" style={{ padding: 0 }} onClick={onSignOut} data-testid="lock-sign-out">
              {t('lock.sign_out')}
            </Button>
          </Typography.Text>
          <Typography.Text type="secondary">{t('lock.sign_out_warning')}</Typography.Text>
        </Space>
      </Card>
    </div>,
    document.body,
  );
}
