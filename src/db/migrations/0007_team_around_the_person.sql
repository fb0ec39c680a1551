CREATE TYPE "public"."sharing_basis" AS ENUM('consent', 'lawful_reason');--> statement-breakpoint
CREATE TYPE "public"."tap_action_status" AS ENUM('open', 'done', 'stopped');--> statement-breakpoint
CREATE TYPE "public"."tap_member_kind" AS ENUM('worker', 'practitioner', 'person', 'network');--> statement-breakpoint
CREATE TABLE "shared_conversations" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"shared_by" uuid NOT NULL,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tap_action_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"note" text NOT NULL,
	"status" "tap_action_status" NOT NULL,
	"worker_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tap_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tap_id" uuid NOT NULL,
	"meeting_id" uuid,
	"what" text NOT NULL,
	"owner_member_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"how_we_know" text NOT NULL,
	"status" "tap_action_status" DEFAULT 'open' NOT NULL,
	"completed_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tap_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tap_id" uuid NOT NULL,
	"basis" "sharing_basis" NOT NULL,
	"what_may_be_shared" text NOT NULL,
	"organisation_ids" uuid[] DEFAULT '{}' NOT NULL,
	"agreed_on" date NOT NULL,
	"how_agreed" text,
	"lawful_reason" text,
	"decided_by" text,
	"review_on" date NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"withdrawn_reason" text
);
--> statement-breakpoint
CREATE TABLE "tap_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tap_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"online" text,
	"invited_member_ids" uuid[] DEFAULT '{}' NOT NULL,
	"person_attends" text NOT NULL,
	"how_they_take_part" text,
	"family_attend" text,
	"arranged_by" uuid NOT NULL,
	"arranged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"persons_words" text,
	"agencies_brought" text,
	"decisions" text,
	"plan_review" text,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tap_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tap_id" uuid NOT NULL,
	"kind" "tap_member_kind" NOT NULL,
	"worker_id" uuid,
	"network_member_id" uuid,
	"name" text,
	"organisation" text,
	"role" text,
	"phone" text,
	"email" text,
	"part" text,
	"added_by" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "taps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "shared_conversations" ADD CONSTRAINT "shared_conversations_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_conversations" ADD CONSTRAINT "shared_conversations_shared_by_workers_id_fk" FOREIGN KEY ("shared_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tap_action_updates" ADD CONSTRAINT "tap_action_updates_action_id_tap_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."tap_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tap_action_updates" ADD CONSTRAINT "tap_action_updates_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tap_actions" ADD CONSTRAINT "tap_actions_tap_id_taps_id_fk" FOREIGN KEY ("tap_id") REFERENCES "public"."taps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tap_actions" ADD CONSTRAINT "tap_actions_meeting_id_tap_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."tap_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tap_actions" ADD CONSTRAINT "tap_actions_owner_member_id_tap_members_id_fk" FOREIGN KEY ("owner_member_id") REFERENCES "public"."tap_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tap_actions" ADD CONSTRAINT "tap_actions_created_by_workers_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tap_consents" ADD CONSTRAINT "tap_consents_tap_id_taps_id_fk" FOREIGN KEY ("tap_id") REFERENCES "public"."taps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tap_consents" ADD CONSTRAINT "tap_consents_recorded_by_workers_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tap_consents" ADD CONSTRAINT "tap_consents_withdrawn_by_workers_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tap_meetings" ADD CONSTRAINT "tap_meetings_tap_id_taps_id_fk" FOREIGN KEY ("tap_id") REFERENCES "public"."taps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tap_meetings" ADD CONSTRAINT "tap_meetings_arranged_by_workers_id_fk" FOREIGN KEY ("arranged_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tap_meetings" ADD CONSTRAINT "tap_meetings_recorded_by_workers_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tap_members" ADD CONSTRAINT "tap_members_tap_id_taps_id_fk" FOREIGN KEY ("tap_id") REFERENCES "public"."taps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tap_members" ADD CONSTRAINT "tap_members_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tap_members" ADD CONSTRAINT "tap_members_network_member_id_network_members_id_fk" FOREIGN KEY ("network_member_id") REFERENCES "public"."network_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tap_members" ADD CONSTRAINT "tap_members_added_by_workers_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tap_members" ADD CONSTRAINT "tap_members_removed_by_workers_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taps" ADD CONSTRAINT "taps_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "taps" ADD CONSTRAINT "taps_created_by_workers_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tap_action_updates_action_idx" ON "tap_action_updates" USING btree ("action_id","created_at");--> statement-breakpoint
CREATE INDEX "tap_actions_tap_idx" ON "tap_actions" USING btree ("tap_id","due_on");--> statement-breakpoint
CREATE INDEX "tap_actions_owner_idx" ON "tap_actions" USING btree ("owner_member_id","due_on") WHERE "tap_actions"."status" = 'open';--> statement-breakpoint
CREATE INDEX "tap_consents_tap_idx" ON "tap_consents" USING btree ("tap_id","recorded_at");--> statement-breakpoint
CREATE INDEX "tap_meetings_tap_idx" ON "tap_meetings" USING btree ("tap_id","starts_at");--> statement-breakpoint
CREATE INDEX "tap_members_tap_idx" ON "tap_members" USING btree ("tap_id");--> statement-breakpoint
CREATE INDEX "tap_members_worker_idx" ON "tap_members" USING btree ("worker_id") WHERE "tap_members"."removed_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "tap_members_worker_once_key" ON "tap_members" USING btree ("tap_id","worker_id") WHERE "tap_members"."removed_at" IS NULL AND "tap_members"."worker_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "taps_person_key" ON "taps" USING btree ("person_id");