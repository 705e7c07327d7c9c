import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Result, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, type CustomerDetail } from '../../lib/backend';
import { useSession } from '../../shared/session';
import { navigate } from '../../shared/routes';
import { useErrorToast } from '../../shared/errors';
import { useCommand, useCommandCache } from '../../shared/hooks';
import { CustomerForm } from './CustomerForm';
import { OccupancyCard } from './OccupancyCard';
import { changeValueText } from '../../shared/history';
import { formatDateTime } from '../../shared/format';
import { CustomerCasesCard } from '../desk/Lists';
import { CustomerAccountCard } from '../menus/CustomerAccountCard';
import { OwnerLeasesCard } from '../leasing/OwnerLeasesCard';
import { ContactTimelineCard } from './ContactTimelineCard';

export function CustomerScreen({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const cache = useCommandCache();
  const [editing, setEditing] = useState(false);
  const [revealed, setRevealed] = useState<string | null>(null);
  const customer = useCommand('customer_get', { id });
  const locale = i18n.language;

  const updated = (detail: CustomerDetail) => {
    cache.set('customer_get', { id: detail.id }, detail);
    void cache.invalidate('customer_list');
  };

  const reveal = async () => {
    try {
      setRevealed((await call('customer_reveal_id', { id })).number);
    } catch (reason) {
      toast(reason);
    }
  };

  const back = (
    <Button icon={<ArrowLeftOutlined />} data-testid="customer-back" onClick={() => navigate({ name: 'customers' })}>
      {t('common.back')}
    </Button>
  );

  if (customer.isPending) return <Spin />;
  if (customer.isError) {
    return <Result status="warning" title={t(`error.${customer.error.code}`)} extra={back} />;
  }
  const c = customer.data;
  const fieldName = (field: string) => t(`customer.field.${field}`, { defaultValue: field });

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="customer-screen">
      <Card
        title={
          <Space>
            {back}
            <span data-testid="customer-title">{c.name}</span>
            {c.name_latin && <Typography.Text type="secondary">{c.name_latin}</Typography.Text>}
            {c.vip && <Tag color="gold">{t('customer.vip')}</Tag>}
          </Space>
        }
        extra={
          can('customer_write') && (
            <Button type="primary" icon={<EditOutlined />} data-testid="customer-edit" onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
          )
        }
      >
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small" bordered data-testid="customer-details">
          <Descriptions.Item label={t('customer.field.kind')}>{t(`enum.customer_kind.${c.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('customer.field.name')}>{c.name}</Descriptions.Item>
          <Descriptions.Item label={t('customer.field.name_latin')}>{c.name_latin ?? ''}</Descriptions.Item>
          <Descriptions.Item label={t('customer.field.phones')}>{c.phones.join(', ')}</Descriptions.Item>
          <Descriptions.Item label={t('customer.field.email')}>{c.email ?? ''}</Descriptions.Item>
          <Descriptions.Item label={t('customer.field.nationality')}>{c.nationality ?? ''}</Descriptions.Item>
          <Descriptions.Item label={t('customer.field.preferred_language')}>
            {t(`language.${c.preferred_language}`, { defaultValue: c.preferred_language })}
          </Descriptions.Item>
          <Descriptions.Item label={t('customer.field.vip')}>{c.vip ? t('common.yes') : t('common.no')}</Descriptions.Item>
          <Descriptions.Item label={t('customer.field.id_document_kind')}>
            {c.id_document_kind ? t(`enum.id_document_kind.${c.id_document_kind}`) : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('customer.field.id_document_number')}>
            <Space>
              <span data-testid="customer-id-number-shown">{revealed ?? c.id_document_masked ?? ''}</span>
              {c.id_document_masked && !revealed && can('customer_reveal_id') && (
                <Button size="small" icon={<EyeOutlined />} data-testid="customer-reveal" onClick={() => void reveal()}>
                  {t('customer.reveal')}
                </Button>
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('customer.field.created_at')}>{formatDateTime(c.created_at, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('customer.field.updated_at')}>{formatDateTime(c.updated_at, locale)}</Descriptions.Item>
          <Descriptions.Item label={t('customer.field.notes')} span={3}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{c.notes}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <OccupancyCard customer={c} onChanged={updated} />
      <ContactTimelineCard customerId={c.id} language={c.preferred_language} />
      {can('case_read') ? <CustomerCasesCard customerId={c.id} /> : null}
      {can('statement_read') ? <CustomerAccountCard customerId={c.id} /> : null}
      {can('leasing_read') && c.occupancies.some((o) => o.role === 'owner') ? <OwnerLeasesCard customerId={c.id} /> : null}
      <Card title={t('customer.history')} data-testid="customer-history">
        {c.history.length === 0 ? (
          <Empty description={t('customer.no_history')} />
        ) : (
          <Timeline
            items={c.history.map((entry) => ({
              key: entry.id,
              content: (
                <div>
                  <Typography.Text strong>{t(`enum.change_action.${entry.action}`)}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {t('customer.history_by', { name: entry.staff_name, at: formatDateTime(entry.at, locale) })}
                  </Typography.Text>
                  {entry.changes.map((change) => (
                    <div key={change.field}>
                      {t('customer.history_change', {
                        field: fieldName(change.field),
                        old: change.old === null ? t('common.empty_value') : changeValueText(t, change.field, change.old),
                        new: change.new === null ? t('common.empty_value') : changeValueText(t, change.field, change.new),
                      })}
                    </div>
                  ))}
                </div>
              ),
            }))}
          />
        )}
      </Card>
      <CustomerForm
        open={editing}
        customer={c}
        onCancel={() => setEditing(false)}
        onSaved={(detail) => {
          updated(detail);
          setEditing(false);
          void message.success(t('common.saved'));
        }}
        onReload={async () => {
          const fresh = await customer.refetch();
          return fresh.data ?? null;
        }}
      />
    </Space>
  );
}
