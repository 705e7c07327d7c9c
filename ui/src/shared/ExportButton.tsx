import { useState } from 'react';
import { App, Button, Dropdown } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, saveDocument, type ExportFormat, type ListExport } from '../lib/backend';
import { useErrorToast } from './errors';

/** A list and its query as the screen holds it (filters, search); the format is picked here. */
export type ExportTarget = ListExport extends infer T ? (T extends ListExport ? Omit<T, 'format'> : never) : never;

/**
 * "Export" with a CSV / Excel menu: the list with the screen's current filters, every page,
 * saved where the person chooses.
 */
export function ExportButton({ target, testId }: { target: ExportTarget; testId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const [busy, setBusy] = useState(false);

  const run = async (format: ExportFormat) => {
    setBusy(true);
    try {
      const doc = await call('list_export', { ...target, format } as ListExport);
      const path = await saveDocument(doc.file_name, doc.base64);
      void message.success(t('export.saved', { path }));
    } catch (e) {
      toast(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'csv', label: <span data-testid={`${testId}-csv`}>{t('export.csv')}</span> },
          { key: 'xlsx', label: <span data-testid={`${testId}-xlsx`}>{t('export.xlsx')}</span> },
        ],
        onClick: ({ key }) => void run(key as ExportFormat),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid={testId}>
        {t('export.button')}
      </Button>
    </Dropdown>
  );
}
