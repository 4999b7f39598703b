-- A reply can go out as several vendor messages (WhatsApp Cloud and Telegram send a Pix
-- "copia e cola" code alone, after the reply's text). parts_sent counts the parts already
-- delivered, written after each one, so a retried send job resumes after them instead of
-- sending the customer the first part again. A constant default: no table rewrite.
ALTER TABLE "messages" ADD COLUMN "parts_sent" INTEGER NOT NULL DEFAULT 0;
