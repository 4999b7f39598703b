import { useEffect, type ReactNode } from 'react';
import { planWith, useAuth, useTenant, type BooleanFeature } from './auth';
import { m } from './messages';
import { match, useRouter } from './router';
import { ErrorState, Skeleton } from './ui/components';
import { Layout, type NavItem } from './ui/layout';
import { LoginPage } from './pages/login';
import { DashboardPage } from './pages/dashboard';
import { OrdersPage } from './pages/orders';
import { OrderPage } from './pages/order';
import { CustomersPage, CustomerPage } from './pages/customers';
import { CataloguePage } from './pages/catalogue';
import { ChannelsPage } from './pages/channels';
import { StaffPage } from './pages/staff';
import { FailuresPage } from './pages/failures';
import { AuditPage } from './pages/audit';
import { SettingsPage } from './pages/settings';

interface RouteDef {
  readonly pattern: string;
  readonly render: (p: Record<string, string>) => ReactNode;
  readonly ownerOnly?: boolean;
  readonly feature?: BooleanFeature;
  readonly title: string;
}

const ROUTES: RouteDef[] = [
  { pattern: '/', render: () => <DashboardPage />, title: m.nav.dashboard },
  { pattern: '/ordens', render: () => <OrdersPage />, title: m.nav.orders },
  { pattern: '/ordens/:id', render: (p) => <OrderPage id={p.id!} />, title: m.nav.orders },
  { pattern: '/clientes', render: () => <CustomersPage />, title: m.nav.customers },
  { pattern: '/clientes/:id', render: (p) => <CustomerPage id={p.id!} />, title: m.nav.customers },
  { pattern: '/catalogo', render: () => <CataloguePage />, title: m.nav.catalogue },
  { pattern: '/canais', render: () => <ChannelsPage />, title: m.nav.channels, ownerOnly: true },
  { pattern: '/equipe', render: () => <StaffPage />, title: m.nav.staff, ownerOnly: true },
  { pattern: '/falhas', render: () => <FailuresPage />, title: m.nav.failures },
  { pattern: '/auditoria', render: () => <AuditPage />, title: m.nav.audit, ownerOnly: true, feature: 'auditLog' },
  { pattern: '/configuracoes', render: () => <SettingsPage />, title: m.nav.settings, ownerOnly: true },
];

const NAV: { to: string; label: string; route: string }[] = [
  { to: '/', label: m.nav.dashboard, route: '/' },
  { to: '/ordens', label: m.nav.orders, route: '/ordens' },
  { to: '/clientes', label: m.nav.customers, route: '/clientes' },
  { to: '/catalogo', label: m.nav.catalogue, route: '/catalogo' },
  { to: '/canais', label: m.nav.channels, route: '/canais' },
  { to: '/equipe', label: m.nav.staff, route: '/equipe' },
  { to: '/falhas', label: m.nav.failures, route: '/falhas' },
  { to: '/auditoria', label: m.nav.audit, route: '/auditoria' },
  { to: '/configuracoes', label: m.nav.settings, route: '/configuracoes' },
];

const Protected = () => {
  const { path } = useRouter();
  const { isOwner, has } = useTenant();
  const nav: NavItem[] = NAV.map((n) => {
    const r = ROUTES.find((x) => x.pattern === n.route);
    return { to: n.to, label: n.label, visible: !r?.ownerOnly || isOwner };
  });
  let body: ReactNode = <ErrorState message={m.notFound} />;
  let title: string = m.appName;
  for (const r of ROUTES) {
    const params = match(r.pattern, path);
    if (!params) continue;
    title = r.title;
    if (r.ownerOnly && !isOwner) body = <ErrorState message={m.common.forbidden} />;
    else if (r.feature && !has(r.feature)) body = <ErrorState message={m.common.notInPlan(planWith(r.feature))} />;
    else body = r.render(params);
    break;
  }
  useEffect(() => {
    document.title = `${title} · ${m.appName}`;
  }, [title]);
  return <Layout nav={nav}>{body}</Layout>;
};

export const App = () => {
  const { me, loading } = useAuth();
  const { path, navigate } = useRouter();
  const onLogin = path === '/login';
  useEffect(() => {
    if (loading) return;
    if (!me && !onLogin) navigate('/login', true);
    if (me && onLogin) navigate('/', true);
  }, [me, loading, onLogin, navigate]);
  if (loading) return <div className="boot"><Skeleton lines={4} /></div>;
  if (!me) return onLogin ? <LoginPage /> : null;
  if (onLogin) return null;
  return <Protected />;
};
