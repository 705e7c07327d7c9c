import { useDeferredValue, useState } from 'react';
import { App, Button, Card, Input, Popconfirm, Space, Switch, Table, Tag, Tooltip } from 'antd';
import { LockOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, type StaffRow } from '../../lib/backend';
import { useErrorToast } from '../../shared/errors';
import { useCommandCache, usePagedList } from '../../shared/hooks';
import { useSession } from '../../shared/session';
import { StaffForm, StaffPasswordForm } from './StaffForm';

export function StaffScreen() {
  const { t } = useTranslation();
  const { can } = useSession();
  const cache = useCommandCache();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [text, setText] = useState('');
  const search = useDeferredValue(text.trim());
  const [editing, setEditing] = useState<StaffRow | 'new' | null>(null);
  const [passwordFor, setPasswordFor] = useState<StaffRow | null>(null);
  const staff = usePagedList('staff_list', { search: search || null, department: null, include_inactive: includeInactive });
  const manage = can('staff_manage');
  const toast = useErrorToast();
  const { message } = App.useApp();
  const unlock = async (row: StaffRow) => {
    try {
      await call('staff_unlock', { id: row.id });
      void message.success(t('staff.unlocked'));
      await cache.invalidate('staff_list');
    } catch (e) {
      toast(e);
    }
  };

  return (
    <Card
      title={t('staff.title')}
      data-testid="staff-screen"
      extra={
        <Space>
          <Switch checked={includeInactive} onChange={setIncludeInactive} data-testid="staff-include-inactive" />
          <span>{t('staff.include_inactive')}</span>
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="staff-new" onClick={() => setEditing('new')}>
              {t('staff.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Input
        allowClear
        data-testid="staff-search"
        prefix={<SearchOutlined />}
        placeholder={t('staff.search_placeholder')}
        aria-label={t('staff.search_placeholder')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        style={{ marginBottom: 16, maxWidth: 360 }}
      />
      <div data-testid="staff-table">
        <Table<StaffRow>
          rowKey="id"
          size="middle"
          {...staff.tableProps}
          columns={[
            { key: 'name', title: t('staff.display_name'), dataIndex: 'display_name' },
            { key: 'username', title: t('staff.username'), dataIndex: 'username' },
            { key: 'role', title: t('staff.role'), render: (_, row) => t(`enum.role.${row.role}`) },
            {
              key: 'department',
              title: t('staff.department'),
              render: (_, row) => (
                <>
                  {t(`enum.department.${row.department}`)}
                  {row.supervisor ? <Tag style={{ marginInlineStart: 8 }}>{t('staff.supervisor')}</Tag> : null}
                  {row.escalation_tier ? <Tag color="purple" style={{ marginInlineStart: 8 }}>{t(`enum.escalation_tier.${row.escalation_tier}`)}</Tag> : null}
                </>
              ),
            },
            {
              key: 'languages',
              title: t('staff.languages'),
              render: (_, row) =>
                row.languages.map((l) => (
                  <Tag key={l.language}>
                    {t(`language.${l.language}`, { defaultValue: l.language })} · {t(`enum.language_level.${l.level}`)}
                  </Tag>
                )),
            },
            {
              key: 'active',
              title: t('staff.active'),
              render: (_, row) => (
                <>
                  {row.active ? <Tag color="green">{t('staff.active_yes')}</Tag> : <Tag>{t('staff.active_no')}</Tag>}
                  {row.locked ? (
                    <Tooltip title={t('staff.locked_help')}>
                      <Tag color="red" icon={<LockOutlined />} data-testid="staff-locked">
                        {t('staff.locked')}
                      </Tag>
                    </Tooltip>
                  ) : null}
                </>
              ),
            },
            ...(manage
              ? [
                  {
                    key: 'actions',
                    title: '',
                    align: 'right' as const,
                    render: (_: unknown, row: StaffRow) => (
                      <Space>
                        <Button size="small" data-testid="staff-edit" onClick={() => setEditing(row)}>
                          {t('common.edit')}
                        </Button>
                        <Button size="small" data-testid="staff-set-password" onClick={() => setPasswordFor(row)}>
                          {t('staff.set_password')}
                        </Button>
                        {row.locked ? (
                          <Popconfirm
                            title={t('staff.unlock_confirm', { name: row.display_name })}
                            onConfirm={() => unlock(row)}
                            okButtonProps={{ 'data-testid': 'staff-unlock-confirm' }}
                          >
                            <Button size="small" danger data-testid="staff-unlock">
                              {t('staff.unlock')}
                            </Button>
                          </Popconfirm>
                        ) : null}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </div>
      <StaffForm
        staff={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void cache.invalidate('staff_list');
        }}
      />
      <StaffPasswordForm
        staff={passwordFor}
        onClose={() => setPasswordFor(null)}
        onSaved={() => {
          setPasswordFor(null);
          void cache.invalidate('staff_list');
        }}
      />
    </Card>
  );
}
