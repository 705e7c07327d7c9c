import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, toApiError, type BackupFile, type BackupKind } from '../../lib/backend';
import { FormError, useErrorToast } from '../../shared/errors';
import { formatDateTime, formatNumber } from '../../shared/format';
import { useCommand, useCommandCache, useCommandForm } from '../../shared/hooks';

/** Bytes as KB/MB/GB with the locale's digits. */
export function formatSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(value, locale, unit === 0 ? 0 : 1)} ${units[unit]}`;
}

const KIND_COLOR: Record<BackupKind, string> = {
  automatic: 'default',
  exit: 'default',
  manual: 'blue',
  before_migration: 'purple',
  before_restore: 'orange',
};

type FolderValues = { copy_folder: string };

/** Settings → Backups, for managers: this computer's backups (back up now, restore, a
 * second folder), or on an office server the time of its last backup. */
export function BackupsCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const cache = useCommandCache();
  const overview = useCommand('backup_list', null);
  const [backingUp, setBackingUp] = useState(false);
  const [restoring, setRestoring] = useState<BackupFile | null>(null);
  const [restoreBusy, setRestoreBusy] = useState(false);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const locale = i18n.language;

  const folderForm = useCommandForm({
    submit: (values: FolderValues) => call('backup_settings_save', { copy_folder: values.copy_folder?.trim() || null }),
    successMessage: t('common.saved'),
    onSuccess: (saved) => cache.set('backup_list', null, saved),
  });

  const backUpNow = async () => {
    setBackingUp(true);
    try {
      const made = await call('backup_now', null);
      if (made.copied) void message.success(t('settings.backups.made'));
      else void message.warning(t('settings.backups.copy_failed'));
      await cache.invalidate('backup_list');
    } catch (e) {
      toast(e);
    } finally {
      setBackingUp(false);
    }
  };

  const restore = async () => {
    if (!restoring) return;
    setRestoreBusy(true);
    setRestoreError(null);
    try {
      await call('backup_restore', { name: restoring.name });
      // The shell has reopened the data; the sign-in of this window ends with it.
      setRestoring(null);
      void message.success(t('settings.backups.restored'));
    } catch (e) {
      const error = toApiError(e);
      const field = error.fields?.name;
      setRestoreError(field ? t(field) : t(`error.${error.code}`));
    } finally {
      setRestoreBusy(false);
    }
  };

  const data = overview.data;
  if (data?.mode === 'server') {
    const last = data.last_server_backup;
    return (
      <Card title={t('settings.backups.title')} data-testid="backups-card">
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('settings.backups.server_last')}>
            <span data-testid="backups-server-last">{last ? formatDateTime(last.at, locale) : t('settings.backups.server_never')}</span>
          </Descriptions.Item>
          {last && <Descriptions.Item label={t('settings.backups.size')}>{formatSize(last.size_bytes, locale)}</Descriptions.Item>}
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('settings.backups.server_help')}
        </Typography.Paragraph>
      </Card>
    );
  }

  return (
    <Card
      title={t('settings.backups.title')}
      loading={overview.isPending}
      data-testid="backups-card"
      extra={
        <Button type="primary" onClick={() => void backUpNow()} loading={backingUp} data-testid="backups-now">
          {t('settings.backups.now')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('settings.backups.help')}</Typography.Paragraph>
      {data?.folder && (
        <Typography.Paragraph>
          {t('settings.backups.folder')}: <Typography.Text code>{data.folder}</Typography.Text>
        </Typography.Paragraph>
      )}
      <Table<BackupFile>
        size="small"
        rowKey="name"
        data-testid="backups-table"
        dataSource={data?.backups ?? []}
        pagination={{ pageSize: 8, hideOnSinglePage: true }}
        locale={{ emptyText: t('settings.backups.none') }}
        columns={[
          { title: t('settings.backups.time'), dataIndex: 'at', render: (at: string) => formatDateTime(at, locale) },
          {
            title: t('settings.backups.kind'),
            dataIndex: 'kind',
            render: (kind: BackupKind) => <Tag color={KIND_COLOR[kind]}>{t(`settings.backups.kinds.${kind}`)}</Tag>,
          },
          { title: t('settings.backups.size'), dataIndex: 'size_bytes', align: 'right', render: (n: number) => formatSize(n, locale) },
          {
            title: '',
            key: 'restore',
            align: 'right',
            render: (_: unknown, row: BackupFile) => (
              <Button size="small" onClick={() => { setRestoreError(null); setRestoring(row); }} data-testid="backups-restore">
                {t('settings.backups.restore')}
              </Button>
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('settings.backups.copy_folder')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('settings.backups.copy_folder_help')}</Typography.Paragraph>
      <FormError error={folderForm.error} details={folderForm.details} />
      <Form<FolderValues>
        form={folderForm.form}
        layout="inline"
        onFinish={folderForm.onFinish}
        initialValues={{ copy_folder: data?.copy_folder ?? '' }}
        key={data?.copy_folder ?? ''}
        data-testid="backups-folder-form"
      >
        <Form.Item name="copy_folder" style={{ flex: 1, minWidth: 280 }}>
          <Input placeholder={t('settings.backups.copy_folder_placeholder')} data-testid="backups-copy-folder" />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={folderForm.busy} data-testid="backups-folder-save">
            {t('common.save')}
          </Button>
        </Form.Item>
      </Form>
      <Modal
        open={restoring !== null}
        title={t('settings.backups.restore_title')}
        okText={t('settings.backups.restore_confirm')}
        okButtonProps={{ danger: true, 'data-testid': 'backups-restore-confirm' } as ButtonProps}
        cancelText={t('common.cancel')}
        confirmLoading={restoreBusy}
        onOk={() => void restore()}
        onCancel={() => setRestoring(null)}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          {restoring && (
            <Typography.Paragraph strong>
              {formatDateTime(restoring.at, locale)} · {t(`settings.backups.kinds.${restoring.kind}`)} · {formatSize(restoring.size_bytes, locale)}
            </Typography.Paragraph>
          )}
          <Typography.Paragraph>{t('settings.backups.restore_explain')}</Typography.Paragraph>
          {restoreError && <Alert type="error" showIcon title={restoreError} data-testid="backups-restore-error" />}
        </Space>
      </Modal>
    </Card>
  );
}
