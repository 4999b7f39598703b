-- Staff notifications (new orders, approvals, payments, handoff requests), shown in the
-- admin web and delivered to linked staff on Telegram; and the channel-account resolver
-- by id used by the message pipeline.

CREATE TABLE "notifications" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "order_id" UUID,
    "conversation_id" UUID,
    "idempotency_key" TEXT NOT NULL,
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "notifications_tenant_id_idempotency_key_key" ON "notifications"("tenant_id", "idempotency_key");
CREATE INDEX "notifications_tenant_id_created_at_idx" ON "notifications"("tenant_id", "created_at");

ALTER TABLE "notifications" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "notifications" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "notifications"
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON "notifications" TO motogestor_app;

CREATE OR REPLACE FUNCTION resolve_channel_account_id(p_id uuid)
  RETURNS TABLE (channel_account_id uuid, tenant_id uuid, kind text, status text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT c.id, c.tenant_id, c.kind, c.status FROM channel_accounts c WHERE c.id = p_id $$;
REVOKE ALL ON FUNCTION resolve_channel_account_id(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION resolve_channel_account_id(uuid) TO motogestor_app;
