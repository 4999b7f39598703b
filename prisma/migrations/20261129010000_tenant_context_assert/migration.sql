-- The raw-SQL fast path (TenantDb.withTenantSql) sends its pre-commit check and COMMIT in
-- one round trip. The check must therefore fail by raising: an error aborts the
-- transaction, so the COMMIT that follows in the same batch is never reached.
CREATE OR REPLACE FUNCTION assert_tenant_context(p_role text, p_tenant text)
  RETURNS void LANGUAGE plpgsql STABLE SET search_path = public
  AS $$
BEGIN
  IF current_user::text IS DISTINCT FROM p_role
     OR current_setting('app.tenant_id', true) IS DISTINCT FROM p_tenant THEN
    RAISE EXCEPTION 'tenant context changed inside the transaction' USING ERRCODE = 'MG001';
  END IF;
END $$;
REVOKE ALL ON FUNCTION assert_tenant_context(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION assert_tenant_context(text, text) TO motogestor_app;
