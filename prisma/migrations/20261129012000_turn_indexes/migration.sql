-- Every conversation turn reads the customer's open order and its pending payment.
-- Without these, both scanned all of the shop's orders and payments.
CREATE INDEX "service_orders_tenant_id_customer_id_opened_at_idx" ON "service_orders"("tenant_id", "customer_id", "opened_at");
CREATE INDEX "payments_order_id_status_idx" ON "payments"("order_id", "status");
