-- Payment provider accounts per tenant (Mercado Pago, Asaas, Stripe). Credentials are
-- sealed by the application (SecretBox) before they reach this table. Webhooks resolve
-- the tenant from the URL's slug (resolve_tenant_slug), then read this row under RLS.

CREATE TABLE "payment_accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "tenant_id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "secrets_enc" TEXT NOT NULL,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "payment_accounts_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "payment_accounts_tenant_id_provider_key" ON "payment_accounts"("tenant_id", "provider");

ALTER TABLE "payment_accounts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "payment_accounts" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "payment_accounts"
  USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
  WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
GRANT SELECT, INSERT, UPDATE, DELETE ON "payment_accounts" TO motogestor_app;
