import { useEffect } from 'react';
import { Button, Form, Input, Modal, Select, Space, Switch } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, VOCABULARIES, type Department, type EscalationTier, type LanguageSkill, type Role, type StaffRow } from '../../lib/backend';
import { DEPARTMENTS, ESCALATION_TIERS, enumOptions, languageOptions, ROLES } from '../../shared/options';
import { FormError } from '../../shared/errors';
import { useCommandForm } from '../../shared/hooks';

type Values = {
  username: string;
  display_name: string;
  role: Role;
  department: Department;
  languages: LanguageSkill[];
  password?: string;
  active: boolean;
  supervisor: boolean;
  escalation_tier: EscalationTier | null;
};

/** The department a new role usually belongs to, so the form starts valid. */
const HOME_DEPARTMENT: Record<Role, Department> = {
  manager: 'management',
  desk: 'customer_service',
  department: 'engineering',
  leasing: 'leasing',
};

type Props = { staff: StaffRow | null; open: boolean; onClose: () => void; onSaved: () => void };

export function StaffForm({ staff, open, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { form, busy, error, details, onFinish, clearError } = useCommandForm({
    submit: async (values: Values) => {
      if (staff) {
        await call('staff_update', {
          id: staff.id,
          version: staff.version,
          display_name: values.display_name.trim(),
          role: values.role,
          department: values.department,
          languages: (values.languages ?? []).filter((l) => l?.language && l.level),
          active: values.active,
          supervisor: values.supervisor ?? false,
          escalation_tier: values.escalation_tier ?? null,
        });
      } else {
        await call('staff_create', {
          username: values.username.trim(),
          display_name: values.display_name.trim(),
          role: values.role,
          department: values.department,
          languages: (values.languages ?? []).filter((l) => l?.language && l.level),
          password: values.password ? values.password : null,
          supervisor: values.supervisor ?? false,
          escalation_tier: values.escalation_tier ?? null,
        });
      }
    },
    successMessage: t('common.saved'),
    onSuccess: onSaved,
  });

  useEffect(() => {
    if (!open) return;
    clearError();
    form.resetFields();
    form.setFieldsValue(
      staff
        ? { ...staff, password: undefined }
        : { role: 'desk', department: 'customer_service', languages: [{ language: 'zh-CN', level: 'native' }], active: true, supervisor: false, escalation_tier: null },
    );
  }, [open, staff, form, clearError]);

  return (
    <Modal
      open={open}
      forceRender
      // Tall enough to need the whole window on a 1280 × 800 screen.
      style={{ top: 24 }}
      mask={{ closable: false }}
      title={staff ? t('staff.edit_title') : t('staff.new_title')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={busy} data-testid="staff-submit" onClick={() => form.submit()}>
          {t('common.save')}
        </Button>,
      ]}
    >
      <FormError error={error} details={details} />
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="staff-form"
        onFinish={onFinish}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.role) form.setFieldsValue({ department: HOME_DEPARTMENT[changed.role] });
        }}
      >
        <Form.Item name="username" label={t('staff.username')} rules={[{ required: !staff, message: t('validation.required') }]}>
          <Input data-testid="staff-username" disabled={!!staff} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="display_name"
          label={t('staff.display_name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input data-testid="staff-display-name" />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item name="role" label={t('staff.role')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select data-testid="staff-role" options={enumOptions(t, 'role', ROLES, 'staff-role-option')} />
          </Form.Item>
          <Form.Item name="department" label={t('staff.department')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select data-testid="staff-department" options={enumOptions(t, 'department', DEPARTMENTS)} />
          </Form.Item>
        </div>
        <Form.Item label={t('staff.languages')} data-testid="staff-languages">
          <Form.List name="languages">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((field, index) => (
                  <Space key={field.key} align="baseline" data-testid={`staff-language-row-${index}`}>
                    <Form.Item name={[field.name, 'language']} noStyle rules={[{ required: true, message: t('validation.required') }]}>
                      <Select style={{ width: 180 }} data-testid={`staff-language-${index}`} options={languageOptions(t)} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'level']} noStyle rules={[{ required: true, message: t('validation.required') }]}>
                      <Select
                        style={{ width: 160 }}
                        data-testid={`staff-language-level-${index}`}
                        options={enumOptions(t, 'language_level', VOCABULARIES.language_level, `staff-language-level-${index}-option`)}
                      />
                    </Form.Item>
                    <MinusCircleOutlined aria-label={t('staff.remove_language')} data-testid={`staff-language-remove-${index}`} onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} data-testid="staff-language-add" onClick={() => add({ level: 'working' })}>
                  {t('staff.add_language')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item name="supervisor" label={t('staff.supervisor')} tooltip={t('staff.supervisor_help')} valuePropName="checked">
            <Switch data-testid="staff-supervisor" />
          </Form.Item>
          <Form.Item name="escalation_tier" label={t('staff.escalation_tier')} tooltip={t('staff.escalation_tier_help')}>
            <Select<EscalationTier>
              allowClear
              placeholder={t('staff.escalation_tier_none')}
              data-testid="staff-escalation-tier"
              options={enumOptions(t, 'escalation_tier', ESCALATION_TIERS, 'staff-escalation-tier-option')}
            />
          </Form.Item>
        </div>
        {staff ? (
          <Form.Item name="active" label={t('staff.active')} valuePropName="checked">
            <Switch data-testid="staff-active" />
          </Form.Item>
        ) : (
          <Form.Item
            name="password"
            label={t('staff.initial_password')}
            extra={t('staff.initial_password_help')}
            rules={[{ min: 8, message: t('validation.password_too_short') }]}
          >
            <Input.Password data-testid="staff-password" autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

type PasswordProps = { staff: StaffRow | null; onClose: () => void; onSaved: () => void };

export function StaffPasswordForm({ staff, onClose, onSaved }: PasswordProps) {
  const { t } = useTranslation();
  const { form, busy, error, details, onFinish, clearError } = useCommandForm({
    submit: async ({ password }: { password: string }) => {
      if (staff) await call('staff_set_password', { id: staff.id, password });
    },
    successMessage: t('common.saved'),
    onSuccess: onSaved,
  });

  useEffect(() => {
    if (staff) {
      form.resetFields();
      clearError();
    }
  }, [staff, form, clearError]);

  return (
    <Modal
      open={staff !== null}
      forceRender
      title={t('staff.set_password_title', { name: staff?.display_name ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <FormError error={error} details={details} />
      <Form form={form} layout="vertical" data-testid="staff-password-form" onFinish={onFinish}>
        <Form.Item
          name="password"
          label={t('staff.new_password')}
          rules={[
            { required: true, message: t('validation.required') },
            { min: 8, message: t('validation.password_too_short') },
          ]}
        >
          <Input.Password data-testid="staff-new-password" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
