import { lazy, type ReactNode } from 'react';
import { Navigate } from 'react-router-dom';
import type { Permission, Role } from '../../shared/permissions.js';
import { QueuePage } from '../features/queue/QueuePage.js';

// Loaded when first opened, to keep the JavaScript needed for the first screen small.
const AdminPage = lazy(() =>
  import('../features/admin/AdminPage.js').then((m) => ({ default: m.AdminPage })),
);
const CasePage = lazy(() => import('../features/cases/CasePage.js').then((m) => ({ default: m.CasePage })));
const IntakePage = lazy(() =>
  import('../features/cases/IntakePage.js').then((m) => ({ default: m.IntakePage })),
);
const EventsPage = lazy(() =>
  import('../features/events/EventsPage.js').then((m) => ({ default: m.EventsPage })),
);
const EventPage = lazy(() =>
  import('../features/events/EventPage.js').then((m) => ({ default: m.EventPage })),
);
const EvidencePage = lazy(() =>
  import('../features/evidence/EvidencePage.js').then((m) => ({ default: m.EvidencePage })),
);
const AlertsPage = lazy(() =>
  import('../features/alerts/AlertsPage.js').then((m) => ({ default: m.AlertsPage })),
);
const OnCallPage = lazy(() =>
  import('../features/alerts/OnCallPage.js').then((m) => ({ default: m.OnCallPage })),
);
const MessageLogPage = lazy(() =>
  import('../features/messages/MessageLogPage.js').then((m) => ({ default: m.MessageLogPage })),
);
const NotificationRulesPage = lazy(() =>
  import('../features/messages/NotificationRulesPage.js').then((m) => ({
    default: m.NotificationRulesPage,
  })),
);
const NetworkPage = lazy(() =>
  import('../features/network/NetworkPage.js').then((m) => ({ default: m.NetworkPage })),
);
const MyMissionsPage = lazy(() =>
  import('../features/network/MyMissionsPage.js').then((m) => ({ default: m.MyMissionsPage })),
);
const DocumentationPage = lazy(() =>
  import('../features/documentation/DocumentationPage.js').then((m) => ({ default: m.DocumentationPage })),
);
const FactFindingPage = lazy(() =>
  import('../features/documentation/FactFindingPage.js').then((m) => ({ default: m.FactFindingPage })),
);
const MissionPage = lazy(() =>
  import('../features/documentation/MissionPage.js').then((m) => ({ default: m.MissionPage })),
);
const FundsPage = lazy(() =>
  import('../features/funds/FundsPage.js').then((m) => ({ default: m.FundsPage })),
);
const FundApprovalsPage = lazy(() =>
  import('../features/funds/ApprovalsPage.js').then((m) => ({ default: m.ApprovalsPage })),
);
const StatementsPage = lazy(() =>
  import('../features/statements/StatementsPage.js').then((m) => ({ default: m.StatementsPage })),
);
const DashboardsPage = lazy(() =>
  import('../features/dashboards/DashboardsPage.js').then((m) => ({ default: m.DashboardsPage })),
);
const LessonsPage = lazy(() =>
  import('../features/learning/LessonsPage.js').then((m) => ({ default: m.LessonsPage })),
);
const PartnerPage = lazy(() =>
  import('../features/referrals/PartnerPage.js').then((m) => ({ default: m.PartnerPage })),
);
const ProvidersPage = lazy(() =>
  import('../features/referrals/DirectoryPage.js').then((m) => ({ default: m.DirectoryPage })),
);
const RulesPage = lazy(() =>
  import('../features/rules/RulesPage.js').then((m) => ({ default: m.RulesPage })),
);
const MyActionsPage = lazy(() =>
  import('../features/response/MyActionsPage.js').then((m) => ({ default: m.MyActionsPage })),
);
const SimulatorPage = lazy(() =>
  import('../features/simulator/SimulatorPage.js').then((m) => ({ default: m.SimulatorPage })),
);
const SubjectRequestsPage = lazy(() =>
  import('../features/dataprotection/SubjectRequestsPage.js').then((m) => ({
    default: m.SubjectRequestsPage,
  })),
);
const BreachesPage = lazy(() =>
  import('../features/dataprotection/BreachesPage.js').then((m) => ({ default: m.BreachesPage })),
);
const RetentionPage = lazy(() =>
  import('../features/dataprotection/RetentionPage.js').then((m) => ({ default: m.RetentionPage })),
);
const PhonePage = lazy(() =>
  import('../features/profile/PhonePage.js').then((m) => ({ default: m.PhonePage })),
);

/** The navigation's entries: the label is `nav.<key>`, the link's test id `nav-<key>`. */
export type NavKey =
  | 'events'
  | 'factFinding'
  | 'queue'
  | 'alerts'
  | 'oncall'
  | 'network'
  | 'myMissions'
  | 'messages'
  | 'simulator'
  | 'admin'
  | 'rules'
  | 'notifications'
  | 'funds'
  | 'fundApprovals'
  | 'referralProviders'
  | 'statements'
  | 'dashboards'
  | 'lessons'
  | 'referrals'
  | 'myActions'
  | 'dataRequests'
  | 'breaches'
  | 'retention'
  | 'myPhone';
/** Entries of one group sit together in the navigation. */
export type NavGroup = 'cases' | 'alerts' | 'network' | 'funds' | 'messages' | 'admin' | 'settings';

