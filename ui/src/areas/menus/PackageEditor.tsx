import { useState } from 'react';
import { Button, Card, Checkbox, DatePicker, Form, Input, Modal, Select, Space, TimePicker, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call } from '../../lib/backend';
import type { CustomerRow, PackageDetail, PackageInput, PackageItemInput } from '../../lib/backend';
import { FormError } from '../../shared/errors';
import { useCommand, useCommandCache, useCommandForm } from '../../shared/hooks';
import { CustomerFinder } from '../desk/CustomerFinder';
import { fromRule, REPEAT_KINDS, toRule, weekdayName, WEEKDAYS, type Repeat, type Weekday } from './recurrence';

type ItemValues = {
  id: number | null;
  service_id: number | null;
  repeat: Repeat['kind'];
  days: Weekday[];
  month_days: number[];
  rule: string;
  starts_on: Dayjs | null;
  ends_on: Dayjs | null;
  window: [Dayjs | null, Dayjs | null] | null;
  quantity: string;
  notes: string;
};

type Values = {
  unit_id: number | null;
  starts_on: Dayjs | null;
  ends_on: Dayjs | null;
  window: [Dayjs | null, Dayjs | null] | null;
  notes: string;
  items: ItemValues[];
};

const date = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : '');
const optDate = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const time = (d: Dayjs | null | undefined) => (d ? d.format('HH:mm') : null);
const parseTime = (s: string | null) => (s ? dayjs(`2000-01-01T${s}`) : null);
const windowOf = (start: string | null, end: string | null): [Dayjs | null, Dayjs | null] | null =>
  start || end ? [parseTime(start), parseTime(end)] : null;

function repeatOf(v: ItemValues): Repeat {
  switch (v.repeat) {
    case 'weekly':
    case 'fortnightly':
      return { kind: v.repeat, days: v.days ?? [] };
    case 'monthly_days':
      return { kind: 'monthly_days', days: v.month_days ?? [] };
    case 'custom':
      return { kind: 'custom', rule: v.rule ?? '' };
    default:
      return { kind: v.repeat };
  }
}

function itemValues(item: PackageDetail['items'][number] | null, startsOn: Dayjs): ItemValues {
  const r = item ? fromRule(item.rule) : ({ kind: 'weekly', days: [] } as Repeat);
  return {
    id: item?.id ?? null,
    service_id: item?.service_id ?? null,
    repeat: r.kind,
    days: r.kind === 'weekly' || r.kind === 'fortnightly' ? r.days : [],
    month_days: r.kind === 'monthly_days' ? r.days : [],
    rule: item?.rule ?? '',
    starts_on: item ? dayjs(item.starts_on) : startsOn,
    ends_on: item?.ends_on ? dayjs(item.ends_on) : null,
    window: item ? windowOf(item.window_start, item.window_end) : null,
    quantity: item?.quantity ?? '1',
    notes: item?.notes ?? '',
  };
}

/** Days of the month offered, then the month's last day (-1). */
const MONTH_DAYS = [...Array.from({ length: 31 }, (_, i) => i + 1), -1];

/**
 * Sets up or changes a package: the customer and unit, dates, the preferred time window,
 * notes, and the services with how often each comes. Saving brings the coming visits in
 * line at once (the core moves or cancels visits not yet taken up).
 */
