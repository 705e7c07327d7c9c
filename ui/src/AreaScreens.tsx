import { Suspense, type ReactNode } from 'react';
import { Spin } from 'antd';
import { Shell } from './shared/layout/Shell';
import { DeskIntake } from './areas/desk/DeskIntake';
import { AlertsBell, useDeskBadges, useSweepRefresh } from './areas/desk/AlertsBell';
import { useSession } from './shared/session';
import { lazyScreen } from './shared/lazyScreen';
import type { AppLocation, AppRouteName, LocationOf } from './shared/routes';

const accounts = () => import('./areas/accounts');
const directory = () => import('./areas/directory');
const desk = () => import('./areas/desk');
const menus = () => import('./areas/menus');
const convenience = () => import('./areas/convenience');
const leasing = () => import('./areas/leasing');
const notices = () => import('./areas/notices');

const StaffScreen = lazyScreen(accounts, 'StaffScreen');
const AuditScreen = lazyScreen(accounts, 'AuditScreen');
const SettingsScreen = lazyScreen(accounts, 'SettingsScreen');
const CustomersScreen = lazyScreen(directory, 'CustomersScreen');
const CustomerScreen = lazyScreen(directory, 'CustomerScreen');
const UnitsScreen = lazyScreen(directory, 'UnitsScreen');
const CaseScreen = lazyScreen(desk, 'CaseScreen');
const CasesScreen = lazyScreen(desk, 'CasesScreen');
const MyCasesScreen = lazyScreen(desk, 'MyCasesScreen');
const MyWorkOrdersScreen = lazyScreen(desk, 'MyWorkOrdersScreen');
const FollowUpsScreen = lazyScreen(desk, 'FollowUpsScreen');
const KanbanScreen = lazyScreen(desk, 'KanbanScreen');
const DashboardScreen = lazyScreen(desk, 'DashboardScreen');
const KnowledgeScreen = lazyScreen(desk, 'KnowledgeScreen');
const SuppliersScreen = lazyScreen(desk, 'SuppliersScreen');
const DeskSettingsScreen = lazyScreen(desk, 'DeskSettingsScreen');
const CatalogScreen = lazyScreen(menus, 'CatalogScreen');
const PackagesScreen = lazyScreen(menus, 'PackagesScreen');
const PackageScreen = lazyScreen(menus, 'PackageScreen');
const StatementsScreen = lazyScreen(menus, 'StatementsScreen');
const MailScreen = lazyScreen(convenience, 'MailScreen');
const StorageScreen = lazyScreen(convenience, 'StorageScreen');
const LendingScreen = lazyScreen(convenience, 'LendingScreen');
const ListingsScreen = lazyScreen(leasing, 'ListingsScreen');
const ListingScreen = lazyScreen(leasing, 'ListingScreen');
const ProspectsScreen = lazyScreen(leasing, 'ProspectsScreen');
const ProspectScreen = lazyScreen(leasing, 'ProspectScreen');
const AgenciesScreen = lazyScreen(leasing, 'AgenciesScreen');
const AgencyScreen = lazyScreen(leasing, 'AgencyScreen');
const ReferralsScreen = lazyScreen(leasing, 'ReferralsScreen');
const ViewingsScreen = lazyScreen(leasing, 'ViewingsScreen');
const LeasingRemindersScreen = lazyScreen(leasing, 'LeasingRemindersScreen');
const NoticesScreen = lazyScreen(notices, 'NoticesScreen');
const NoticeScreen = lazyScreen(notices, 'NoticeScreen');

/** The screen of every route (the compiler insists on one per route). */
const SCREENS: { [K in AppRouteName]: (location: LocationOf<K>) => ReactNode } = {
  customers: () => <CustomersScreen />,
  customer: ({ params }) => <CustomerScreen id={params.id} />,
  units: () => <UnitsScreen openId={null} />,
  unit: ({ params }) => <UnitsScreen openId={params.id} />,
  staff: () => <StaffScreen />,
  audit: () => <AuditScreen />,
  settings: () => <SettingsScreen />,
  my_cases: () => <MyCasesScreen />,
  my_work_orders: () => <MyWorkOrdersScreen />,
  follow_ups: () => <FollowUpsScreen />,
  kanban: () => <KanbanScreen />,
  cases: () => <CasesScreen />,
  case: ({ params }) => <CaseScreen key={params.id} id={params.id} workOrderId={null} />,
  case_work_order: ({ params }) => <CaseScreen key={params.caseId} id={params.caseId} workOrderId={params.id} />,
  knowledge: () => <KnowledgeScreen />,
  dashboard: () => <DashboardScreen />,
  suppliers: () => <SuppliersScreen />,
  desk_settings: () => <DeskSettingsScreen />,
  catalog: () => <CatalogScreen />,
  packages: () => <PackagesScreen />,
  package: ({ params }) => <PackageScreen key={params.id} id={params.id} />,
  statements: () => <StatementsScreen />,
  convenience: () => <MailScreen />,
  convenience_storage: () => <StorageScreen />,
  convenience_lending: () => <LendingScreen />,
  listings: () => <ListingsScreen />,
  listing: ({ params }) => <ListingScreen key={params.id} id={params.id} />,
  prospects: () => <ProspectsScreen />,
  prospect: ({ params }) => <ProspectScreen key={params.id} id={params.id} />,
  agencies: () => <AgenciesScreen />,
  agency: ({ params }) => <AgencyScreen key={params.id} id={params.id} />,
  referrals: () => <ReferralsScreen />,
  viewings: () => <ViewingsScreen />,
  leasing_reminders: () => <LeasingRemindersScreen />,
  notices: () => <NoticesScreen />,
  notice: ({ params }) => <NoticeScreen key={params.id} id={params.id} />,
};

function screenFor(location: AppLocation): ReactNode {
  const render = SCREENS[location.name] as (location: AppLocation) => ReactNode;
  return (
    <Suspense
      fallback={
        <div className="steward-loading">
          <Spin size="large" />
        </div>
      }
    >
      {render(location)}
    </Suspense>
  );
}

/** Everything after sign-in: the shell with the screen of the current route (loaded with its area). */
export default function SignedInApp() {
  const { can } = useSession();
  const badges = useDeskBadges(can('case_read'));
  useSweepRefresh(can('case_read') || can('alert_read'));
  const actions = (
    <>
      {can('alert_read') ? <AlertsBell /> : null}
      {can('case_open') ? <DeskIntake /> : null}
    </>
  );
  return (
    <Shell actions={actions} badges={badges}>
      {screenFor}
    </Shell>
  );
}
