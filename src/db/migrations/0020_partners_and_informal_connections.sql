CREATE TYPE "public"."concern_person_knows" AS ENUM('yes', 'no', 'not_able');--> statement-breakpoint
CREATE TABLE "concerns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"raised_by_id" uuid NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"raiser_reach" text NOT NULL,
	"about_name" text NOT NULL,
	"about_date_of_birth" date,
	"about_address" text,
	"about_reach" text,
	"concern" text NOT NULL,
	"urgency" "contact_urgency" DEFAULT 'none' NOT NULL,
	"person_knows" "concern_person_knows" NOT NULL,
	"contact_id" uuid,
	"submission_key" uuid
);
--> statement-breakpoint
ALTER TABLE "connections" ALTER COLUMN "service_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "informal_name" text;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "informal_detail" text;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "suggested_for_directory" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "suggestion_handled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_raised_by_id_workers_id_fk" FOREIGN KEY ("raised_by_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "concerns_submission_key_idx" ON "concerns" USING btree ("submission_key");--> statement-breakpoint
CREATE INDEX "concerns_waiting_idx" ON "concerns" USING btree ("raised_at") WHERE "concerns"."contact_id" IS NULL;--> statement-breakpoint
CREATE INDEX "concerns_raised_by_idx" ON "concerns" USING btree ("raised_by_id","raised_at");--> statement-breakpoint
CREATE UNIQUE INDEX "concerns_contact_idx" ON "concerns" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "connections_suggested" ON "connections" USING btree ("made_at") WHERE suggested_for_directory AND suggestion_handled_at IS NULL;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_resource_or_informal" CHECK (("connections"."service_id" IS NULL) = ("connections"."informal_name" IS NOT NULL));