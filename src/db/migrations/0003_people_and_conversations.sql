CREATE TYPE "public"."communication_need" AS ENUM('large_print', 'easy_read', 'bsl_interpreter', 'deafblind_interpreter', 'braille', 'audio', 'hearing_loop', 'lip_reading', 'help_reading_letters', 'plain_language', 'email_preferred', 'phone_preferred', 'text_message_preferred', 'letter_preferred', 'no_phone_calls');--> statement-breakpoint
CREATE TYPE "public"."conversation_kind" AS ENUM('listen_and_connect', 'crisis', 'build_a_good_life', 'taking_stock', 'carers_conversation');--> statement-breakpoint
CREATE TABLE "about_me" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"what_matters" text DEFAULT '' NOT NULL,
	"strengths" text DEFAULT '' NOT NULL,
	"enjoys" text DEFAULT '' NOT NULL,
	"hopes" text DEFAULT '' NOT NULL,
	"in_their_words" boolean DEFAULT true NOT NULL,
	"written_by" uuid NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hand_offs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"from_worker_id" uuid,
	"to_worker_id" uuid NOT NULL,
	"from_team_id" uuid,
	"to_team_id" uuid,
	"reason" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"linked_person_id" uuid,
	"name" text NOT NULL,
	"relationship" text NOT NULL,
	"roles" text[] DEFAULT '{}' NOT NULL,
	"phone" text,
	"email" text,
	"notes" text,
	"added_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"worker_id" uuid NOT NULL,
	"message" text NOT NULL,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"preferred_name" text,
	"pronouns" text,
	"date_of_birth" date,
	"nhs_number" text,
	"address" text,
	"postcode" text,
	"phone" text,
	"email" text,
	"first_language" text,
	"interpreter_needed" boolean DEFAULT false NOT NULL,
	"date_of_death" date,
	"communication_needs" "communication_need"[] DEFAULT '{}' NOT NULL,
	"communication_notes" text,
	"named_worker_id" uuid,
	"team_id" uuid,
	"restricted" boolean DEFAULT false NOT NULL,
	"restricted_reason" text,
	"created_by" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"given_key" text GENERATED ALWAYS AS (dmetaphone(given_name)) STORED,
	"family_key" text GENERATED ALWAYS AS (dmetaphone(family_name)) STORED,
	"preferred_key" text GENERATED ALWAYS AS (dmetaphone(coalesce(preferred_name, ''))) STORED,
	"search_name" text GENERATED ALWAYS AS (lower(given_name || ' ' || family_name || coalesce(' ' || preferred_name, ''))) STORED,
	CONSTRAINT "people_nhs_number_format" CHECK ("people"."nhs_number" ~ '^[0-9]{10}$')
);
--> statement-breakpoint
CREATE TABLE "person_access" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"worker_id" uuid,
	"team_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_access_one_of" CHECK (("person_access"."worker_id" IS NULL) <> ("person_access"."team_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "record_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"summary" text NOT NULL,
	"details" jsonb,
	"changed_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "restricted_openings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversation_amendments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"correction" text NOT NULL,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" "conversation_kind" NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"place" text,
	"participants" text,
	"narrative" text NOT NULL,
	"what_matters" text,
	"agreed" text,
	"what_happens_next" text NOT NULL,
	"check_back_on" date,
	"author_id" uuid NOT NULL,
	"team_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"worker_id" uuid NOT NULL,
	"person_id" uuid,
	"kind" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jargon_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"term" text NOT NULL,
	"plainer" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "about_me" ADD CONSTRAINT "about_me_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "about_me" ADD CONSTRAINT "about_me_written_by_workers_id_fk" FOREIGN KEY ("written_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hand_offs" ADD CONSTRAINT "hand_offs_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hand_offs" ADD CONSTRAINT "hand_offs_from_worker_id_workers_id_fk" FOREIGN KEY ("from_worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hand_offs" ADD CONSTRAINT "hand_offs_to_worker_id_workers_id_fk" FOREIGN KEY ("to_worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hand_offs" ADD CONSTRAINT "hand_offs_from_team_id_teams_id_fk" FOREIGN KEY ("from_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hand_offs" ADD CONSTRAINT "hand_offs_to_team_id_teams_id_fk" FOREIGN KEY ("to_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hand_offs" ADD CONSTRAINT "hand_offs_recorded_by_workers_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_linked_person_id_people_id_fk" FOREIGN KEY ("linked_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_added_by_workers_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_removed_by_workers_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_named_worker_id_workers_id_fk" FOREIGN KEY ("named_worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_created_by_workers_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_access" ADD CONSTRAINT "person_access_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_access" ADD CONSTRAINT "person_access_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_access" ADD CONSTRAINT "person_access_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_changes" ADD CONSTRAINT "record_changes_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_changes" ADD CONSTRAINT "record_changes_changed_by_workers_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restricted_openings" ADD CONSTRAINT "restricted_openings_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restricted_openings" ADD CONSTRAINT "restricted_openings_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_amendments" ADD CONSTRAINT "conversation_amendments_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_amendments" ADD CONSTRAINT "conversation_amendments_author_id_workers_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_author_id_workers_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_worker_id_workers_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."workers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "about_me_person_version_key" ON "about_me" USING btree ("person_id","version");--> statement-breakpoint
CREATE INDEX "hand_offs_person_idx" ON "hand_offs" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "hand_offs_to_team_idx" ON "hand_offs" USING btree ("to_team_id","created_at");--> statement-breakpoint
CREATE INDEX "hand_offs_from_team_idx" ON "hand_offs" USING btree ("from_team_id","created_at");--> statement-breakpoint
CREATE INDEX "network_members_person_idx" ON "network_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "network_members_linked_idx" ON "network_members" USING btree ("linked_person_id");--> statement-breakpoint
CREATE INDEX "notifications_worker_idx" ON "notifications" USING btree ("worker_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "people_nhs_number_key" ON "people" USING btree ("nhs_number");--> statement-breakpoint
CREATE INDEX "people_given_key_idx" ON "people" USING btree ("given_key","family_key");--> statement-breakpoint
CREATE INDEX "people_family_key_idx" ON "people" USING btree ("family_key","given_key");--> statement-breakpoint
CREATE INDEX "people_preferred_key_idx" ON "people" USING btree ("preferred_key");--> statement-breakpoint
CREATE INDEX "people_search_name_trgm_idx" ON "people" USING gin ("search_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "people_date_of_birth_idx" ON "people" USING btree ("date_of_birth");--> statement-breakpoint
CREATE INDEX "people_postcode_idx" ON "people" USING btree ("postcode");--> statement-breakpoint
CREATE INDEX "people_postcode_district_idx" ON "people" USING btree (split_part("postcode", ' ', 1));--> statement-breakpoint
CREATE INDEX "people_named_worker_idx" ON "people" USING btree ("named_worker_id");--> statement-breakpoint
CREATE INDEX "people_team_idx" ON "people" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "person_access_person_idx" ON "person_access" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "record_changes_person_idx" ON "record_changes" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "restricted_openings_lookup_idx" ON "restricted_openings" USING btree ("person_id","worker_id","expires_at");--> statement-breakpoint
CREATE INDEX "conversation_amendments_conversation_idx" ON "conversation_amendments" USING btree ("conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "conversations_person_idx" ON "conversations" USING btree ("person_id","occurred_at");--> statement-breakpoint
CREATE INDEX "conversations_person_kind_idx" ON "conversations" USING btree ("person_id","kind","occurred_at");--> statement-breakpoint
CREATE INDEX "conversations_author_idx" ON "conversations" USING btree ("author_id","created_at");--> statement-breakpoint
CREATE INDEX "conversations_check_back_idx" ON "conversations" USING btree ("author_id","check_back_on") WHERE "conversations"."check_back_on" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "drafts_worker_idx" ON "drafts" USING btree ("worker_id","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "drafts_worker_person_kind_key" ON "drafts" USING btree ("worker_id","kind","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "jargon_terms_term_key" ON "jargon_terms" USING btree (lower("term"));