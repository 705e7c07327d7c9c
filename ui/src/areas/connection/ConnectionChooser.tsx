import { useState } from 'react';
import { Alert, Button, Checkbox, Descriptions, Form, Input, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  chooseConnection,
  probeServer,
  toApiError,
  type ApiError,
  type Connection,
  type ConnectionStatus,
  type ServerHello,
} from '../../lib/backend';
import { FormError, applyFieldErrors } from '../../shared/errors';
import { groupFingerprint } from '../../shared/connection';

type Props = {
  current: Connection | null;
  onChosen: (status: ConnectionStatus) => void;
};

type ServerValues = { address: string; ca_file: string };

/**
 * This computer, or an office server: the address is probed, its certificate's fingerprint
 * shown in groups for a manager to compare with what the server printed, then pinned.
 */
export function ConnectionChooser({ current, onChosen }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ServerValues>();
  const [kind, setKind] = useState<Connection['kind']>(current?.kind ?? 'local');
  const [hello, setHello] = useState<ServerHello | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const fail = (reason: unknown) => {
    const e = toApiError(reason);
    setError(e);
    applyFieldErrors(form, e, t);
  };

  const probe = async (values: ServerValues) => {
    setBusy(true);
    setError(null);
    setHello(null);
    setConfirmed(false);
    try {
      setHello(await probeServer(values.address.trim(), values.ca_file?.trim() || null));
    } catch (reason) {
      fail(reason);
    } finally {
      setBusy(false);
    }
  };

  const use = async () => {
    setBusy(true);
    setError(null);
    try {
      const caFile = (form.getFieldValue('ca_file') as string | undefined)?.trim() || null;
      const status = await chooseConnection(
        kind === 'local' || !hello
          ? { kind: 'local' }
          : { kind: 'server', address: hello.address, fingerprint: hello.fingerprint, ca_file: caFile },
      );
      onChosen(status);
    } catch (reason) {
      fail(reason);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="connection-chooser">
      <Radio.Group
        value={kind}
        onChange={(e) => {
          setKind(e.target.value as Connection['kind']);
          setError(null);
        }}
      >
        <Space orientation="vertical">
          <Radio value="local">
            <span data-testid="connection-kind-local">{t('connection.this_computer')}</span>
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {t('connection.this_computer_help')}
            </Typography.Text>
          </Radio>
          <Radio value="server">
            <span data-testid="connection-kind-server">{t('connection.office_server')}</span>
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {t('connection.office_server_help')}
            </Typography.Text>
          </Radio>
        </Space>
      </Radio.Group>
      <FormError error={error} />
      {kind === 'local' ? (
        <Button type="primary" loading={busy} onClick={() => void use()} data-testid="connection-use">
          {t('connection.use_local')}
        </Button>
      ) : (
        <>
          <Form<ServerValues> form={form} layout="vertical" onFinish={(v) => void probe(v)} data-testid="connection-form">
            <Form.Item
              name="address"
              label={t('connection.address')}
              extra={t('connection.address_help')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Input data-testid="connection-address" autoComplete="off" />
            </Form.Item>
            <Form.Item name="ca_file" label={t('connection.ca_file')} extra={t('connection.ca_file_help')}>
              <Input data-testid="connection-ca-file" autoComplete="off" />
            </Form.Item>
            <Button htmlType="submit" loading={busy && !hello} data-testid="connection-probe">
              {t('connection.probe')}
            </Button>
          </Form>
          {hello && (
            <>
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label={t('connection.server_name')}>{hello.name}</Descriptions.Item>
                <Descriptions.Item label={t('connection.address')}>{hello.address}</Descriptions.Item>
                <Descriptions.Item label={t('connection.fingerprint')}>
                  <Typography.Text code data-testid="connection-fingerprint" style={{ whiteSpace: 'normal' }}>
                    {groupFingerprint(hello.fingerprint).join('  ')}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
              <Alert type="info" showIcon title={t('connection.fingerprint_help')} />
              <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)}>
                <span data-testid="connection-confirm">{t('connection.confirm')}</span>
              </Checkbox>
              <Button type="primary" disabled={!confirmed} loading={busy} onClick={() => void use()} data-testid="connection-use">
                {t('connection.use_server')}
              </Button>
            </>
          )}
        </>
      )}
    </Space>
  );
}
