import { useEffect, type ReactNode } from 'react';
import { Badge, Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session';
import { navigate, routeAllowed, router, type AppLocation, type AppRouteName, useLocation } from '../routes';
import { LanguageSelect } from '../LanguageSelect';

/** The navigation, in groups of the office's work; each entry opens the route of the same name. */
const NAV_GROUPS = [
  {
    group: 'desk',
    entries: ['my_cases', 'my_work_orders', 'follow_ups', 'kanban', 'cases', 'knowledge', 'dashboard', 'suppliers', 'desk_settings'],
  },
  { group: 'services', entries: ['catalog', 'packages', 'statements', 'convenience', 'notices'] },
  { group: 'leasing', entries: ['referrals', 'listings', 'prospects', 'agencies', 'viewings', 'leasing_reminders'] },
  { group: 'records', entries: ['customers', 'units'] },
  { group: 'office', entries: ['staff', 'audit', 'settings'] },
] as const satisfies readonly { group: string; entries: readonly AppRouteName[] }[];

const NAV = NAV_GROUPS.flatMap((g) => g.entries);

/** "my_cases" → "nav-my-cases": the test id of a navigation entry. */
export const navTestId = (name: string) => `nav-${name.replace(/_/g, '-')}`;

type Props = {
  children: (location: AppLocation) => ReactNode;
  /** Global actions in the header (the intake button, whose drawer and shortcut F2 / Ctrl+N come with it). */
  actions?: ReactNode;
  /** Counts shown beside navigation entries (my open cases, follow-ups due …). */
  badges?: Partial<Record<AppRouteName, number>>;
};

/** The signed-in frame: sidebar, header, and the screen of the current route. */
export function Shell({ children, actions, badges }: Props) {
  const { t } = useTranslation();
  const { me, can, signOut, changeLocale } = useSession();
  const location = useLocation();
  const visible = NAV.filter((name) => routeAllowed(name, can));
  const allowed = location !== null && routeAllowed(location.name, can);
  const fallback = visible[0] ?? 'settings';
  const current: AppLocation = allowed ? location : { name: fallback, params: {}, query: {} };

  // An empty, unknown or forbidden address shows the first section; say so in the address too.
  useEffect(() => {
    if (!allowed) navigate({ name: fallback }, { replace: true });
  }, [allowed, fallback]);

  const section = router.table[current.name].section;

  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Sider width={220} breakpoint="lg" collapsedWidth={64} data-testid="sidebar">
        <div className="steward-brand" data-testid="app-title">
          {t('app.title')}
        </div>
        <Menu
          className="steward-nav"
          theme="dark"
          mode="inline"
          selectedKeys={[section]}
          onClick={({ key }) => navigate({ name: key as (typeof NAV)[number] })}
          items={NAV_GROUPS.map(({ group, entries }) => ({
            type: 'group' as const,
            key: `group-${group}`,
            label: <span data-testid={`nav-group-${group}`}>{t(`nav.group.${group}`)}</span>,
            children: entries
              .filter((name) => routeAllowed(name, can))
              .map((name) => ({
                key: name,
                label: (
                  <span className="steward-nav-entry">
                    <span data-testid={navTestId(name)}>{t(`nav.${name}`)}</span>
                    {badges?.[name] ? (
                      <Badge
                        count={badges[name]}
                        size="small"
                        overflowCount={999}
                        data-testid={`${navTestId(name)}-badge`}
                      />
                    ) : null}
                  </span>
                ),
              })),
          })).filter((g) => g.children.length > 0)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="steward-header">
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="app-subtitle">
            {t('app.subtitle')}
          </Typography.Text>
          <Space size="middle">
            {actions}
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
        <Layout.Content className="steward-content">{children(current)}</Layout.Content>
      </Layout>
    </Layout>
  );
}
