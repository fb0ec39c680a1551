-- The audit trail is append-only and hash-chained.
-- audit_row_hash is the one definition of a row's hash: the insert trigger and
-- `npm run audit:verify` both use it.
CREATE SEQUENCE IF NOT EXISTS audit_events_id_seq AS bigint;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_row_hash(prev_hash text, e audit_events) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    prev_hash,
    e.id,
    (extract(epoch FROM e.occurred_at) * 1000000)::bigint,
    e.worker_id,
    e.action,
    e.entity,
    e.entity_id,
    e.person_id,
    e.request_id,
    e.reason,
    e.details
  )::text, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_hash text;
BEGIN
  -- One writer at a time extends the chain; the lock is held until commit, so the
  -- next writer sees this row as the last one. The id is taken under the lock so
  -- id order is chain order.
  PERFORM pg_advisory_xact_lock(727274);
  SELECT hash INTO last_hash FROM audit_events ORDER BY id DESC LIMIT 1;
  NEW.id := nextval('audit_events_id_seq');
  NEW.occurred_at := coalesce(NEW.occurred_at, now());
  NEW.prev_hash := coalesce(last_hash, 'genesis');
  NEW.hash := audit_row_hash(NEW.prev_hash, NEW);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % is not allowed', TG_OP;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
