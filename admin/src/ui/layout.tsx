import { useEffect, useState, type ReactNode } from 'react';
import { useAuth, useTenant } from '../auth';
import { m } from '../messages';
import { Link, useRouter } from '../router';

export interface NavItem {
  readonly to: string;
  readonly label: string;
  readonly visible: boolean;
}

export const Layout = ({ nav, children }: { nav: NavItem[]; children: ReactNode }) => {
  const { path } = useRouter();
  const { logout } = useAuth();
  const { tenant, user, planLabel } = useTenant();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [path]);
  const isActive = (to: string) => (to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`));
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {m.nav.skip}
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-btn"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpen((o) => !o)}
        >
          <span aria-hidden="true">☰</span> <span className="sr-only">{m.nav.menu}</span>
        </button>
        <Link to="/" className="brand">
          {m.appName}
        </Link>
        <span className="tenant-name" title={tenant.name}>
          {tenant.name} · <span className="plan">{planLabel}</span>
        </span>
      </header>
      <nav id="main-nav" className={`sidenav ${open ? 'open' : ''}`} aria-label="Principal">
        <ul>
          {nav
            .filter((n) => n.visible)
            .map((n) => (
              <li key={n.to}>
                <Link to={n.to} aria-current={isActive(n.to) ? 'page' : undefined}>
                  {n.label}
                </Link>
              </li>
            ))}
        </ul>
        <div className="sidenav-foot">
          <span className="user">{user.name}</span>
          <button type="button" className="btn btn-ghost" onClick={() => void logout()}>
            {m.nav.logout}
          </button>
        </div>
      </nav>
      <main id="main" tabIndex={-1} className="content">
        {children}
      </main>
    </div>
  );
};
