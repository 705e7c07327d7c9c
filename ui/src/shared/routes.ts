import type { Permission } from '../lib/backend';
import { createRouter, type Location, type RouteName, type RouteParams, type To } from './router';

/**
 * Every screen of the app, by name. `section` is the navigation entry the route belongs to,
 * `needs` the permission without which the route is not offered (the core checks again).
 * Nested records are nested paths: 'cases/:caseId/work-orders/:id'.
 */
const ROUTES = {
  customers: { path: 'customers', section: 'customers', needs: 'customer_read' },
  customer: { path: 'customers/:id', section: 'customers', needs: 'customer_read' },
  units: { path: 'units', section: 'units', needs: 'unit_read' },
  unit: { path: 'units/:id', section: 'units', needs: 'unit_read' },
  staff: { path: 'staff', section: 'staff', needs: 'staff_read' },
  audit: { path: 'audit', section: 'audit', needs: 'audit_read' },
  settings: { path: 'settings', section: 'settings', needs: null },
  my_cases: { path: 'desk/my-cases', section: 'my_cases', needs: 'case_read' },
  my_work_orders: { path: 'desk/my-work-orders', section: 'my_work_orders', needs: 'case_read' },
  follow_ups: { path: 'desk/follow-ups', section: 'follow_ups', needs: 'follow_up_record' },
  kanban: { path: 'desk/kanban', section: 'kanban', needs: 'case_read' },
  cases: { path: 'cases', section: 'cases', needs: 'case_read' },
  case: { path: 'cases/:id', section: 'cases', needs: 'case_read' },
  case_work_order: { path: 'cases/:caseId/work-orders/:id', section: 'cases', needs: 'case_read' },
  knowledge: { path: 'desk/knowledge', section: 'knowledge', needs: 'case_read' },
  dashboard: { path: 'desk/dashboard', section: 'dashboard', needs: 'desk_dashboard' },
  suppliers: { path: 'desk/suppliers', section: 'suppliers', needs: 'supplier_read' },
  desk_settings: { path: 'desk/settings', section: 'desk_settings', needs: 'desk_settings' },
  catalog: { path: 'menus/catalog', section: 'catalog', needs: 'catalog_read' },
  packages: { path: 'menus/packages', section: 'packages', needs: 'package_read' },
  package: { path: 'menus/packages/:id', section: 'packages', needs: 'package_read' },
  statements: { path: 'menus/statements', section: 'statements', needs: 'statement_read' },
  convenience: { path: 'convenience/mail', section: 'convenience', needs: 'convenience_read' },
  convenience_storage: { path: 'convenience/storage', section: 'convenience', needs: 'convenience_read' },
  convenience_lending: { path: 'convenience/lending', section: 'convenience', needs: 'convenience_read' },
  listings: { path: 'leasing/listings', section: 'listings', needs: 'leasing_read' },
  listing: { path: 'leasing/listings/:id', section: 'listings', needs: 'leasing_read' },
  prospects: { path: 'leasing/prospects', section: 'prospects', needs: 'leasing_read' },
  prospect: { path: 'leasing/prospects/:id', section: 'prospects', needs: 'leasing_read' },
  agencies: { path: 'leasing/agencies', section: 'agencies', needs: 'leasing_read' },
  agency: { path: 'leasing/agencies/:id', section: 'agencies', needs: 'leasing_read' },
  referrals: { path: 'leasing/referrals', section: 'referrals', needs: 'leasing_read' },
  viewings: { path: 'leasing/viewings', section: 'viewings', needs: 'leasing_read' },
  leasing_reminders: { path: 'leasing/reminders', section: 'leasing_reminders', needs: 'leasing_read' },
  notices: { path: 'notices', section: 'notices', needs: 'notice_read' },
  notice: { path: 'notices/:id', section: 'notices', needs: 'notice_read' },
} as const satisfies Record<string, { path: string; section: string; needs: Permission | null }>;

export const router = createRouter(ROUTES);

export type AppRoutes = typeof ROUTES;
export type AppRouteName = RouteName<AppRoutes>;
export type AppLocation = Location<AppRoutes>;
export type AppTo = To<AppRoutes>;
export type AppParams<K extends AppRouteName> = RouteParams<AppRoutes, K>;
/** The location of one route: `LocationOf<'customer'>` has `params.id`. */
export type LocationOf<K extends AppRouteName> = Extract<AppLocation, { name: K }>;

export const { href, navigate, useLocation, back, forward } = router;
export const parseLocation = router.parse;
export const formatLocation = router.format;

/** Whether a signed-in user with these permissions may open the route. */
export function routeAllowed(name: AppRouteName, can: (permission: Permission) => boolean): boolean {
  const needs: Permission | null = ROUTES[name].needs;
  return needs === null || can(needs);
}
