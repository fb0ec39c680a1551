-- A contact's first conversation is also worked out when the contact is saved, or its person,
-- time or front-door conversation changes: so it is right whichever is saved first (contacts
-- loaded after their conversations, as the demo and bulk loads do, were left without it).
CREATE OR REPLACE FUNCTION contact_first_conversation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.first_conversation_at := (
    SELECT min(v.occurred_at) FROM conversations v
    WHERE v.person_id = NEW.person_id AND v.occurred_at >= NEW.received_at AND v.id IS DISTINCT FROM NEW.conversation_id
  );
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER contacts_first_conversation BEFORE INSERT OR UPDATE OF person_id, received_at, conversation_id ON contacts
  FOR EACH ROW EXECUTE FUNCTION contact_first_conversation();
--> statement-breakpoint
-- Contacts already saved, worked out again by the trigger above.
UPDATE contacts SET conversation_id = conversation_id;
