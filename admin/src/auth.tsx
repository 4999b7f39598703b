import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Me, PlanFeatures } from '../../core/contracts';
import { PLANS } from '../../core/plans/plans';
import { api, request, setUnauthorizedHandler } from './api/client';
import { navigateTo } from './router';

type BooleanFeature = { [K in keyof PlanFeatures]: PlanFeatures[K] extends boolean ? K : never }[keyof PlanFeatures];

interface AuthState {
  readonly me: Me | null;
  readonly loading: boolean;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  reload(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

const hasSessionCookie = () => document.cookie.split(';').some((c) => c.trim().startsWith('mg_csrf='));

export const AuthProvider = ({ children }: { children: ReactNode }) => {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const reload = useCallback(async () => {
    // mg_csrf (readable, same lifetime as the refresh cookie) marks a session; without it, skip the 401 round trip.
    if (!hasSessionCookie()) {
      setMe(null);
      setLoading(false);
      return;
    }
    try {
      setMe(await request<Me>('/auth/me'));
    } catch {
      setMe(null);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setMe(null);
      navigateTo('/login', true);
    });
    void reload();
  }, [reload]);

  const login = useCallback(async (email: string, password: string) => {
    const res = await request<{ me?: Me }>('/auth/login', { method: 'POST', body: { email, password }, noRefresh: true });
    if (res?.me) setMe(res.me);
    else await reload();
  }, [reload]);

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      setMe(null);
      navigateTo('/login', true);
    }
  }, []);

  const value = useMemo(() => ({ me, loading, login, logout, reload }), [me, loading, login, logout, reload]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
};

export const useAuth = (): AuthState => {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
};

/** The signed-in user's tenant, role and plan; only used inside protected pages. */
export const useTenant = () => {
  const { me } = useAuth();
  if (!me) throw new Error('useTenant without a session');
  const has = (f: BooleanFeature) => me.features[f];
  return {
    user: me.user,
    tenant: me.tenant,
    role: me.user.role,
    isOwner: me.user.role === 'owner',
    plan: me.tenant.plan,
    planLabel: PLANS[me.tenant.plan]?.label ?? me.tenant.plan,
    features: me.features,
    has,
  };
};

/** Cheapest plan that has a feature: for "Disponível no plano …". */
export const planWith = (f: BooleanFeature): string => {
  const found = (Object.values(PLANS) as { label: string; features: PlanFeatures }[]).find((p) => p.features[f]);
  return found?.label ?? 'Premium';
};

export type { BooleanFeature };
