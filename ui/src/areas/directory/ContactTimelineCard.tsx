import { useState } from 'react';
import { Button, Card, DatePicker, Empty, Form, Input, Modal, Pagination, Radio, Select, Space, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { call, VOCABULARIES, type ContactKind, type ContactRow } from '../../lib/backend';
import { useSession } from '../../shared/session';
import { useCommandCache, useCommandForm, usePagedList } from '../../shared/hooks';
import { FormError } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { enumOptions, languageOptions } from '../../shared/options';
import { RouteLink } from '../../shared/RouteLink';

/** Kinds staff log by hand; notices and confirmations record themselves when given. */
export const LOGGED_KINDS = ['call', 'visit', 'letter', 'message', 'other'] as const satisfies readonly ContactKind[];

const KIND_COLORS: Record<ContactKind, string> = {
  call: 'blue',
  visit: 'green',
  letter: 'purple',
  message: 'cyan',
  notice: 'orange',
  confirmation: 'gold',
  other: 'default',
};

function References({ row }: { row: ContactRow }) {
  const { t } = useTranslation();
  const parts = [];
  if (row.case_id !== null && row.case_number) {
    parts.push(
      <RouteLink key="case" to={{ name: 'case', params: { id: row.case_id } }} testId={`contact-${row.id}-case`}>
        {row.work_order_number ?? row.case_number}
      </RouteLink>,
    );
  }
  if (row.statement_number) parts.push(<span key="statement">{row.statement_number}</span>);
  if (row.mail_item_id !== null) parts.push(<span key="mail">{t('enum.confirmation_subject.mail_item')} #{row.mail_item_id}</span>);
  if (row.unit_label) parts.push(<span key="unit">{row.unit_label}</span>);
  return parts.length ? <Space size={8}>{parts}</Space> : null;
}

/** The customer's communication timeline (客户信息记录), newest first, with a form to log a contact. */
export function ContactTimelineCard({ customerId, language }: { customerId: number; language: string }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const [kind, setKind] = useState<ContactKind | null>(null);
  const [logging, setLogging] = useState(false);
  const list = usePagedList('contact_list', { customer_id: customerId, kind }, { pageSize: 10 });
  const locale = i18n.language;

  return (
    <Card
      title={t('contacts.title')}
      data-testid="contact-timeline"
      extra={
        <Space wrap>
          <Select<ContactKind | null>
            value={kind}
            onChange={setKind}
            style={{ width: 170 }}
            data-testid="contact-kind-filter"
            options={[{ value: null, label: t('contacts.all_kinds') }, ...enumOptions(t, 'contact_kind', VOCABULARIES.contact_kind)]}
          />
          {can('contact_record') ? (
            <Button type="primary" icon={<PlusOutlined />} data-testid="contact-log" onClick={() => setLogging(true)}>
              {t('contacts.log')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {list.rows.length === 0 && !list.query.isLoading ? (
        <Empty description={t('contacts.empty')} />
      ) : (
        <Timeline
          data-testid="contact-rows"
          items={list.rows.map((row) => ({
            key: row.id,
            color: KIND_COLORS[row.kind],
            content: (
              <div data-testid={`contact-${row.id}`} data-kind={row.kind}>
                <Space wrap size={6}>
                  <Tag color={KIND_COLORS[row.kind]}>{t(`enum.contact_kind.${row.kind}`)}</Tag>
                  <Typography.Text type="secondary">{t(`enum.contact_direction.${row.direction}`)}</Typography.Text>
                  {row.channel ? <Tag>{t(`enum.contact_channel.${row.channel}`)}</Tag> : null}
                  <Typography.Text type="secondary">
                    {t('contacts.by', { name: row.staff_name, at: formatDateTime(row.at, locale) })}
                  </Typography.Text>
                  <Tag>{t(`language.${row.language}`, { defaultValue: row.language })}</Tag>
                  <References row={row} />
                </Space>
                <div style={{ whiteSpace: 'pre-wrap' }} data-testid={`contact-${row.id}-summary`}>
                  {row.summary}
                </div>
              </div>
            ),
          }))}
        />
      )}
      {list.total > list.pageSize ? (
        <Pagination
          size="small"
          current={list.page}
          pageSize={list.pageSize}
          total={list.total}
          onChange={(page) => list.setPage(page)}
          data-testid="contact-pages"
        />
      ) : null}
      {logging ? <LogContactModal customerId={customerId} language={language} onClose={() => setLogging(false)} /> : null}
    </Card>
  );
}

type Values = {
  kind: ContactKind;
  direction: 'in' | 'out';
  language: string;
  at: Dayjs | null;
  summary: string;
};

function LogContactModal({ customerId, language, onClose }: { customerId: number; language: string; onClose: () => void }) {
  const { t } = useTranslation();
  const cache = useCommandCache();
  const command = useCommandForm<Values, ContactRow>({
    submit: (v) =>
      call('contact_record', {
        customer_id: customerId,
        unit_id: null,
        kind: v.kind,
        direction: v.direction,
        summary: v.summary ?? '',
        language: v.language,
        at: v.at ? v.at.toISOString() : null,
        case_id: null,
      }),
    successMessage: t('contacts.logged'),
    onSuccess: async () => {
      await cache.invalidate('contact_list');
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('contacts.log_title')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={command.busy}
      onOk={() => command.form.submit()}
      okButtonProps={{ 'data-testid': 'contact-save' }}
    >
      <FormError error={command.error} details={command.details} />
      <Form<Values>
        form={command.form}
        layout="vertical"
        onFinish={command.onFinish}
        initialValues={{ kind: 'call', direction: 'in', language, at: dayjs(), summary: '' }}
        data-testid="contact-form"
      >
        <Form.Item name="kind" label={t('contacts.field.kind')}>
          <Radio.Group>
            {LOGGED_KINDS.map((k) => (
              <Radio.Button key={k} value={k}>
                <span data-testid={`contact-kind-${k}`}>{t(`enum.contact_kind.${k}`)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="direction" label={t('contacts.field.direction')}>
          <Radio.Group>
            {VOCABULARIES.contact_direction.map((d) => (
              <Radio key={d} value={d}>
                <span data-testid={`contact-direction-${d}`}>{t(`enum.contact_direction.${d}`)}</span>
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Space wrap>
          <Form.Item name="language" label={t('contacts.field.language')}>
            <Select style={{ width: 160 }} options={languageOptions(t)} data-testid="contact-language" />
          </Form.Item>
          <Form.Item name="at" label={t('contacts.field.at')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="contact-at" />
          </Form.Item>
        </Space>
        <Form.Item name="summary" label={t('contacts.field.summary')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} data-testid="contact-summary" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
