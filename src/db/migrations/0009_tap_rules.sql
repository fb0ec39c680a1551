-- Progress on an action in the team's plan is never changed or deleted once saved: the
-- story of each action stays as the team told it.
CREATE TRIGGER tap_action_updates_never_change BEFORE UPDATE OR DELETE ON tap_action_updates
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_record();
--> statement-breakpoint
-- Sharing records are never deleted: withdrawal is a mark on the row, and the history stays.
CREATE OR REPLACE FUNCTION refuse_delete_of_record() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows cannot be deleted', TG_TABLE_NAME;
END
$$;
--> statement-breakpoint
CREATE TRIGGER tap_consents_never_deleted BEFORE DELETE ON tap_consents
  FOR EACH ROW EXECUTE FUNCTION refuse_delete_of_record();
