import { useEffect, useState } from 'react';
import { Button, Form, Input, Modal, Select, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, type CustomerDetail, type CustomerInput } from '../../lib/backend';
import { CUSTOMER_KINDS, enumOptions, ID_DOCUMENT_KINDS, languageOptions } from '../../shared/options';
import { FormError } from '../../shared/errors';
import { useCommandForm } from '../../shared/hooks';

type Values = Omit<CustomerInput, 'phones'> & { phones: string[] };

function toValues(detail: CustomerDetail | null, language: string): Values {
  if (!detail) {
    return {
      kind: 'person',
      name: '',
      name_latin: null,
      phones: [''],
      email: null,
      nationality: null,
      preferred_language: language,
      vip: false,
      id_document_kind: null,
      id_document_number: null,
      notes: '',
    };
  }
  return {
    kind: detail.kind,
    name: detail.name,
    name_latin: detail.name_latin,
    phones: detail.phones.length ? detail.phones : [''],
    email: detail.email,
    nationality: detail.nationality,
    preferred_language: detail.preferred_language,
    vip: detail.vip,
    id_document_kind: detail.id_document_kind,
    id_document_number: null,
    notes: detail.notes,
  };
}

const blankToNull = (value: string | null | undefined) => (value && value.trim() ? value.trim() : null);

function toInput(values: Values): CustomerInput {
  return {
    kind: values.kind,
    name: values.name.trim(),
    name_latin: blankToNull(values.name_latin),
    phones: (values.phones ?? []).map((phone) => (phone ?? '').trim()).filter(Boolean),
    email: blankToNull(values.email),
    nationality: blankToNull(values.nationality)?.toUpperCase() ?? null,
    preferred_language: values.preferred_language,
    vip: values.vip,
    id_document_kind: values.id_document_kind ?? null,
    id_document_number: blankToNull(values.id_document_number),
    notes: values.notes ?? '',
  };
}

type Props = {
  open: boolean;
  /** The customer being edited (with the version the edit is based on), or null to create one. */
  customer: CustomerDetail | null;
  onSaved: (detail: CustomerDetail) => void;
  onCancel: () => void;
  /** Fetches the current record after a conflict; the form then shows the fresh values. */
  onReload?: () => Promise<CustomerDetail | null>;
};

export function CustomerForm({ open, customer, onSaved, onCancel, onReload }: Props) {
  const { t, i18n } = useTranslation();
  const [base, setBase] = useState<CustomerDetail | null>(customer);
  const { form, busy, error, details, onFinish, clearError } = useCommandForm({
    submit: (values: Values) => {
      const input = toInput(values);
      return base
        ? call('customer_update', { id: base.id, version: base.version, customer: input })
        : call('customer_create', input);
    },
    fieldPrefix: 'customer',
    onSuccess: onSaved,
  });

  useEffect(() => {
    if (open) {
      setBase(customer);
      clearError();
      form.resetFields();
      form.setFieldsValue(toValues(customer, i18n.language));
    }
    // Reset only when the modal opens.
  }, [open]);

  const reload = async () => {
    if (!onReload) return;
    const fresh = await onReload();
    if (fresh) {
      setBase(fresh);
      clearError();
      form.setFieldsValue(toValues(fresh, i18n.language));
    }
  };

  return (
    <Modal
      open={open}
      width={720}
      title={base ? t('customer.edit_title') : t('customers.new_title')}
      onCancel={onCancel}
      forceRender
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" data-testid="customer-cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={busy} data-testid="customer-submit" onClick={() => form.submit()}>
          {t('common.save')}
        </Button>,
      ]}
    >
      <FormError error={error} details={details} onReload={onReload ? () => void reload() : undefined} />
      <Form<Values> form={form} layout="vertical" data-testid="customer-form" onFinish={onFinish}>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item name="kind" label={t('customer.field.kind')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select data-testid="customer-kind" options={enumOptions(t, 'customer_kind', CUSTOMER_KINDS)} />
          </Form.Item>
          <Form.Item
            name="preferred_language"
            label={t('customer.field.preferred_language')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select data-testid="customer-language" options={languageOptions(t)} />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('customer.field.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input data-testid="customer-name" placeholder={t('customer.name_placeholder')} />
          </Form.Item>
          <Form.Item name="name_latin" label={t('customer.field.name_latin')}>
            <Input data-testid="customer-name-latin" placeholder={t('customer.name_latin_placeholder')} />
          </Form.Item>
        </div>
        <Form.Item label={t('customer.field.phones')} required={false}>
          <Form.List name="phones">
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
                    <Form.Item name={field.name} style={{ flex: 1, marginBottom: 8 }}>
                      <Input data-testid={`customer-phone-${index}`} inputMode="tel" />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button
                        type="text"
                        aria-label={t('customer.remove_phone')}
                        icon={<MinusCircleOutlined />}
                        onClick={() => remove(field.name)}
                      />
                    )}
                  </div>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} data-testid="customer-add-phone">
                  {t('customer.add_phone')}
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item name="email" label={t('customer.field.email')} rules={[{ type: 'email', message: t('validation.email') }]}>
            <Input data-testid="customer-email" />
          </Form.Item>
          <Form.Item
            name="nationality"
            label={t('customer.field.nationality')}
            rules={[{ pattern: /^[A-Za-z]{2}$/, message: t('validation.nationality') }]}
          >
            <Input data-testid="customer-nationality" maxLength={2} placeholder={t('customer.nationality_placeholder')} />
          </Form.Item>
          <Form.Item name="id_document_kind" label={t('customer.field.id_document_kind')}>
            <Select
              data-testid="customer-id-kind"
              allowClear
              options={enumOptions(t, 'id_document_kind', ID_DOCUMENT_KINDS)}
            />
          </Form.Item>
          <Form.Item
            name="id_document_number"
            label={t('customer.field.id_document_number')}
            extra={base?.id_document_masked ? t('customer.id_keep_hint', { masked: base.id_document_masked }) : undefined}
          >
            <Input data-testid="customer-id-number" autoComplete="off" />
          </Form.Item>
        </div>
        <Form.Item name="vip" label={t('customer.field.vip')} valuePropName="checked">
          <Switch data-testid="customer-vip" />
        </Form.Item>
        <Form.Item name="notes" label={t('customer.field.notes')}>
          <Input.TextArea data-testid="customer-notes" autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