export interface AppRoute {
  /** Relative to the console's root ('cases/:id'). */
  path: string;
  element: ReactNode;
  /** Lazily loaded: shown with a loading line while its code arrives. */
  lazy?: boolean;
  /** Only users whose roles give this permission (the same check the API makes) see the page and its link. */
  permission?: Permission;
  /** Only users with this role see the page and its link. */
  role?: Role;
  /** In the navigation, under this label and group. */
  nav?: { key: NavKey; group: NavGroup };
}

/**
 * The signed-in console's pages: one table drives the <Routes>, the navigation and the access guards,
 * so a link is shown exactly when its page would open. The order is the navigation's.
 */
export const routeTable: readonly AppRoute[] = [
  { path: 'queue', element: <QueuePage />, nav: { key: 'queue', group: 'cases' } },
  { path: 'cases/new', element: <IntakePage />, lazy: true },
  { path: 'cases/:id', element: <CasePage />, lazy: true },
  { path: 'cases/:id/documentation', element: <DocumentationPage />, lazy: true, permission: 'cases:read' },
  {
    path: 'events',
    element: <EventsPage />,
    lazy: true,
    permission: 'cases:read',
    nav: { key: 'events', group: 'cases' },
  },
  { path: 'events/:id', element: <EventPage />, lazy: true, permission: 'cases:read' },
  {
    path: 'fact-finding',
    element: <FactFindingPage />,
    lazy: true,
    permission: 'research:write',
    nav: { key: 'factFinding', group: 'cases' },
  },
  { path: 'fact-finding/:id', element: <MissionPage />, lazy: true, permission: 'research:write' },
  { path: 'evidence/:evidenceId', element: <EvidencePage />, lazy: true, permission: 'cases:read' },
  {
    path: 'alerts',
    element: <AlertsPage />,
    lazy: true,
    permission: 'alerts:read',
    nav: { key: 'alerts', group: 'alerts' },
  },
  {
    path: 'oncall',
    element: <OnCallPage />,
    lazy: true,
    permission: 'alerts:read',
    nav: { key: 'oncall', group: 'alerts' },
  },
  { path: 'network', element: <NetworkPage />, lazy: true, nav: { key: 'network', group: 'network' } },
  {
    path: 'my-missions',
    element: <MyMissionsPage />,
    lazy: true,
    role: 'responder',
    permission: 'missions:check_in',
    nav: { key: 'myMissions', group: 'network' },
  },
  {
    path: 'my-actions',
    element: <MyActionsPage />,
    lazy: true,
    permission: 'cases:act',
    nav: { key: 'myActions', group: 'cases' },
  },
  {
    path: 'statements',
    element: <StatementsPage />,
    lazy: true,
    permission: 'statements:read',
    nav: { key: 'statements', group: 'cases' },
  },
  {
    path: 'funds/approvals',
    element: <FundApprovalsPage />,
    lazy: true,
    permission: 'funds:approve',
    nav: { key: 'fundApprovals', group: 'funds' },
  },
  {
    path: 'funds',
    element: <FundsPage />,
    lazy: true,
    permission: 'funds:ledger',
    nav: { key: 'funds', group: 'funds' },
  },
  {
    path: 'dashboards',
    element: <DashboardsPage />,
    lazy: true,
    permission: 'dashboards:read',
    nav: { key: 'dashboards', group: 'cases' },
  },
  {
    path: 'referral-providers',
    element: <ProvidersPage />,
    lazy: true,
    permission: 'referrals:manage',
    nav: { key: 'referralProviders', group: 'cases' },
  },
  {
    path: 'lessons',
    element: <LessonsPage />,
    lazy: true,
    permission: 'lessons:read',
    nav: { key: 'lessons', group: 'cases' },
  },
  {
    path: 'partner',
    element: <PartnerPage />,
    lazy: true,
    permission: 'referrals:partner',
    nav: { key: 'referrals', group: 'cases' },
  },
  {
    path: 'messages',
    element: <MessageLogPage />,
    lazy: true,
    permission: 'messages:read',
    nav: { key: 'messages', group: 'messages' },
  },
  {
    path: 'simulator',
    element: <SimulatorPage />,
    lazy: true,
    permission: 'simulator:use',
    nav: { key: 'simulator', group: 'messages' },
  },
  { path: 'admin', element: <AdminPage />, role: 'admin', nav: { key: 'admin', group: 'admin' } },
  {
    path: 'admin/rules',
    element: <RulesPage />,
    lazy: true,
    permission: 'settings:manage',
    nav: { key: 'rules', group: 'admin' },
  },
  {
    path: 'data-protection/requests',
    element: <SubjectRequestsPage />,
    lazy: true,
    permission: 'dataprotection:manage',
    nav: { key: 'dataRequests', group: 'admin' },
  },
  {
    path: 'data-protection/breaches',
    element: <BreachesPage />,
    lazy: true,
    permission: 'breaches:manage',
    nav: { key: 'breaches', group: 'admin' },
  },
  {
    path: 'data-protection/retention',
    element: <RetentionPage />,
    lazy: true,
    permission: 'dataprotection:manage',
    nav: { key: 'retention', group: 'admin' },
  },
  {
    path: 'notifications',
    element: <NotificationRulesPage />,
    lazy: true,
    nav: { key: 'notifications', group: 'settings' },
  },
  { path: 'my-phone', element: <PhonePage />, lazy: true, nav: { key: 'myPhone', group: 'settings' } },
];

/** Where the console's root goes. */
export const homeRoute = <Navigate to="/queue" replace />;
