import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StatementRow, StatementStatus } from '../../lib/backend';
import { formatCents, formatDate, formatMonth } from '../../shared/format';
import { useCommand } from '../../shared/hooks';
import { StatementDrawer, StatusTag } from './StatementsScreen';

/** On the customer's page: what they owe, by age, and their statements. */
export function CustomerAccountCard({ customerId }: { customerId: number }) {
  const { t, i18n } = useTranslation();
  const account = useCommand('customer_account', { customer_id: customerId });
  const [open, setOpen] = useState<number | null>(null);
  const a = account.data;
  const locale = i18n.language;
  const money = (c: number) => (a ? formatCents(c, locale, a.currency) : '');
  return (
    <Card title={t('menus.account.title')} loading={!a} data-testid="customer-account">
      {a ? (
        <>
          <Descriptions size="small" column={5} bordered>
            <Descriptions.Item label={t('menus.account.balance')}>
              <strong data-testid="customer-balance" data-cents={a.balance_cents}>
                {money(a.balance_cents)}
              </strong>
            </Descriptions.Item>
            <Descriptions.Item label={t('menus.account.current')}>{money(a.aged.current_cents)}</Descriptions.Item>
            <Descriptions.Item label={t('menus.account.days_31_60')}>{money(a.aged.days_31_60_cents)}</Descriptions.Item>
            <Descriptions.Item label={t('menus.account.days_61_90')}>{money(a.aged.days_61_90_cents)}</Descriptions.Item>
            <Descriptions.Item label={t('menus.account.over_90')}>{money(a.aged.over_90_cents)}</Descriptions.Item>
          </Descriptions>
          {a.recent.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('menus.account.no_statements')} />
          ) : (
            <Table<StatementRow>
              size="small"
              rowKey="id"
              pagination={false}
              style={{ marginTop: 12 }}
              dataSource={a.recent}
              columns={[
                {
                  title: t('menus.statement.number'),
                  dataIndex: 'number',
                  render: (n: string, row) => (
                    <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(row.id)} data-testid={`account-statement-${row.id}`}>
                      {n}
                    </Button>
                  ),
                },
                { title: t('menus.statement.month'), dataIndex: 'month', render: (m: string) => formatMonth(m, locale) },
                { title: t('menus.statement.total'), dataIndex: 'total_cents', align: 'right', render: money },
                { title: t('menus.statement.balance'), dataIndex: 'balance_cents', align: 'right', render: money },
                { title: t('menus.statement.status_label'), dataIndex: 'status', render: (s: StatementStatus) => <StatusTag status={s} /> },
                { title: t('menus.statement.issued_at'), dataIndex: 'issued_at', render: (d: string) => formatDate(d, locale) },
              ]}
            />
          )}
        </>
      ) : null}
      {open !== null ? <StatementDrawer id={open} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}
