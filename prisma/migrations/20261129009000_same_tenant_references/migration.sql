-- References between tenant-owned rows must stay inside one tenant. Plain foreign keys
-- are checked by PostgreSQL as the table owner, ignoring row-level security, so a row of
-- tenant A could point at tenant B's customer (nothing was readable, but the row existed
-- and B deleting its customer would cascade into A). Composite keys on (tenant_id, id)
-- make the database refuse such a row outright.

ALTER TABLE "users" ADD CONSTRAINT "users_tenant_id_id_key" UNIQUE ("tenant_id", "id");
ALTER TABLE "customers" ADD CONSTRAINT "customers_tenant_id_id_key" UNIQUE ("tenant_id", "id");
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_tenant_id_id_key" UNIQUE ("tenant_id", "id");
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_tenant_id_id_key" UNIQUE ("tenant_id", "id");
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_tenant_id_id_key" UNIQUE ("tenant_id", "id");
ALTER TABLE "channel_accounts" ADD CONSTRAINT "channel_accounts_tenant_id_id_key" UNIQUE ("tenant_id", "id");
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_tenant_id_id_key" UNIQUE ("tenant_id", "id");

ALTER TABLE "telegram_links" ADD CONSTRAINT "telegram_links_same_tenant_user_fkey"
  FOREIGN KEY ("tenant_id", "user_id") REFERENCES "users" ("tenant_id", "id") ON DELETE CASCADE;
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_same_tenant_user_fkey"
  FOREIGN KEY ("tenant_id", "user_id") REFERENCES "users" ("tenant_id", "id") ON DELETE CASCADE;
ALTER TABLE "customer_identities" ADD CONSTRAINT "customer_identities_same_tenant_customer_fkey"
  FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "customers" ("tenant_id", "id") ON DELETE CASCADE;
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_same_tenant_customer_fkey"
  FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "customers" ("tenant_id", "id") ON DELETE CASCADE;
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_same_tenant_customer_fkey"
  FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "customers" ("tenant_id", "id") ON DELETE CASCADE;
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_same_tenant_customer_fkey"
  FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "customers" ("tenant_id", "id") ON DELETE CASCADE;
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_same_tenant_vehicle_fkey"
  FOREIGN KEY ("tenant_id", "vehicle_id") REFERENCES "vehicles" ("tenant_id", "id") ON DELETE SET NULL ("vehicle_id");
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_same_tenant_order_fkey"
  FOREIGN KEY ("tenant_id", "order_id") REFERENCES "service_orders" ("tenant_id", "id") ON DELETE CASCADE;
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_same_tenant_order_fkey"
  FOREIGN KEY ("tenant_id", "order_id") REFERENCES "service_orders" ("tenant_id", "id") ON DELETE CASCADE;
ALTER TABLE "payments" ADD CONSTRAINT "payments_same_tenant_order_fkey"
  FOREIGN KEY ("tenant_id", "order_id") REFERENCES "service_orders" ("tenant_id", "id") ON DELETE CASCADE;
ALTER TABLE "quote_lines" ADD CONSTRAINT "quote_lines_same_tenant_quote_fkey"
  FOREIGN KEY ("tenant_id", "quote_id") REFERENCES "quotes" ("tenant_id", "id") ON DELETE CASCADE;
ALTER TABLE "quote_approvals" ADD CONSTRAINT "quote_approvals_same_tenant_quote_fkey"
  FOREIGN KEY ("tenant_id", "quote_id") REFERENCES "quotes" ("tenant_id", "id") ON DELETE CASCADE;
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_same_tenant_customer_fkey"
  FOREIGN KEY ("tenant_id", "customer_id") REFERENCES "customers" ("tenant_id", "id") ON DELETE CASCADE;
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_same_tenant_channel_fkey"
  FOREIGN KEY ("tenant_id", "channel_account_id") REFERENCES "channel_accounts" ("tenant_id", "id") ON DELETE CASCADE;
ALTER TABLE "messages" ADD CONSTRAINT "messages_same_tenant_conversation_fkey"
  FOREIGN KEY ("tenant_id", "conversation_id") REFERENCES "conversations" ("tenant_id", "id") ON DELETE CASCADE;
ALTER TABLE "messages" ADD CONSTRAINT "messages_same_tenant_channel_fkey"
  FOREIGN KEY ("tenant_id", "channel_account_id") REFERENCES "channel_accounts" ("tenant_id", "id") ON DELETE CASCADE;
