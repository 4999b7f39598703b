-- Step 2-3 of the message path in one statement: find or create the sender's customer
-- (under a transaction-scoped advisory lock per tenant+address, so two servers racing on
-- a new customer create exactly one), upsert the conversation and store the message.
-- SECURITY INVOKER: it runs inside the caller's tenant transaction, under row-level
-- security like any other statement. A redelivered message (same channel account and
-- channel message id) returns a NULL message_id; the caller rolls the transaction back.
CREATE OR REPLACE FUNCTION ingest_inbound(
  p_tenant uuid, p_account uuid, p_channel text,
  p_kind text, p_address text, p_phone text, p_phone_key text, p_name text,
  p_reply_to text, p_received_at timestamptz, p_created_at timestamptz,
  p_external_id text, p_text text, p_media jsonb, p_payload jsonb)
  RETURNS TABLE (message_id uuid, conversation_id uuid, customer_id uuid, customer_created boolean)
  LANGUAGE plpgsql VOLATILE SET search_path = public
  AS $$
#variable_conflict use_column
DECLARE
  v_customer uuid;
  v_created boolean := false;
  v_conversation uuid;
  v_message uuid;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(p_tenant::text || '|' || p_kind || '|' || p_address, 0));
  SELECT i.customer_id INTO v_customer FROM customer_identities i
   WHERE i.tenant_id = p_tenant AND i.kind = p_kind AND i.address = p_address;
  -- A WhatsApp @lid sender whose phone we know may already be a customer by phone.
  IF v_customer IS NULL AND p_kind <> 'phone' AND p_phone_key IS NOT NULL THEN
    SELECT i.customer_id INTO v_customer FROM customer_identities i
     WHERE i.tenant_id = p_tenant AND i.kind = 'phone' AND i.address = p_phone_key;
    IF v_customer IS NOT NULL THEN
      INSERT INTO customer_identities (tenant_id, customer_id, kind, address) VALUES (p_tenant, v_customer, p_kind, p_address);
    END IF;
  END IF;
  IF v_customer IS NULL THEN
    INSERT INTO customers (tenant_id, phone_e164, name) VALUES (p_tenant, p_phone, left(p_name, 120)) RETURNING id INTO v_customer;
    INSERT INTO customer_identities (tenant_id, customer_id, kind, address) VALUES (p_tenant, v_customer, p_kind, p_address);
    IF p_phone_key IS NOT NULL AND p_kind <> 'phone' THEN
      INSERT INTO customer_identities (tenant_id, customer_id, kind, address) VALUES (p_tenant, v_customer, 'phone', p_phone_key);
    END IF;
    v_created := true;
  END IF;

  INSERT INTO conversations AS c (tenant_id, customer_id, channel_account_id, channel, reply_to, last_inbound_at)
  VALUES (p_tenant, v_customer, p_account, p_channel, p_reply_to, p_received_at)
  ON CONFLICT (tenant_id, customer_id, channel_account_id)
  DO UPDATE SET reply_to = EXCLUDED.reply_to, last_inbound_at = EXCLUDED.last_inbound_at, updated_at = now()
  RETURNING c.id INTO v_conversation;

  INSERT INTO messages (tenant_id, conversation_id, channel_account_id, direction, channel_message_id, text, media, payload, status, created_at)
  VALUES (p_tenant, v_conversation, p_account, 'in', p_external_id, p_text, p_media, p_payload, 'received', p_created_at)
  ON CONFLICT (channel_account_id, channel_message_id) DO NOTHING
  RETURNING id INTO v_message;

  RETURN QUERY SELECT v_message, v_conversation, v_customer, v_created;
END $$;
REVOKE ALL ON FUNCTION ingest_inbound(uuid, uuid, text, text, text, text, text, text, text, timestamptz, timestamptz, text, text, jsonb, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ingest_inbound(uuid, uuid, text, text, text, text, text, text, text, timestamptz, timestamptz, text, text, jsonb, jsonb) TO motogestor_app;
