import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Descriptions, Modal, Progress, Radio, Result, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, toApiError, VOCABULARIES, type ApiError, type ImportKind, type ImportPreview, type ImportResult, type ImportRowError } from '../../lib/backend';
import { errorTitle } from '../../shared/errors';
import { useCommandCache } from '../../shared/hooks';

/** A file as standard base64 (padded), the form the core takes files in. */
async function toBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

type Picked = { name: string; base64: string };
type Step = 'choose' | 'preview' | 'running' | 'done';

/** The import of an office's lists: kind and file, preview with the column mapping and each bad row, then the commit with progress and cancel. */
export function ImportWizard({ open, onClose, initialKind }: { open: boolean; onClose: () => void; initialKind: ImportKind }) {
  const { t } = useTranslation();
  const cache = useCommandCache();
  const [kind, setKind] = useState<ImportKind>(initialKind);
  const [file, setFile] = useState<Picked | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [step, setStep] = useState<Step>('choose');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const [result, setResult] = useState<ImportResult | null>(null);
  const run = useRef('');

  useEffect(() => {
    if (open) {
      setKind(initialKind);
      setFile(null);
      setPreview(null);
      setStep('choose');
      setError(null);
      setResult(null);
    }
  }, [open, initialKind]);

  const check = async (picked: Picked, forKind: ImportKind, mapping: (string | null)[] | null) => {
    setBusy(true);
    setError(null);
    try {
      const p = await call('import_preview', { kind: forKind, file_name: picked.name, content_base64: picked.base64, mapping });
      setPreview(p);
      setStep('preview');
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  };

  const pick = async (f: File) => {
    const picked = { name: f.name, base64: await toBase64(f) };
    setFile(picked);
    await check(picked, kind, null);
  };

  const commit = async () => {
    if (!file || !preview) return;
    run.current = `ui-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    setStep('running');
    setProgress({ done: 0, total: preview.to_create });
    setError(null);
    const poll = window.setInterval(() => {
      call('import_progress', { run: run.current })
        .then((p) => setProgress({ done: p.done, total: p.total }))
        .catch(() => undefined);
    }, 300);
    try {
      const r = await call('import_commit', {
        run: run.current,
        file: { kind, file_name: file.name, content_base64: file.base64, mapping: preview.mapping },
      });
      setResult(r);
      setStep('done');
      void cache.invalidate('customer_list');
      void cache.invalidate('unit_list');
      void cache.invalidate('building_list');
    } catch (reason) {
      setError(toApiError(reason));
      setStep('preview');
    } finally {
      window.clearInterval(poll);
    }
  };

  const cancel = () => {
    void call('import_cancel', { run: run.current }).catch(() => undefined);
  };

  const setField = (column: number, field: string | null) => {
    if (!preview || !file) return;
    const mapping = preview.mapping.map((m, i) => (i === column ? field : m === field && field !== 'phone' ? null : m));
    void check(file, kind, mapping);
  };

  const unmapped = preview ? preview.required.filter((r) => !preview.mapping.includes(r)) : [];
  const cancelled = error?.fields?.run === 'import.error.cancelled';
  const fileError = error?.fields?.file ?? error?.fields?.mapping;

  const footer =
    step === 'done' ? (
      <Button type="primary" data-testid="import-close" onClick={onClose}>
        {t('import.close')}
      </Button>
    ) : step === 'running' ? (
      <Button danger data-testid="import-cancel" onClick={cancel}>
        {t('import.cancel')}
      </Button>
    ) : (
      <Space>
        <Button onClick={onClose}>{t('import.close')}</Button>
        <Button
          type="primary"
          data-testid="import-commit"
          disabled={!preview || unmapped.length > 0 || preview.to_create === 0 || busy}
          onClick={() => void commit()}
        >
          {t('import.commit', { count: preview?.to_create ?? 0 })}
        </Button>
      </Space>
    );

  return (
    <Modal open={open} title={t('import.title')} width={980} onCancel={step === 'running' ? undefined : onClose} closable={step !== 'running'} maskClosable={false} footer={footer} destroyOnHidden data-testid="import-wizard">
      <div data-testid="import-wizard-body">
        {(step === 'choose' || step === 'preview') && (
          <Space orientation="vertical" style={{ width: '100%' }} size="middle">
            <Space wrap>
              <Radio.Group
                value={kind}
                optionType="button"
                onChange={(e) => {
                  const k = e.target.value as ImportKind;
                  setKind(k);
                  if (file) void check(file, k, null);
                }}
                options={VOCABULARIES.import_kind.map((k) => ({
                  value: k,
                  label: <span data-testid={`import-kind-${k}`}>{t(`enum.import_kind.${k}`)}</span>,
                }))}
              />
              <Upload accept=".csv,.txt,.tsv,.xlsx" showUploadList={false} beforeUpload={(f) => { void pick(f); return false; }}>
                <Button icon={<UploadOutlined />} loading={busy} data-testid="import-file">
                  {file ? file.name : t('import.choose_file')}
                </Button>
              </Upload>
            </Space>
            <Typography.Text type="secondary">{t(`import.hint.${kind}`)}</Typography.Text>
            {error && !cancelled && (
              <Alert type="error" showIcon data-testid="import-error" title={fileError ? t(fileError) : errorTitle(t, error)} />
            )}
            {cancelled && <Alert type="warning" showIcon data-testid="import-cancelled" title={t('import.error.cancelled')} />}
            {preview && <PreviewView preview={preview} onField={setField} unmapped={unmapped} />}
          </Space>
        )}
        {step === 'running' && (
          <div data-testid="import-running" style={{ padding: '24px 0' }}>
            <Typography.Paragraph>{t('import.running')}</Typography.Paragraph>
            <Progress percent={progress.total ? Math.floor((progress.done * 100) / progress.total) : 0} status="active" />
          </div>
        )}
        {step === 'done' && result && (
          <Result
            status="success"
            title={<span data-testid="import-done">{t('import.done')}</span>}
            subTitle={
              <span data-testid="import-result">
                {t('import.result', { created: result.created, existing: result.existing, bad: result.bad_rows })}
                {result.buildings_created > 0 && ` ${t('import.result_buildings', { count: result.buildings_created })}`}
              </span>
            }
          />
        )}
      </div>
    </Modal>
  );
}

function PreviewView({ preview, onField, unmapped }: { preview: ImportPreview; onField: (column: number, field: string | null) => void; unmapped: string[] }) {
  const { t } = useTranslation();
  const fieldOptions = [
    { value: '', label: t('import.skip_column') },
    ...preview.fields.map((f) => ({ value: f, label: `${t(`import.field.${f}`)}${preview.required.includes(f) ? ' *' : ''}` })),
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Descriptions size="small" column={5} data-testid="import-counts">
        <Descriptions.Item label={t('import.read_as')}>{preview.encoding}</Descriptions.Item>
        <Descriptions.Item label={t('import.count.rows')}>{preview.rows}</Descriptions.Item>
        <Descriptions.Item label={t('import.count.to_create')}>
          <span data-testid="import-to-create">{preview.to_create}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('import.count.existing')}>
          <span data-testid="import-existing">{preview.existing}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('import.count.bad_rows')}>
          <span data-testid="import-bad-rows">{preview.bad_rows}</span>
        </Descriptions.Item>
      </Descriptions>
      <div style={{ overflowX: 'auto' }} data-testid="import-mapping">
        <Table<{ key: number; cells: string[] }>
          size="small"
          pagination={false}
          dataSource={preview.sample.map((cells, i) => ({ key: i, cells }))}
          columns={preview.columns.map((c, i) => ({
            key: String(i),
            title: (
              <Space orientation="vertical" size={4}>
                <Typography.Text strong>{c}</Typography.Text>
                <Select
                  size="small"
                  style={{ minWidth: 150 }}
                  data-testid={`import-map-${i}`}
                  value={preview.mapping[i] ?? ''}
                  onChange={(v: string) => onField(i, v || null)}
                  options={fieldOptions}
                />
              </Space>
            ),
            render: (_: unknown, row: { cells: string[] }) => row.cells[i] ?? '',
          }))}
        />
      </div>
      {unmapped.length > 0 && (
        <Alert type="info" showIcon title={t('import.error.unmapped')} description={unmapped.map((f) => t(`import.field.${f}`)).join('、')} />
      )}
      {preview.error_count > 0 ? (
        <>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('import.errors_title', { count: preview.error_count })}
          </Typography.Title>
          <Table<ImportRowError>
            size="small"
            data-testid="import-errors"
            rowKey={(e) => `${e.row}-${e.code}-${e.column ?? ''}`}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            dataSource={preview.errors}
            columns={[
              { key: 'row', title: t('import.col.row'), dataIndex: 'row', width: 80 },
              { key: 'column', title: t('import.col.column'), render: (_, e) => e.column ?? '' },
              {
                key: 'problem',
                title: t('import.col.problem'),
                render: (_, e) => <Tag color="red" data-testid="import-error-message">{t(e.code, { defaultValue: e.message })}</Tag>,
              },
              { key: 'value', title: t('import.col.value'), render: (_, e) => <Typography.Text code>{e.value}</Typography.Text> },
            ]}
          />
        </>
      ) : (
        unmapped.length === 0 && <Alert type="success" showIcon title={t('import.no_errors')} data-testid="import-no-errors" />
      )}
    </Space>
  );
}
