import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session';
import { navigate, useRoute } from '../route';
import { LanguageSelect } from '../LanguageSelect';
import type { Permission } from '../../lib/backend';
import { CustomersScreen } from '../../areas/directory/CustomersScreen';
import { CustomerScreen } from '../../areas/directory/CustomerScreen';
import { UnitsScreen } from '../../areas/directory/UnitsScreen';
import { StaffScreen } from '../../areas/accounts/StaffScreen';
import { AuditScreen } from '../../areas/accounts/AuditScreen';
import { SettingsScreen } from '../../areas/accounts/SettingsScreen';

type Section = { key: string; needs: Permission | null };

const SECTIONS: Section[] = [
  { key: 'customers', needs: 'customer_read' },
  { key: 'units', needs: 'unit_read' },
  { key: 'staff', needs: 'staff_read' },
  { key: 'audit', needs: 'audit_read' },
  { key: 'settings', needs: null },
];

export function ShellScreen() {
  const { t } = useTranslation();
  const { me, can, signOut, changeLocale } = useSession();
  const route = useRoute();
  const visible = SECTIONS.filter((section) => section.needs === null || can(section.needs));
  const current = visible.find((section) => section.key === route.screen) ?? visible[0];

  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Sider width={220} breakpoint="lg" collapsedWidth={64} data-testid="sidebar">
        <div className="steward-brand" data-testid="app-title">
          {t('app.title')}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[current.key]}
          onClick={({ key }) => navigate(`/${key}`)}
          items={visible.map((section) => ({
            key: section.key,
            label: <span data-testid={`nav-${section.key}`}>{t(`nav.${section.key}`)}</span>,
          }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="steward-header">
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="app-subtitle">
            {t('app.subtitle')}
          </Typography.Text>
          <Space size="middle">
            <Space size={6}>
              <Typography.Text data-testid="current-user">{me.display_name}</Typography.Text>
              <Tag color="geekblue" data-testid="current-role">
                {t(`enum.role.${me.role}`)}
              </Tag>
            </Space>
            <LanguageSelect onChange={(code) => void changeLocale(code)} />
            <Button data-testid="sign-out" onClick={() => void signOut()}>
              {t('nav.sign_out')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="steward-content">
          {current.key === 'customers' && route.id !== null && <CustomerScreen id={route.id} />}
          {current.key === 'customers' && route.id === null && <CustomersScreen />}
          {current.key === 'units' && <UnitsScreen />}
          {current.key === 'staff' && <StaffScreen />}
          {current.key === 'audit' && <AuditScreen />}
          {current.key === 'settings' && <SettingsScreen />}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