export function PackageEditor({ detail, onClose, onSaved }: { detail: PackageDetail | null; onClose: () => void; onSaved: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const cache = useCommandCache();
  const [customer, setCustomer] = useState<CustomerRow | null>(null);
  const customerId = detail?.customer_id ?? customer?.id ?? null;
  const customerDetail = useCommand('customer_get', { id: customerId ?? 0 }, { enabled: customerId !== null });
  const services = useCommand('catalog_list', { search: null, department: null, unit: null, include_inactive: false, page: 1, page_size: 200 });
  const command = useCommandForm<Values, PackageDetail>({
    submit: (v) => {
      const items: PackageItemInput[] = (v.items ?? []).map((it) => ({
        id: it.id ?? null,
        service_id: it.service_id ?? 0,
        rule: toRule(repeatOf(it)),
        starts_on: date(it.starts_on),
        ends_on: optDate(it.ends_on),
        window_start: time(it.window?.[0]),
        window_end: time(it.window?.[1]),
        quantity: it.quantity?.trim() || null,
        notes: it.notes ?? '',
      }));
      const input: PackageInput = {
        customer_id: customerId ?? 0,
        unit_id: v.unit_id ?? null,
        starts_on: date(v.starts_on),
        ends_on: optDate(v.ends_on),
        window_start: time(v.window?.[0]),
        window_end: time(v.window?.[1]),
        notes: v.notes ?? '',
        items,
      };
      if (detail) return call('package_edit', { id: detail.id, version: detail.version, package: input });
      return call('package_create', { package: input });
    },
    successMessage: t('common.saved'),
    onSuccess: async (saved) => {
      await cache.invalidate('package_list');
      await cache.invalidate('package_get');
      onSaved(saved.id);
    },
  });
  const starts = detail ? dayjs(detail.starts_on) : dayjs().add(1, 'day');
  const units = (customerDetail.data?.occupancies ?? []).filter((o) => o.current);
  const weekdayOptions = WEEKDAYS.map((d) => ({ value: d, label: weekdayName(d, i18n.language) }));
  return (
    <Modal
      open
      width={860}
      style={{ top: 24 }}
      styles={{ body: { maxHeight: 'calc(100vh - 200px)', overflowY: 'auto', paddingRight: 8 } }}
      title={detail ? t('menus.package.edit_title', { name: detail.customer_name }) : t('menus.package.new')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={command.busy} data-testid="package-save" onClick={() => command.form.submit()}>
          {t('common.save')}
        </Button>,
      ]}
    >
      <FormError error={command.error} details={command.details} />
      <Form<Values>
        form={command.form}
        layout="vertical"
        onFinish={command.onFinish}
        initialValues={{
          unit_id: detail?.unit_id ?? null,
          starts_on: starts,
          ends_on: detail?.ends_on ? dayjs(detail.ends_on) : null,
          window: detail ? windowOf(detail.window_start, detail.window_end) : null,
          notes: detail?.notes ?? '',
          items: detail ? detail.items.map((i) => itemValues(i, starts)) : [itemValues(null, starts)],
        }}
        data-testid="package-form"
      >
        <Space size="middle" wrap align="start">
          <Form.Item label={t('menus.package.customer')} required>
            {detail ? (
              <Typography.Text strong data-testid="package-customer-name">
                {detail.customer_name}
              </Typography.Text>
            ) : (
              <div style={{ width: 280 }} data-testid="package-customer">
                <CustomerFinder
                  value={customer}
                  onChange={(c) => {
                    setCustomer(c);
                    command.form.setFieldValue('unit_id', null);
                  }}
                />
              </div>
            )}
          </Form.Item>
          <Form.Item name="unit_id" label={t('menus.package.unit')}>
            <Select
              allowClear
              style={{ minWidth: 180 }}
              placeholder={t('menus.package.no_unit')}
              options={units.map((o) => ({ value: o.unit_id, label: o.unit_label }))}
              data-testid="package-unit"
            />
          </Form.Item>
        </Space>
        <Space size="middle" wrap>
          <Form.Item name="starts_on" label={t('menus.package.starts_on')} required>
            <DatePicker data-testid="package-starts-on" />
          </Form.Item>
          <Form.Item name="ends_on" label={t('menus.package.ends_on')}>
            <DatePicker data-testid="package-ends-on" placeholder={t('menus.package.open_ended')} />
          </Form.Item>
          <Form.Item name="window" label={t('menus.package.window')} extra={t('menus.package.window_hint')}>
            <TimePicker.RangePicker format="HH:mm" minuteStep={15} order={false} data-testid="package-window" />
          </Form.Item>
        </Space>
        <Form.Item name="notes" label={t('menus.package.notes')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} placeholder={t('menus.package.notes_hint')} data-testid="package-notes" />
        </Form.Item>
        <Typography.Title level={5}>{t('menus.package.services')}</Typography.Title>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  data-testid={`package-item-${index}`}
                  extra={
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('menus.package.remove_service')}
                      data-testid={`package-item-${index}-remove`}
                      onClick={() => remove(field.name)}
                    />
                  }
                  title={
                    <Form.Item name={[field.name, 'service_id']} noStyle>
                      <Select
                        style={{ minWidth: 260 }}
                        placeholder={t('menus.package.service')}
                        options={(services.data?.items ?? []).map((s) => ({ value: s.id, label: s.name, 'data-testid': `package-service-option-${s.id}` }))}
                        data-testid={`package-item-${index}-service`}
                      />
                    </Form.Item>
                  }
                >
                  <Space size="middle" wrap align="start">
                    <Form.Item name={[field.name, 'repeat']} label={t('menus.package.repeat')}>
                      <Select
                        style={{ minWidth: 200 }}
                        options={REPEAT_KINDS.map((k) => ({ value: k, label: t(`menus.rule.kind.${k}`), 'data-testid': `package-repeat-option-${k}` }))}
                        data-testid={`package-item-${index}-repeat`}
                      />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {({ getFieldValue }) => {
                        const kind = getFieldValue(['items', field.name, 'repeat']) as Repeat['kind'];
                        if (kind === 'weekly' || kind === 'fortnightly') {
                          return (
                            <Form.Item name={[field.name, 'days']} label={t('menus.package.days')}>
                              <Checkbox.Group options={weekdayOptions} data-testid={`package-item-${index}-days`} />
                            </Form.Item>
                          );
                        }
                        if (kind === 'monthly_days') {
                          return (
                            <Form.Item name={[field.name, 'month_days']} label={t('menus.package.month_days')}>
                              <Select
                                mode="multiple"
                                style={{ minWidth: 260 }}
                                options={MONTH_DAYS.map((d) => ({
                                  value: d,
                                  label: d === -1 ? t('menus.rule.last_day') : t('menus.rule.day_of_month', { day: d }),
                                }))}
                                data-testid={`package-item-${index}-month-days`}
                              />
                            </Form.Item>
                          );
                        }
                        if (kind === 'custom') {
                          return (
                            <Form.Item name={[field.name, 'rule']} label={t('menus.package.rule')} extra={t('menus.package.rule_hint')}>
                              <Input style={{ width: 320 }} data-testid={`package-item-${index}-rule`} />
                            </Form.Item>
                          );
                        }
                        return null;
                      }}
                    </Form.Item>
                  </Space>
                  <Space size="middle" wrap align="start">
                    <Form.Item name={[field.name, 'starts_on']} label={t('menus.package.item_starts_on')}>
                      <DatePicker data-testid={`package-item-${index}-starts-on`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'ends_on']} label={t('menus.package.ends_on')}>
                      <DatePicker placeholder={t('menus.package.open_ended')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'window']} label={t('menus.package.item_window')}>
                      <TimePicker.RangePicker format="HH:mm" minuteStep={15} order={false} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'quantity']} label={t('menus.package.quantity')}>
                      <Input style={{ width: 80 }} inputMode="decimal" data-testid={`package-item-${index}-quantity`} />
                    </Form.Item>
                  </Space>
                  <Form.Item name={[field.name, 'notes']} label={t('menus.package.item_notes')} style={{ marginBottom: 0 }}>
                    <Input data-testid={`package-item-${index}-notes`} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add(itemValues(null, command.form.getFieldValue('starts_on') ?? starts))} data-testid="package-add-service">
                {t('menus.package.add_service')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
