import { useEffect, useState } from 'react';
import { AutoComplete, Badge, Button, Card, Collapse, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call, VOCABULARIES } from '../../lib/backend';
import type { CatalogDetail, CatalogInput, CatalogRow, CatalogSettings, Department, Price, ServiceUnit } from '../../lib/backend';
import { FormError, useErrorToast } from '../../shared/errors';
import { formatCents, formatDate, formatDateTime } from '../../shared/format';
import { useCommand, useCommandCache, useCommandForm, usePagedList } from '../../shared/hooks';
import { enumOptions, SERVICE_LANGUAGES } from '../../shared/options';
import { useSession } from '../../shared/session';

/** Departments whose staff do visits: the core refuses the others for a service. */
const OPERATIONAL: readonly Department[] = ['engineering', 'security', 'cleaning', 'landscaping', 'public_affairs', 'quality'];

function money(p: Price, locale: string) {
  return formatCents(p.amount_cents, locale, p.currency);
}

/** The catalog of services the office sells: which languages each still lacks, today's price. */
export function CatalogScreen() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const write = can('catalog_write');
  const [search, setSearch] = useState('');
  const [department, setDepartment] = useState<Department | null>(null);
  const [unit, setUnit] = useState<ServiceUnit | null>(null);
  const [inactive, setInactive] = useState(false);
  const [open, setOpen] = useState<number | 'new' | null>(null);
  const list = usePagedList('catalog_list', {
    search: search.trim() || null,
    department,
    unit,
    include_inactive: inactive,
  });
  return (
    <Card
      title={t('nav.catalog')}
      data-testid="catalog-screen"
      extra={
        <Space>
          {write ? (
            <Button type="primary" icon={<PlusOutlined />} data-testid="catalog-new" onClick={() => setOpen('new')}>
              {t('menus.catalog.new')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <div style={{ marginBottom: 16 }}>
        <CurrencySetting write={write} />
      </div>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('menus.catalog.search')} data-testid="catalog-search" onSearch={setSearch} style={{ width: 220 }} />
        <Select<Department>
          allowClear
          placeholder={t('menus.catalog.department')}
          style={{ width: 160 }}
          value={department ?? undefined}
          onChange={(v) => setDepartment(v ?? null)}
          options={enumOptions(t, 'department', OPERATIONAL)}
          data-testid="catalog-department"
        />
        <Select<ServiceUnit>
          allowClear
          placeholder={t('menus.catalog.unit')}
          style={{ width: 140 }}
          value={unit ?? undefined}
          onChange={(v) => setUnit(v ?? null)}
          options={enumOptions(t, 'service_unit', VOCABULARIES.service_unit)}
          data-testid="catalog-unit"
        />
        <Switch checked={inactive} onChange={setInactive} data-testid="catalog-inactive" />
        {t('menus.catalog.show_inactive')}
      </Space>
      <Table<CatalogRow>
        rowKey="id"
        {...list.tableProps}
        onRow={(row) => ({ 'data-testid': `catalog-row-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('menus.catalog.name'),
            dataIndex: 'name',
            render: (name: string, row) => (
              <Button type="link" style={{ padding: 0 }} data-testid={`catalog-open-${row.id}`} onClick={() => setOpen(row.id)}>
                {name}
              </Button>
            ),
          },
          {
            title: t('menus.catalog.missing'),
            dataIndex: 'missing_languages',
            render: (missing: string[]) =>
              missing.length === 0 ? (
                <Tag color="green">{t('menus.catalog.all_languages')}</Tag>
              ) : (
                missing.map((l) => (
                  <Tag key={l} color="orange">
                    {t(`language.${l}`)}
                  </Tag>
                ))
              ),
          },
          { title: t('menus.catalog.department'), dataIndex: 'department', render: (d: Department) => t(`enum.department.${d}`) },
          { title: t('menus.catalog.unit'), dataIndex: 'unit', render: (u: ServiceUnit) => t(`enum.service_unit.${u}`) },
          {
            title: t('menus.catalog.price'),
            dataIndex: 'price',
            align: 'right',
            render: (p: Price | null) => (p ? money(p, i18n.language) : <Typography.Text type="secondary">{t('menus.catalog.no_price')}</Typography.Text>),
          },
          { title: t('menus.catalog.tax_rate'), dataIndex: 'tax_rate', render: (r: string | null) => (r === null ? t('menus.catalog.no_tax') : `${r}%`) },
          {
            title: t('menus.catalog.active'),
            dataIndex: 'active',
            render: (active: boolean) => <Tag color={active ? 'green' : 'default'}>{active ? t('common.yes') : t('common.no')}</Tag>,
          },
        ]}
      />
      {open !== null ? <ServiceEditor id={open === 'new' ? null : open} write={write} onClose={() => setOpen(null)} onCreated={setOpen} /> : null}
    </Card>
  );
}

type PriceValues = { amount: string; effective_from: Dayjs | null };
type Values = CatalogInput & { tax_rate: string | null; price?: PriceValues };

function blankTexts() {
  return SERVICE_LANGUAGES.map((language) => ({ language, name: '', description: '' }));
}

/** The editor's texts: one per customer language, in a fixed order, so errors find their tab. */
function formTexts(detail: CatalogDetail | undefined) {
  return SERVICE_LANGUAGES.map((language) => {
    const found = detail?.texts.find((x) => x.language === language);
    return { language, name: found?.name ?? '', description: found?.description ?? '' };
  });
}

function ServiceEditor({ id, write, onClose, onCreated }: { id: number | null; write: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const detail = useCommand('catalog_get', { id: id ?? 0 }, { enabled: id !== null });
  if (id !== null && !detail.data) {
    return <Modal open loading title={t('menus.catalog.edit')} onCancel={onClose} footer={null} />;
  }
  return <ServiceForm detail={id === null ? undefined : detail.data} write={write} onClose={onClose} onCreated={onCreated} />;
}

function ServiceForm({
  detail,
  write,
  onClose,
  onCreated,
}: {
  detail: CatalogDetail | undefined;
  write: boolean;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const { t } = useTranslation();
  const cache = useCommandCache();
  const command = useCommandForm<Values, CatalogDetail>({
    submit: (values) => {
      const service: CatalogInput = {
        texts: values.texts.map((x, i) => ({ language: SERVICE_LANGUAGES[i], name: x.name ?? '', description: x.description ?? '' })),
        department: values.department,
        unit: values.unit,
        tax_rate: values.tax_rate?.trim() ? values.tax_rate.trim() : null,
      };
      if (detail) return call('catalog_edit', { id: detail.id, version: detail.version, service });
      const p = values.price;
      const price = p?.amount?.trim() ? { amount: p.amount.trim(), effective_from: p.effective_from?.format('YYYY-MM-DD') ?? '' } : null;
      return call('catalog_create', { service, price });
    },
    successMessage: t('common.saved'),
    onSuccess: async (saved) => {
      await cache.invalidate('catalog_list');
      await cache.invalidate('catalog_get');
      if (!detail) onCreated(saved.id);
    },
  });
  const texts = Form.useWatch('texts', command.form) ?? formTexts(detail);
  // A newer version (saved here, or a price added below) becomes the form's values; the
  // dialog stays open as it is.
  const { form } = command;
  const version = detail?.version;
  useEffect(() => {
    if (version !== undefined) form.resetFields();
  }, [form, version]);
  return (
    <Modal
      open
      width={760}
      // Fits a 1280×800 window: the body scrolls, the save button stays in view.
      style={{ top: 24 }}
      styles={{ body: { maxHeight: 'calc(100vh - 200px)', overflowY: 'auto', paddingRight: 8 } }}
      title={detail ? detail.name : t('menus.catalog.new')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {write ? t('common.cancel') : t('common.back')}
        </Button>,
        ...(write
          ? [
              <Button key="save" type="primary" loading={command.busy} data-testid="catalog-save" onClick={() => command.form.submit()}>
                {t('common.save')}
              </Button>,
            ]
          : []),
      ]}
    >
      <FormError error={command.error} details={command.details} />
      <Form<Values>
        form={command.form}
        layout="vertical"
        disabled={!write}
        onFinish={command.onFinish}
        initialValues={{
          texts: detail ? formTexts(detail) : blankTexts(),
          department: detail?.department ?? 'cleaning',
          unit: detail?.unit ?? 'per_visit',
          tax_rate: detail?.tax_rate ?? '',
        }}
        data-testid="catalog-form"
      >
        <Tabs
          items={SERVICE_LANGUAGES.map((language, i) => ({
            key: language,
            forceRender: true,
            label: (
              <span data-testid={`catalog-tab-${language}`}>
                <Badge dot={!texts[i]?.name?.trim()} offset={[6, 0]}>
                  {t(`language.${language}`)}
                </Badge>
              </span>
            ),
            children: (
              <>
                <Form.Item name={['texts', i, 'name']} label={t('menus.catalog.name')}>
                  <Input data-testid={`catalog-name-${language}`} />
                </Form.Item>
                <Form.Item name={['texts', i, 'description']} label={t('menus.catalog.description')}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} data-testid={`catalog-description-${language}`} />
                </Form.Item>
              </>
            ),
          }))}
        />
        <Typography.Paragraph type="secondary">{t('menus.catalog.languages_hint')}</Typography.Paragraph>
        <Space size="middle" wrap>
          <Form.Item name="department" label={t('menus.catalog.department')}>
            <Select style={{ minWidth: 180 }} options={enumOptions(t, 'department', OPERATIONAL)} data-testid="catalog-form-department" />
          </Form.Item>
          <Form.Item name="unit" label={t('menus.catalog.unit')}>
            <Select style={{ minWidth: 160 }} options={enumOptions(t, 'service_unit', VOCABULARIES.service_unit)} data-testid="catalog-form-unit" />
          </Form.Item>
          <Form.Item name="tax_rate" label={t('menus.catalog.tax_rate')} extra={t('menus.catalog.tax_hint')}>
            <Input style={{ width: 120 }} suffix="%" inputMode="decimal" data-testid="catalog-form-tax" />
          </Form.Item>
        </Space>
        {detail ? null : (
          <Space size="middle" wrap>
            <Form.Item name={['price', 'amount']} label={t('menus.catalog.first_price')}>
              <Input style={{ width: 160 }} inputMode="decimal" data-testid="catalog-form-price" />
            </Form.Item>
            <Form.Item name={['price', 'effective_from']} label={t('menus.catalog.effective_from')}>
              <DatePicker data-testid="catalog-form-price-from" />
            </Form.Item>
          </Space>
        )}
      </Form>
      {detail ? <PriceHistory detail={detail} write={write} /> : null}
      {detail && detail.history.length > 0 ? <ChangeHistory detail={detail} /> : null}
    </Modal>
  );
}

/** Every price of the service, newest date first, and a new price from a date. */
function PriceHistory({ detail, write }: { detail: CatalogDetail; write: boolean }) {
  const { t, i18n } = useTranslation();
  const cache = useCommandCache();
  const toast = useErrorToast();
  const [busy, setBusy] = useState(false);
  const refresh = async () => {
    await cache.invalidate('catalog_list');
    await cache.invalidate('catalog_get');
  };
  const [priceForm] = Form.useForm<{ price: PriceValues }>();
  const command = useCommandForm<{ price: PriceValues }, CatalogDetail>({
    form: priceForm,
    submit: (values) =>
      call('catalog_price_set', {
        id: detail.id,
        version: detail.version,
        price: { amount: values.price.amount?.trim() ?? '', effective_from: values.price.effective_from?.format('YYYY-MM-DD') ?? '' },
      }),
    successMessage: t('common.saved'),
    onSuccess: async () => {
      priceForm.resetFields();
      await refresh();
    },
  });
  const current = detail.price?.effective_from;
  const setActive = async (active: boolean) => {
    setBusy(true);
    try {
      await call('catalog_set_active', { id: detail.id, version: detail.version, active });
      await refresh();
    } catch (reason) {
      toast(reason);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Typography.Title level={5}>{t('menus.catalog.prices')}</Typography.Title>
      <Table<Price>
        size="small"
        rowKey="effective_from"
        pagination={false}
        dataSource={detail.prices}
        data-testid="catalog-prices"
        columns={[
          { title: t('menus.catalog.effective_from'), dataIndex: 'effective_from', render: (d: string) => formatDate(d, i18n.language) },
          { title: t('menus.catalog.price'), align: 'right', render: (_: unknown, p) => money(p, i18n.language) },
          {
            key: 'state',
            render: (_: unknown, p) =>
              p.effective_from === current ? (
                <Tag color="green">{t('menus.catalog.current')}</Tag>
              ) : detail.upcoming.some((u) => u.effective_from === p.effective_from) ? (
                <Tag color="blue">{t('menus.catalog.upcoming')}</Tag>
              ) : null,
          },
        ]}
      />
      {write ? (
        <>
          <FormError error={command.error} details={command.details} />
          <Form<{ price: PriceValues }> form={command.form} layout="inline" onFinish={command.onFinish} style={{ marginTop: 12 }} data-testid="catalog-price-form">
            <Form.Item name={['price', 'amount']} label={t('menus.catalog.new_price')}>
              <Input style={{ width: 120 }} inputMode="decimal" data-testid="catalog-price-amount" />
            </Form.Item>
            <Form.Item name={['price', 'effective_from']} label={t('menus.catalog.effective_from')}>
              <DatePicker data-testid="catalog-price-from" />
            </Form.Item>
            <Button htmlType="submit" loading={command.busy} data-testid="catalog-price-add">
              {t('menus.catalog.add_price')}
            </Button>
          </Form>
          <Space style={{ marginTop: 16 }}>
            <Button danger={detail.active} loading={busy} data-testid="catalog-toggle-active" onClick={() => void setActive(!detail.active)}>
              {detail.active ? t('menus.catalog.deactivate') : t('menus.catalog.activate')}
            </Button>
          </Space>
        </>
      ) : null}
    </>
  );
}

/** The change log's raw values ("cleaning", "per_hour", "true") in the reader's words. */
function valueText(t: (key: string, options?: { defaultValue: string }) => string, field: string, value: string | null): string {
  if (value === null || value === '') return t('common.empty_value');
  if (field === 'department') return t(`enum.department.${value}`, { defaultValue: value });
  if (field === 'unit') return t(`enum.service_unit.${value}`, { defaultValue: value });
  if (field === 'active') return value === 'true' ? t('common.yes') : t('common.no');
  return value;
}

/** Who changed what, newest first: names per language are fields of their own ("name.ja"). */
function ChangeHistory({ detail }: { detail: CatalogDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <Collapse
      style={{ marginTop: 16 }}
      size="small"
      data-testid="catalog-history"
      items={[
        {
          key: 'history',
          label: t('customer.history'),
          children: (
            <Timeline
              items={detail.history.map((entry) => ({
                key: entry.id,
                content: (
                  <div>
                    <Typography.Text strong>{t(`enum.change_action.${entry.action}`)}</Typography.Text>{' '}
                    <Typography.Text type="secondary">
                      {t('customer.history_by', { name: entry.staff_name, at: formatDateTime(entry.at, i18n.language) })}
                    </Typography.Text>
                    {entry.changes.map((change) => (
                      <div key={change.field}>
                        {t('customer.history_change', {
                          field: t(`history.catalog_service.${change.field}`, { defaultValue: change.field }),
                          old: valueText(t, change.field, change.old),
                          new: valueText(t, change.field, change.new),
                        })}
                      </div>
                    ))}
                  </div>
                ),
              }))}
            />
          ),
        },
      ]}
    />
  );
}

/** Time zones offered first; any IANA name may be typed. */
const TIME_ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Tokyo', 'Asia/Seoul', 'Asia/Singapore', 'Europe/London', 'America/New_York', 'UTC'];

type SettingsValues = { currency: string; time_zone: string; schedule_days: number | null };

/**
 * The menus' settings: the currency new prices are set in (each price keeps its own), the
 * office's time zone (which day "today" is, when visits are due) and how many days ahead
 * package visits go to their department.
 */
function CurrencySetting({ write }: { write: boolean }) {
  const { t } = useTranslation();
  const cache = useCommandCache();
  const settings = useCommand('catalog_settings_get', null);
  const command = useCommandForm<SettingsValues, CatalogSettings>({
    submit: (values) =>
      call('catalog_settings_save', {
        currency: values.currency ?? '',
        time_zone: values.time_zone ?? '',
        schedule_days: values.schedule_days ?? 0,
      }),
    successMessage: t('common.saved'),
    onSuccess: () => cache.invalidate('catalog_settings_get'),
  });
  if (!settings.data) return null;
  const s = settings.data;
  if (!write) {
    return (
      <Typography.Text type="secondary" data-testid="catalog-currency">
        {t('menus.catalog.currency')}: {s.currency}
      </Typography.Text>
    );
  }
  return (
    <Form<SettingsValues>
      key={`${s.currency}-${s.time_zone}-${s.schedule_days}`}
      form={command.form}
      layout="inline"
      initialValues={s}
      onFinish={command.onFinish}
      data-testid="catalog-currency-form"
    >
      <Form.Item name="currency" label={t('menus.catalog.currency')} tooltip={t('menus.catalog.currency_hint')} style={{ marginInlineEnd: 8 }}>
        <Input style={{ width: 64 }} maxLength={3} data-testid="catalog-currency" />
      </Form.Item>
      <Form.Item name="time_zone" label={t('menus.catalog.time_zone_label')} tooltip={t('menus.catalog.time_zone_hint')} style={{ marginInlineEnd: 8 }}>
        <AutoComplete
          style={{ width: 140 }}
          options={TIME_ZONES.map((z) => ({ value: z }))}
          showSearch={{ filterOption: (input, option) => String(option?.value ?? '').toLowerCase().includes(input.toLowerCase()) }}
          data-testid="catalog-time-zone"
          aria-label={t('menus.catalog.time_zone')}
        />
      </Form.Item>
      <Form.Item name="schedule_days" label={t('menus.catalog.schedule_days_label')} tooltip={t('menus.catalog.schedule_days_hint')} style={{ marginInlineEnd: 8 }}>
        <InputNumber
          min={1}
          max={60}
          style={{ width: 96 }}
          suffix={t('menus.catalog.days_ahead')}
          data-testid="catalog-schedule-days"
          aria-label={t('menus.catalog.schedule_days')}
        />
      </Form.Item>
      <Button htmlType="submit" loading={command.busy} data-testid="catalog-currency-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}
