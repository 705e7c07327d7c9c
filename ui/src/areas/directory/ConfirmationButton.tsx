import { useState } from 'react';
import { Alert, App, Button, Input, Modal, Select, Space, Spin, Tag, Typography } from 'antd';
import { CheckOutlined, CopyOutlined, MessageOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, saveDocument, toApiError, VOCABULARIES, type ConfirmationSubject, type ContactChannel } from '../../lib/backend';
import { useSession } from '../../shared/session';
import { useCommand, useCommandCache } from '../../shared/hooks';
import { enumOptions } from '../../shared/options';

type Props = { subject: ConfirmationSubject; id: number; testId: string; small?: boolean };

const offset = () => -new Date().getTimezoneOffset();

/**
 * A short confirmation in the customer's language (case opened, work order scheduled,
 * statement issued, parcel received) to copy into an SMS or a messaging app, or print;
 * Steward sends nothing itself. "Mark given" puts it on the customer's timeline.
 */
export function ConfirmationButton({ subject, id, testId, small }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size={small ? 'small' : 'middle'} icon={<MessageOutlined />} data-testid={testId} onClick={() => setOpen(true)}>
        {t('contacts.confirmation.button')}
      </Button>
      {open ? <ConfirmationModal subject={subject} id={id} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

export function ConfirmationModal({ subject, id, onClose }: { subject: ConfirmationSubject; id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const cache = useCommandCache();
  const [channel, setChannel] = useState<ContactChannel>('sms');
  const [busy, setBusy] = useState<'print' | 'given' | null>(null);
  const [given, setGiven] = useState(false);
  const confirmation = useCommand('confirmation_get', { subject, id, utc_offset_minutes: offset() });
  const c = confirmation.data;

  const copy = async () => {
    if (!c) return;
    let copied = false;
    try {
      await navigator.clipboard.writeText(c.text);
      copied = true;
    } catch {
      // A webview without clipboard permission: copy the selected text the older way.
      const area = document.querySelector<HTMLTextAreaElement>('[data-testid="confirmation-text"]');
      if (area) {
        area.select();
        copied = document.execCommand('copy');
      }
    }
    if (copied) void message.success(t('contacts.confirmation.copied'));
    else void message.error(t('contacts.confirmation.copy_failed'));
  };
  const act = async (what: 'print' | 'given', run: () => Promise<void>) => {
    setBusy(what);
    try {
      await run();
    } catch (reason) {
      void message.error(toApiError(reason).message);
    } finally {
      setBusy(null);
    }
  };
  const print = () =>
    act('print', async () => {
      const doc = await call('confirmation_print', { subject, id, utc_offset_minutes: offset() });
      const path = await saveDocument(doc.file_name, doc.base64);
      void message.success(t('contacts.confirmation.saved', { path }));
    });
  const markGiven = () =>
    act('given', async () => {
      await call('confirmation_given', { subject, id, channel, utc_offset_minutes: offset() });
      await cache.invalidate('contact_list');
      setGiven(true);
      void message.success(t('contacts.confirmation.given'));
    });

  return (
    <Modal
      open
      title={t('contacts.confirmation.title')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Button onClick={onClose} data-testid="confirmation-close">
          {t('contacts.confirmation.close')}
        </Button>
      }
      data-testid="confirmation-modal"
    >
      {confirmation.isPending ? <Spin /> : null}
      {confirmation.isError ? <Alert type="error" showIcon title={confirmation.error.message} /> : null}
      {c ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text strong data-testid="confirmation-customer">
              {c.customer_name}
            </Typography.Text>
            <Typography.Text type="secondary">{c.reference}</Typography.Text>
            <Tag color="blue" data-testid="confirmation-language" data-language={c.language}>
              {t(`language.${c.language}`, { defaultValue: c.language })}
            </Tag>
          </Space>
          {c.fell_back ? (
            <Alert
              type="warning"
              showIcon
              data-testid="confirmation-fallback"
              title={t('contacts.confirmation.fell_back', {
                wanted: t(`language.${c.requested_language}`, { defaultValue: c.requested_language }),
                used: t(`language.${c.language}`, { defaultValue: c.language }),
              })}
            />
          ) : null}
          <Input.TextArea value={c.text} readOnly autoSize={{ minRows: 3, maxRows: 8 }} data-testid="confirmation-text" />
          <Typography.Text type="secondary">{t('contacts.confirmation.length', { count: c.text.length })}</Typography.Text>
          <Space wrap>
            <Button icon={<CopyOutlined />} data-testid="confirmation-copy" onClick={() => void copy()}>
              {t('contacts.confirmation.copy')}
            </Button>
            <Button icon={<PrinterOutlined />} loading={busy === 'print'} data-testid="confirmation-print" onClick={() => void print()}>
              {t('contacts.confirmation.print')}
            </Button>
          </Space>
          {can('contact_record') && c.customer_id !== null ? (
            <Space wrap>
              <Select<ContactChannel>
                value={channel}
                onChange={setChannel}
                style={{ width: 180 }}
                data-testid="confirmation-channel"
                options={enumOptions(t, 'contact_channel', VOCABULARIES.contact_channel, 'confirmation-channel')}
              />
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={busy === 'given'}
                disabled={given}
                data-testid="confirmation-given"
                onClick={() => void markGiven()}
              >
                {given ? t('contacts.confirmation.given_done') : t('contacts.confirmation.mark_given')}
              </Button>
            </Space>
          ) : null}
          {c.customer_id === null ? (
            <Typography.Text type="secondary">{t('contacts.confirmation.no_customer')}</Typography.Text>
          ) : null}
        </Space>
      ) : null}
    </Modal>
  );
}
