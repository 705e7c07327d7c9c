import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { groupFingerprint, useConnection } from '../../shared/connection';
import { ConnectionChooser } from './ConnectionChooser';

/** Settings → Connection, for managers: where the data is, and changing it (audited). */
export function ConnectionCard() {
  const { t } = useTranslation();
  const { status, changed } = useConnection();
  const [changing, setChanging] = useState(false);
  const connection = status?.connection ?? null;
  return (
    <Card title={t('connection.title')} data-testid="connection-card">
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('connection.current')}>
          <span data-testid="connection-current" data-kind={connection?.kind ?? ''}>
            {connection?.kind === 'server' ? t('connection.office_server') : t('connection.this_computer')}
          </span>
        </Descriptions.Item>
        {connection?.kind === 'server' && (
          <>
            <Descriptions.Item label={t('connection.address')}>{connection.address}</Descriptions.Item>
            {connection.fingerprint && (
              <Descriptions.Item label={t('connection.fingerprint')}>
                <Typography.Text code style={{ whiteSpace: 'normal' }}>
                  {groupFingerprint(connection.fingerprint).join('  ')}
                </Typography.Text>
              </Descriptions.Item>
            )}
          </>
        )}
      </Descriptions>
      {status?.overridden ? (
        <Alert type="info" showIcon title={t('connection.overridden')} />
      ) : changing ? (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('connection.signed_in_note')} />
          <ConnectionChooser current={connection} onChosen={changed} />
        </>
      ) : (
        <Button onClick={() => setChanging(true)} data-testid="connection-change">
          {t('connection.change')}
        </Button>
      )}
    </Card>
  );
}
