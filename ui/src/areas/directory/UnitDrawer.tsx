import { useEffect } from 'react';
import { Button, Descriptions, Drawer, Form, Input, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, type OccupancyRow, type UnitStatus, type UnitUse } from '../../lib/backend';
import { enumOptions, STATUS_COLORS, UNIT_STATUSES, UNIT_USES } from '../../shared/options';
import { FormError } from '../../shared/errors';
import { useCommand, useCommandCache, useCommandForm } from '../../shared/hooks';
import { useSession } from '../../shared/session';
import { formatArea, formatDate } from '../../shared/format';
import { RouteLink } from '../../shared/RouteLink';

type Values = { use_kind: UnitUse; status: UnitStatus; area_m2: string };

export function UnitDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const cache = useCommandCache();
  const unit = useCommand('unit_get', { id: id ?? 0 }, { enabled: id !== null });
  const { form, busy, error, details, onFinish, clearError } = useCommandForm({
    submit: (values: Values) => {
      if (!unit.data) throw new Error('no unit loaded');
      return call('unit_update', {
        id: unit.data.unit.id,
        version: unit.data.version,
        use_kind: values.use_kind,
        status: values.status,
        area_m2: values.area_m2.trim(),
      });
    },
    successMessage: t('common.saved'),
    onSuccess: (saved) => {
      cache.set('unit_get', { id: saved.unit.id }, saved);
      void cache.invalidate('unit_list');
    },
  });

  const writable = can('unit_write');
  useEffect(() => {
    clearError();
    const detail = unit.data;
    if (detail && writable) {
      form.setFieldsValue({ use_kind: detail.unit.use_kind, status: detail.unit.status, area_m2: detail.unit.area_m2 });
    }
  }, [unit.data, writable, form, clearError]);

  const detail = unit.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={640}
      title={detail ? `${detail.unit.building_name} ${detail.unit.number}` : t('units.unit')}
      data-testid="unit-drawer"
      destroyOnHidden
      loading={unit.isLoading}
    >
      {detail && (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('units.building')}>{detail.unit.building_name}</Descriptions.Item>
            <Descriptions.Item label={t('units.number')}>{detail.unit.number}</Descriptions.Item>
            <Descriptions.Item label={t('units.floor')}>{detail.unit.floor}</Descriptions.Item>
            <Descriptions.Item label={t('units.area')}>{formatArea(detail.unit.area_m2, i18n.language)}</Descriptions.Item>
            <Descriptions.Item label={t('units.use')}>{t(`enum.unit_use.${detail.unit.use_kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('units.status')}>
              <Tag color={STATUS_COLORS[detail.unit.status]}>{t(`enum.unit_status.${detail.unit.status}`)}</Tag>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('units.occupancies')}
          </Typography.Title>
          <Table<OccupancyRow>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={detail.occupancies}
            locale={{ emptyText: t('units.no_occupancies') }}
            columns={[
              {
                key: 'customer',
                title: t('units.customer'),
                render: (_, row) => (
                  <RouteLink to={{ name: 'customer', params: { id: row.customer_id } }}>{row.customer_name}</RouteLink>
                ),
              },
              { key: 'role', title: t('occupancy.role'), render: (_, row) => t(`enum.occupancy_role.${row.role}`) },
              { key: 'start', title: t('occupancy.start'), render: (_, row) => formatDate(row.start_date, i18n.language) },
              { key: 'end', title: t('occupancy.end'), render: (_, row) => formatDate(row.end_date, i18n.language) },
              {
                key: 'current',
                title: t('occupancy.current'),
                render: (_, row) => (row.current ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>),
              },
            ]}
          />
          {can('unit_write') && (
            <>
              <Typography.Title level={5} style={{ marginTop: 24 }}>
                {t('units.edit')}
              </Typography.Title>
              <FormError error={error} details={details} onReload={() => void unit.refetch()} />
              <Form<Values> form={form} layout="vertical" data-testid="unit-form" onFinish={onFinish}>
                <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 12 }}>
                  <Form.Item name="status" label={t('units.status')} rules={[{ required: true, message: t('validation.required') }]}>
                    <Select data-testid="unit-status" options={enumOptions(t, 'unit_status', UNIT_STATUSES)} />
                  </Form.Item>
                  <Form.Item name="use_kind" label={t('units.use')} rules={[{ required: true, message: t('validation.required') }]}>
                    <Select data-testid="unit-use" options={enumOptions(t, 'unit_use', UNIT_USES)} />
                  </Form.Item>
                  <Form.Item
                    name="area_m2"
                    label={t('units.area_m2')}
                    rules={[
                      { required: true, message: t('validation.required') },
                      { pattern: /^\d{1,7}(\.\d{1,2})?$/, message: t('validation.area') },
                    ]}
                  >
                    <Input data-testid="unit-area" inputMode="decimal" />
                  </Form.Item>
                </div>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="unit-submit">
                  {t('common.save')}
                </Button>
              </Form>
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
