-- WhatsApp Web (Baileys): the session scan needs every whatsapp_baileys channel account
-- across tenants, to try to own each session. Ids and status only.
CREATE OR REPLACE FUNCTION list_baileys_channel_accounts()
  RETURNS TABLE (channel_account_id uuid, tenant_id uuid, status text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT c.id, c.tenant_id, c.status FROM channel_accounts c WHERE c.kind = 'whatsapp_baileys' ORDER BY c.created_at LIMIT 10000 $$;
REVOKE ALL ON FUNCTION list_baileys_channel_accounts() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION list_baileys_channel_accounts() TO motogestor_app;
