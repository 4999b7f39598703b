-- Tenant isolation with row-level security.
--
-- The application connects as `motogestor_app`: not a superuser, no BYPASSRLS, owns no
-- table. Every tenant query runs in a transaction that first does
--   SELECT set_config('app.tenant_id', '<uuid>', true);
-- After such a transaction commits, the setting reads '' (not NULL) on that connection,
-- hence NULLIF(..., ''): no tenant means no rows, never all rows.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'motogestor_app') THEN
    CREATE ROLE motogestor_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION app_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'tenant_counters', 'users', 'telegram_links', 'link_codes', 'channel_accounts',
    'customers', 'customer_identities', 'vehicles', 'service_orders', 'order_events',
    'quotes', 'quote_lines', 'quote_approvals', 'payments', 'payment_events',
    'catalogue_items', 'conversations', 'messages', 'outbox_effects', 'dead_letters',
    'audit_log', 'consent_records', 'refresh_tokens', 'revoked_tokens', 'baileys_auth_keys'
  ] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid) WITH CHECK (tenant_id = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid)',
      t);
  END LOOP;
END
$$;

-- The tenant row itself: a tenant sees and edits only its own row.
ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tenants" FORCE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS tenant_isolation ON "tenants";
CREATE POLICY tenant_isolation ON "tenants"
  USING (id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

GRANT USAGE ON SCHEMA public TO motogestor_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO motogestor_app;
REVOKE ALL ON TABLE "_prisma_migrations" FROM motogestor_app;
GRANT EXECUTE ON FUNCTION app_current_tenant() TO motogestor_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO motogestor_app;

-- Narrow, explicit cross-tenant lookups. Each runs as the migration owner
-- (SECURITY DEFINER) and returns only what is needed to establish a tenant context:
-- a message's channel account, a login's user, a public page's tenant slug.
CREATE OR REPLACE FUNCTION resolve_channel_account(p_kind text, p_external_id text)
  RETURNS TABLE (channel_account_id uuid, tenant_id uuid, status text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT c.id, c.tenant_id, c.status FROM channel_accounts c
    WHERE c.kind = p_kind AND c.external_id = p_external_id
  $$;

CREATE OR REPLACE FUNCTION resolve_tenant_slug(p_slug text)
  RETURNS TABLE (tenant_id uuid, status text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT t.id, t.status FROM tenants t WHERE t.slug = p_slug $$;

CREATE OR REPLACE FUNCTION resolve_login(p_email text)
  RETURNS TABLE (user_id uuid, tenant_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT u.id, u.tenant_id FROM users u WHERE u.email = lower(p_email) $$;

CREATE OR REPLACE FUNCTION resolve_link_code(p_code_hash text)
  RETURNS TABLE (link_code_id uuid, tenant_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT l.id, l.tenant_id FROM link_codes l WHERE l.code_hash = p_code_hash $$;

CREATE OR REPLACE FUNCTION resolve_refresh_token(p_token_hash text)
  RETURNS TABLE (refresh_token_id uuid, tenant_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT r.id, r.tenant_id FROM refresh_tokens r WHERE r.token_hash = p_token_hash $$;

CREATE OR REPLACE FUNCTION resolve_payment_ref(p_provider text, p_ref text)
  RETURNS TABLE (payment_id uuid, tenant_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT p.id, p.tenant_id FROM payments p WHERE p.provider = p_provider AND (p.provider_ref = p_ref OR p.txid = p_ref) $$;

REVOKE ALL ON FUNCTION resolve_channel_account(text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION resolve_tenant_slug(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION resolve_login(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION resolve_link_code(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION resolve_refresh_token(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION resolve_payment_ref(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION resolve_channel_account(text, text) TO motogestor_app;
GRANT EXECUTE ON FUNCTION resolve_tenant_slug(text) TO motogestor_app;
GRANT EXECUTE ON FUNCTION resolve_login(text) TO motogestor_app;
GRANT EXECUTE ON FUNCTION resolve_link_code(text) TO motogestor_app;
GRANT EXECUTE ON FUNCTION resolve_refresh_token(text) TO motogestor_app;
GRANT EXECUTE ON FUNCTION resolve_payment_ref(text, text) TO motogestor_app;
