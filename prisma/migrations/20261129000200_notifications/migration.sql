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

-- Unfinished work across tenants, for the start-up recovery sweep: inbound messages not
-- yet handled, replies not yet sent, outbox effects not yet executed. Ids only.
CREATE OR REPLACE FUNCTION pending_work(p_older_than interval)
  RETURNS TABLE (kind text, tenant_id uuid, id uuid, conversation_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT 'turn', m.tenant_id, m.id, m.conversation_id FROM messages m
     WHERE m.direction = 'in' AND m.status = 'received' AND m.created_at < now() - p_older_than
    UNION ALL
    SELECT 'send', m.tenant_id, m.id, m.conversation_id FROM messages m
     WHERE m.direction = 'out' AND m.status IN ('queued', 'failed') AND m.created_at < now() - p_older_than
    UNION ALL
    SELECT 'effect', o.tenant_id, o.id, o.conversation_id FROM outbox_effects o
     WHERE o.status = 'pending' AND o.created_at < now() - p_older_than
    LIMIT 10000
  $$;
REVOKE ALL ON FUNCTION pending_work(interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pending_work(interval) TO motogestor_app;
