-- Telegram channel: staff-side update dedupe, and the cross-tenant list of bots that
-- use long polling (zero-config mode, no public URL for a webhook).

CREATE TABLE "telegram_updates" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "channel_account_id" UUID NOT NULL,
    "update_id" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "telegram_updates_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "telegram_updates_channel_account_id_update_id_key" ON "telegram_updates"("channel_account_id", "update_id");
CREATE INDEX "telegram_updates_tenant_id_created_at_idx" ON "telegram_updates"("tenant_id", "created_at");

ALTER TABLE "telegram_updates" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "telegram_updates" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "telegram_updates"
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON "telegram_updates" TO motogestor_app;

-- Active Telegram bots whose settings ask for long polling. Ids only; secrets are read
-- per tenant through row-level security.
CREATE OR REPLACE FUNCTION telegram_polling_accounts()
  RETURNS TABLE (channel_account_id uuid, tenant_id uuid, external_id text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT c.id, c.tenant_id, c.external_id FROM channel_accounts c
     WHERE c.kind = 'telegram' AND c.status = 'active' AND c.settings->>'mode' = 'polling'
  $$;
REVOKE ALL ON FUNCTION telegram_polling_accounts() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION telegram_polling_accounts() TO motogestor_app;
