import { createContext, useCallback, useContext, useEffect, useState, type AnchorHTMLAttributes, type ReactNode } from 'react';

/** A tiny history-API router: paths under /admin/, SPA fallback on the server. */
export const BASE = '/admin';

const RouterContext = createContext<{ path: string; search: URLSearchParams; navigate: (to: string, replace?: boolean) => void }>({
  path: '/',
  search: new URLSearchParams(),
  navigate: () => {},
});

const currentPath = () => {
  const p = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : window.location.pathname;
  return p === '' ? '/' : p;
};

export const navigateTo = (to: string, replace = false) => {
  const url = `${BASE}${to}`;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
};

export const RouterProvider = ({ children }: { children: ReactNode }) => {
  const [loc, setLoc] = useState(() => ({ path: currentPath(), search: window.location.search }));
  useEffect(() => {
    const on = () => setLoc({ path: currentPath(), search: window.location.search });
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  const navigate = useCallback((to: string, replace = false) => navigateTo(to, replace), []);
  return (
    <RouterContext.Provider value={{ path: loc.path, search: new URLSearchParams(loc.search), navigate }}>{children}</RouterContext.Provider>
  );
};

export const useRouter = () => useContext(RouterContext);

/** Matches "/orders/:id" against a path; returns params or null. */
export const match = (pattern: string, path: string): Record<string, string> | null => {
  const a = pattern.split('/').filter(Boolean);
  const b = path.split('/').filter(Boolean);
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    const seg = a[i]!;
    const val = b[i]!;
    if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(val);
    else if (seg !== val) return null;
  }
  return params;
};

export const Link = ({ to, children, ...rest }: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) => {
  const { navigate } = useRouter();
  return (
    <a
      href={`${BASE}${to}`}
      {...rest}
      onClick={(e) => {
        rest.onClick?.(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
};
