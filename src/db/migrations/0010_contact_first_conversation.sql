ALTER TABLE "contacts" ADD COLUMN "first_conversation_at" timestamp with time zone;--> statement-breakpoint
-- Each contact's first conversation with the person after it (not its own front-door
-- conversation), for existing contacts and then kept as conversations are saved. Saved
-- conversations never change or go, so an insert is the only event that can move it.
UPDATE contacts c SET first_conversation_at = (
  SELECT min(v.occurred_at) FROM conversations v
  WHERE v.person_id = c.person_id AND v.occurred_at >= c.received_at AND v.id IS DISTINCT FROM c.conversation_id
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION note_first_conversation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE contacts SET first_conversation_at = NEW.occurred_at
  WHERE person_id = NEW.person_id AND received_at <= NEW.occurred_at
    AND conversation_id IS DISTINCT FROM NEW.id
    AND (first_conversation_at IS NULL OR first_conversation_at > NEW.occurred_at);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER conversations_note_first_conversation AFTER INSERT ON conversations
  FOR EACH ROW EXECUTE FUNCTION note_first_conversation();
