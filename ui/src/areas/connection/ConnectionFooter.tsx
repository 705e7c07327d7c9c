import { useState } from 'react';
import { Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useConnection } from '../../shared/connection';
import { ConnectionChooser } from './ConnectionChooser';

/**
 * Under the first screens: where this desk's data is. Before the first manager exists the
 * desk may still choose an office server instead (a set-up desk changes it in Settings).
 */
export function ConnectionFooter({ canChange }: { canChange: boolean }) {
  const { t } = useTranslation();
  const { status, changed } = useConnection();
  const [open, setOpen] = useState(false);
  const connection = status?.connection;
  if (!connection) return null;
  return (
    <div style={{ position: 'fixed', bottom: 12, left: 0, right: 0, textAlign: 'center' }} data-testid="connection-footer">
      <Typography.Text type="secondary">
        {connection.kind === 'server'
          ? t('connection.footer_server', { address: connection.address })
          : t('connection.footer_local')}
      </Typography.Text>
      {canChange && !status?.overridden && (
        <Button type="link" onClick={() => setOpen(true)} data-testid="connection-footer-change">
          {t('connection.change')}
        </Button>
      )}
      <Modal open={open} title={t('connection.title')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <ConnectionChooser
          current={connection}
          onChosen={(next) => {
            setOpen(false);
            changed(next);
          }}
        />
      </Modal>
    </div>
  );
}
