ALTER TABLE "audit_events" ADD COLUMN "strand" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_events_strand_idx" ON "audit_events" USING btree ("strand","id");--> statement-breakpoint
-- The chain in eight strands. Each transaction extends the strand its connection maps to,
-- holding that strand's lock until commit: so eight transactions (a conversation and its
-- audit row, say) can wait on their disk flush at once, where one chain let one at a time.
-- Within a strand, id order is chain order, as before; rows written before now are strand 0.
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_hash text;
  s smallint := pg_backend_pid() % 8;
BEGIN
  PERFORM pg_advisory_xact_lock(727274, s);
  SELECT hash INTO last_hash FROM audit_events WHERE strand = s ORDER BY id DESC LIMIT 1;
  NEW.id := nextval('audit_events_id_seq');
  NEW.strand := s;
  NEW.occurred_at := coalesce(NEW.occurred_at, now());
  NEW.prev_hash := coalesce(last_hash, 'genesis');
  NEW.hash := audit_row_hash(NEW.prev_hash, NEW);
  RETURN NEW;
END
$$;
