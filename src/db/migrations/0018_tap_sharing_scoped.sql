CREATE TABLE "tap_summaries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tap_id" uuid NOT NULL,
	"text" text NOT NULL,
	"consent_id" uuid NOT NULL,
	"written_by" uuid NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shared_conversations" ADD COLUMN "consent_id" uuid;--> statement-breakpoint
ALTER TABLE "tap_summaries" ADD CONSTRAINT "tap_summaries_tap_id_taps_id_fk" FOREIGN KEY ("tap_id") REFERENCES "public"."taps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tap_summaries" ADD CONSTRAINT "tap_summaries_consent_id_tap_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."tap_consents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tap_summaries" ADD CONSTRAINT "tap_summaries_written_by_workers_id_fk" FOREIGN KEY ("written_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tap_summaries_tap_idx" ON "tap_summaries" USING btree ("tap_id","written_at");--> statement-breakpoint
ALTER TABLE "shared_conversations" ADD CONSTRAINT "shared_conversations_consent_id_tap_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."tap_consents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- What partners were told is kept: a summary is never changed, only followed by a newer one.
CREATE TRIGGER tap_summaries_never_change BEFORE UPDATE OR DELETE ON tap_summaries
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_record();
