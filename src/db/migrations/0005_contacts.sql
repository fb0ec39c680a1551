CREATE TYPE "public"."contact_channel" AS ENUM('phone', 'email', 'drop_in', 'gp', 'hospital', 'family_or_friend', 'professional', 'self', 'out_of_hours');--> statement-breakpoint
CREATE TYPE "public"."contact_outcome" AS ENUM('resolved', 'passed');--> statement-breakpoint
CREATE TYPE "public"."contact_routing" AS ENUM('named_worker', 'postcode', 'manual', 'first_contact', 'out_of_hours');--> statement-breakpoint
CREATE TYPE "public"."contact_urgency" AS ENUM('none', 'crisis', 'abuse_or_neglect');--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"channel" "contact_channel" NOT NULL,
	"contact_name" text,
	"contact_relationship" text,
	"contact_reach" text,
	"reason" text NOT NULL,
	"what_matters_now" text,
	"urgency" "contact_urgency" DEFAULT 'none' NOT NULL,
	"person_was_known" boolean NOT NULL,
	"conversation_id" uuid,
	"outcome" "contact_outcome" NOT NULL,
	"resolution_kind" text,
	"resolution_detail" text,
	"check_back_on" date,
	"check_back_done_at" timestamp with time zone,
	"passed_to_team_id" uuid,
	"passed_to_worker_id" uuid,
	"routing" "contact_routing",
	"routing_reason" text,
	"taken_by_id" uuid,
	"taken_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"received_by_id" uuid NOT NULL,
	"received_team_id" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_passed_to_team_id_teams_id_fk" FOREIGN KEY ("passed_to_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_passed_to_worker_id_workers_id_fk" FOREIGN KEY ("passed_to_worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_taken_by_id_workers_id_fk" FOREIGN KEY ("taken_by_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_received_by_id_workers_id_fk" FOREIGN KEY ("received_by_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_received_team_id_teams_id_fk" FOREIGN KEY ("received_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contacts_person_idx" ON "contacts" USING btree ("person_id","received_at");--> statement-breakpoint
CREATE INDEX "contacts_team_waiting_idx" ON "contacts" USING btree ("passed_to_team_id","received_at") WHERE "contacts"."outcome" = 'passed' AND "contacts"."taken_at" IS NULL;--> statement-breakpoint
CREATE INDEX "contacts_team_idx" ON "contacts" USING btree ("passed_to_team_id","received_at");--> statement-breakpoint
CREATE INDEX "contacts_worker_waiting_idx" ON "contacts" USING btree ("passed_to_worker_id") WHERE "contacts"."taken_at" IS NULL;--> statement-breakpoint
CREATE INDEX "contacts_received_idx" ON "contacts" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "contacts_urgent_waiting_idx" ON "contacts" USING btree ("received_at") WHERE "contacts"."urgency" <> 'none' AND "contacts"."taken_at" IS NULL AND "contacts"."escalated_at" IS NULL;--> statement-breakpoint
CREATE INDEX "contacts_check_back_idx" ON "contacts" USING btree ("received_by_id","check_back_on") WHERE "contacts"."check_back_on" IS NOT NULL AND "contacts"."check_back_done_at" IS NULL;