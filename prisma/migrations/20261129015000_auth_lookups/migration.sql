-- The admin API's two hot paths as single cross-tenant reads, in the style of
-- resolve_login: SECURITY DEFINER, a fixed search_path, EXECUTE only for the app role.
-- Neither needs a transaction or a tenant context, so each is one plain pool query.

-- Per request (authenticate): the state of one signed-in session. It answers only for
-- that user IN that tenant (both come from the signed access token), and reports a jti
-- as revoked only when the revocation belongs to the same tenant, exactly what the
-- previous RLS-scoped query saw. Another tenant's user id or jti gives no row / false.
CREATE OR REPLACE FUNCTION auth_session_state(p_user_id uuid, p_tenant_id uuid, p_jti text)
  RETURNS TABLE (role text, active boolean, blocked boolean, tenant_status text, plan text, revoked boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT u.role, u.active, (u.blocked_at IS NOT NULL), t.status, t.plan,
           EXISTS (SELECT 1 FROM revoked_tokens r WHERE r.jti = p_jti AND r.tenant_id = p_tenant_id)
      FROM users u JOIN tenants t ON t.id = u.tenant_id
     WHERE u.id = p_user_id AND u.tenant_id = p_tenant_id
  $$;

-- Login: the account an e-mail names, with what signing in needs (the stored hash to
-- verify, the role and blocks to check, the tenant's name, slug, plan and status for the
-- session). Same key and same reach as resolve_login followed by a tenant read.
CREATE OR REPLACE FUNCTION auth_login_candidate(p_email text)
  RETURNS TABLE (user_id uuid, tenant_id uuid, email text, name text, password_hash text, role text,
                 active boolean, blocked boolean, tenant_name text, tenant_slug text, tenant_plan text,
                 tenant_status text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT u.id, u.tenant_id, u.email, u.name, u.password_hash, u.role, u.active, (u.blocked_at IS NOT NULL),
           t.name, t.slug, t.plan, t.status
      FROM users u JOIN tenants t ON t.id = u.tenant_id
     WHERE u.email = lower(p_email)
  $$;

REVOKE ALL ON FUNCTION auth_session_state(uuid, uuid, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION auth_login_candidate(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_session_state(uuid, uuid, text) TO motogestor_app;
GRANT EXECUTE ON FUNCTION auth_login_candidate(text) TO motogestor_app;
