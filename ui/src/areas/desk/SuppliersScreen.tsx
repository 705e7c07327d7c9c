import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Space, Switch, Table, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call } from '../../lib/backend';
import { FormError } from '../../shared/errors';
import { useCommand, useCommandCache, useCommandForm } from '../../shared/hooks';
import type { Supplier, SupplierInput } from './api';
import { useActor } from './common';

/** The register of outside suppliers: name, trade, contact. */
export function SuppliersScreen() {
  const { t } = useTranslation();
  const { may } = useActor();
  const [inactive, setInactive] = useState(false);
  const [editing, setEditing] = useState<Supplier | 'new' | null>(null);
  const suppliers = useCommand('supplier_list', { include_inactive: inactive });
  const write = may('supplier_write');
  return (
    <Card
      title={t('nav.suppliers')}
      data-testid="suppliers-screen"
      extra={
        <Space>
          <Switch checked={inactive} onChange={setInactive} data-testid="suppliers-inactive" />
          {t('desk.supplier.show_inactive')}
          {write ? (
            <Button type="primary" icon={<PlusOutlined />} data-testid="supplier-new" onClick={() => setEditing('new')}>
              {t('desk.supplier.new')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Table<Supplier>
        rowKey="id"
        loading={suppliers.isPending}
        dataSource={suppliers.data ?? []}
        pagination={false}
        onRow={(row) => ({ 'data-testid': `supplier-row-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('desk.supplier.name'), dataIndex: 'name' },
          { title: t('desk.supplier.trade'), dataIndex: 'trade' },
          { title: t('desk.supplier.contact'), dataIndex: 'contact' },
          { title: t('desk.supplier.phone'), dataIndex: 'phone' },
          { title: t('desk.supplier.notes'), dataIndex: 'notes', ellipsis: true },
          {
            title: t('desk.supplier.active'),
            dataIndex: 'active',
            render: (active: boolean) => <Tag color={active ? 'green' : 'default'}>{active ? t('common.yes') : t('common.no')}</Tag>,
          },
          ...(write
            ? [
                {
                  key: 'edit',
                  width: 60,
                  render: (_: unknown, row: Supplier) => (
                    <Button size="small" icon={<EditOutlined />} aria-label={t('common.edit')} data-testid={`supplier-edit-${row.id}`} onClick={() => setEditing(row)} />
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? <SupplierForm supplier={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}

function SupplierForm({ supplier, onClose }: { supplier: Supplier | null; onClose: () => void }) {
  const { t } = useTranslation();
  const cache = useCommandCache();
  const command = useCommandForm<SupplierInput, Supplier>({
    fieldPrefix: 'supplier',
    submit: (values) => {
      const input: SupplierInput = {
        name: values.name?.trim() ?? '',
        trade: values.trade?.trim() ?? '',
        contact: values.contact?.trim() ?? '',
        phone: values.phone?.trim() ?? '',
        notes: values.notes?.trim() ?? '',
        active: values.active ?? true,
      };
      return supplier ? call('supplier_update', { id: supplier.id, version: supplier.version, supplier: input }) : call('supplier_create', input);
    },
    successMessage: t('common.saved'),
    onSuccess: () => {
      void cache.invalidate('supplier_list');
      onClose();
    },
  });
  return (
    <Modal
      open
      title={supplier ? t('desk.supplier.edit') : t('desk.supplier.new')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={command.busy} data-testid="supplier-save" onClick={() => command.form.submit()}>
          {t('common.save')}
        </Button>,
      ]}
    >
      <FormError error={command.error} details={command.details} />
      <Form<SupplierInput>
        form={command.form}
        layout="vertical"
        onFinish={command.onFinish}
        initialValues={supplier ?? { name: '', trade: '', contact: '', phone: '', notes: '', active: true }}
        data-testid="supplier-form"
      >
        <Form.Item name="name" label={t('desk.supplier.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input data-testid="supplier-name" />
        </Form.Item>
        <Form.Item name="trade" label={t('desk.supplier.trade')} extra={t('desk.supplier.trade_hint')}>
          <Input data-testid="supplier-trade" />
        </Form.Item>
        <Space size="middle" style={{ width: '100%' }}>
          <Form.Item name="contact" label={t('desk.supplier.contact')}>
            <Input data-testid="supplier-contact" />
          </Form.Item>
          <Form.Item name="phone" label={t('desk.supplier.phone')}>
            <Input inputMode="tel" data-testid="supplier-phone" />
          </Form.Item>
        </Space>
        <Form.Item name="notes" label={t('desk.supplier.notes')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="active" label={t('desk.supplier.active')} valuePropName="checked">
          <Switch data-testid="supplier-active" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
