ALTER TYPE "public"."contact_outcome" ADD VALUE 'stayed';--> statement-breakpoint
ALTER TABLE "hand_offs" ALTER COLUMN "to_worker_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "what_happens_next" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "waiting_escalated_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "contacts_long_waiting_idx" ON "contacts" USING btree ("received_at") WHERE "contacts"."outcome" = 'passed' AND "contacts"."urgency" = 'none' AND "contacts"."taken_at" IS NULL AND "contacts"."waiting_escalated_at" IS NULL;