import { useState } from 'react';
import { Button, Card, DatePicker, Form, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call, type CustomerDetail, type OccupancyRole, type OccupancyRow } from '../../lib/backend';
import { enumOptions, OCCUPANCY_ROLES } from '../../shared/options';
import { FormError } from '../../shared/errors';
import { useCommandForm } from '../../shared/hooks';
import { useSession } from '../../shared/session';
import { UnitPicker } from './UnitPicker';
import { formatDate } from '../../shared/format';

type AddValues = { unit_id: number; role: OccupancyRole; start_date: Dayjs };
type EndValues = { end_date: Dayjs };

type Props = { customer: CustomerDetail; onChanged: (detail: CustomerDetail) => void };

export function OccupancyCard({ customer, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<OccupancyRow | null>(null);
  const writable = can('customer_write');
  const done = (detail: CustomerDetail) => {
    onChanged(detail);
    setAdding(false);
    setEnding(null);
  };
  const add = useCommandForm({
    submit: (values: AddValues) =>
      call('occupancy_add', {
        customer_id: customer.id,
        unit_id: values.unit_id,
        role: values.role,
        start_date: values.start_date.format('YYYY-MM-DD'),
      }),
    onSuccess: done,
  });
  const end = useCommandForm({
    submit: (values: EndValues) => {
      if (!ending) throw new Error('no occupancy to end');
      return call('occupancy_end', { id: ending.id, version: ending.version, end_date: values.end_date.format('YYYY-MM-DD') });
    },
    onSuccess: done,
  });

  const open = (which: 'add' | OccupancyRow) => {
    if (which === 'add') {
      add.clearError();
      add.form.setFieldsValue({ role: 'owner', start_date: dayjs() });
      setAdding(true);
    } else {
      end.clearError();
      end.form.setFieldsValue({ end_date: dayjs() });
      setEnding(which);
    }
  };

  return (
    <Card
      title={t('occupancy.title')}
      data-testid="customer-occupancies"
      extra={
        writable && (
          <Button icon={<PlusOutlined />} data-testid="occupancy-add" onClick={() => open('add')}>
            {t('occupancy.add')}
          </Button>
        )
      }
    >
      <Table<OccupancyRow>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={customer.occupancies}
        locale={{ emptyText: t('occupancy.none') }}
        columns={[
          { key: 'unit', title: t('occupancy.unit'), dataIndex: 'unit_label' },
          { key: 'role', title: t('occupancy.role'), render: (_, row) => t(`enum.occupancy_role.${row.role}`) },
          { key: 'start', title: t('occupancy.start'), render: (_, row) => formatDate(row.start_date, i18n.language) },
          { key: 'end', title: t('occupancy.end'), render: (_, row) => formatDate(row.end_date, i18n.language) },
          {
            key: 'current',
            title: t('occupancy.current'),
            render: (_, row) => (row.current ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>),
          },
          {
            key: 'actions',
            title: '',
            align: 'right',
            render: (_, row) =>
              writable &&
              row.end_date === null && (
                <Button size="small" data-testid="occupancy-end" onClick={() => open(row)}>
                  {t('occupancy.end_action')}
                </Button>
              ),
          },
        ]}
      />
      <Modal
        open={adding}
        title={t('occupancy.add')}
        forceRender
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={add.busy}
        onCancel={() => setAdding(false)}
        onOk={() => add.form.submit()}
      >
        <FormError error={add.error} details={add.details} />
        <Form<AddValues> form={add.form} layout="vertical" data-testid="occupancy-form" onFinish={add.onFinish}>
          <Form.Item name="unit_id" label={t('occupancy.unit')} rules={[{ required: true, message: t('validation.required') }]}>
            <UnitPicker />
          </Form.Item>
          <Form.Item name="role" label={t('occupancy.role')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select data-testid="occupancy-role" options={enumOptions(t, 'occupancy_role', OCCUPANCY_ROLES)} />
          </Form.Item>
          <Form.Item name="start_date" label={t('occupancy.start')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker style={{ width: '100%' }} data-testid="occupancy-start" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={ending !== null}
        title={t('occupancy.end_title', { unit: ending?.unit_label ?? '' })}
        forceRender
        okText={t('occupancy.end_action')}
        cancelText={t('common.cancel')}
        confirmLoading={end.busy}
        onCancel={() => setEnding(null)}
        onOk={() => end.form.submit()}
      >
        <FormError error={end.error} details={end.details} />
        <Form<EndValues> form={end.form} layout="vertical" onFinish={end.onFinish}>
          <Form.Item name="end_date" label={t('occupancy.end')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker style={{ width: '100%' }} data-testid="occupancy-end-date" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
