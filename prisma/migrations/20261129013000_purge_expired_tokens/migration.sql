-- Auth housekeeping. A revoked access token only needs its jti kept until the token
-- would have expired anyway; an expired refresh token is refused before any reuse check,
-- so its row serves nothing. Both tables grew without bound before this.
-- SECURITY DEFINER: the purge spans every tenant and names no tenant; it only deletes
-- rows that are past their own expiry, and returns counts, never rows.
CREATE INDEX "revoked_tokens_expires_at_idx" ON "revoked_tokens"("expires_at");
CREATE INDEX "refresh_tokens_expires_at_idx" ON "refresh_tokens"("expires_at");

CREATE OR REPLACE FUNCTION purge_expired_auth_tokens()
  RETURNS TABLE (revoked_deleted integer, refresh_deleted integer)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
  AS $$
DECLARE
  r integer;
  f integer;
BEGIN
  DELETE FROM revoked_tokens WHERE expires_at < now();
  GET DIAGNOSTICS r = ROW_COUNT;
  DELETE FROM refresh_tokens WHERE expires_at < now();
  GET DIAGNOSTICS f = ROW_COUNT;
  RETURN QUERY SELECT r, f;
END $$;
REVOKE ALL ON FUNCTION purge_expired_auth_tokens() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION purge_expired_auth_tokens() TO motogestor_app;
