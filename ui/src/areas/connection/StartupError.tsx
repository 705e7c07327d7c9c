import { useState } from 'react';
import { Button, Card, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { retryConnection, toApiError, type ConnectionStatus } from '../../lib/backend';
import { ConnectionChooser } from './ConnectionChooser';

type Props = { status: ConnectionStatus; onStatus: (status: ConnectionStatus) => void };

/**
 * Why Steward could not start on its connection (settings file, database, server), before
 * anyone signs in: Retry, or choose another connection. Nothing opens in its place.
 */
export function StartupError({ status, onStatus }: Props) {
  const { t } = useTranslation();
  const [choosing, setChoosing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [retryError, setRetryError] = useState<string | null>(null);

  const retry = async () => {
    setBusy(true);
    setRetryError(null);
    try {
      onStatus(await retryConnection());
    } catch (reason) {
      setRetryError(toApiError(reason).message);
    } finally {
      setBusy(false);
    }
  };

  const where = status.connection?.kind === 'server' ? status.connection.address : null;
  return (
    <div className="steward-center">
      <Card className="steward-card" style={{ maxWidth: 640 }} data-testid="startup-error">
        <Result
          status="error"
          title={t('connection.failed_title')}
          subTitle={
            <span data-testid="startup-reason" data-problem={status.problem_kind ?? ''}>
              {status.problem?.message ?? t('error.internal')}
            </span>
          }
          extra={[
            <Button key="retry" type="primary" loading={busy} onClick={() => void retry()} data-testid="startup-retry">
              {t('connection.retry')}
            </Button>,
            <Button key="choose" onClick={() => setChoosing(true)} data-testid="startup-choose">
              {t('connection.choose')}
            </Button>,
          ]}
        >
          {where && <Typography.Paragraph>{t('connection.footer_server', { address: where })}</Typography.Paragraph>}
          {(status.detail || retryError) && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('connection.detail')}: {retryError ?? status.detail}
            </Typography.Paragraph>
          )}
        </Result>
        {choosing && <ConnectionChooser current={status.connection} onChosen={onStatus} />}
      </Card>
    </div>
  );
}
