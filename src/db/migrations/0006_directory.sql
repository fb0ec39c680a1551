CREATE TYPE "public"."directory_import_outcome" AS ENUM('skipped', 'cleaned');--> statement-breakpoint
CREATE TYPE "public"."directory_import_source" AS ENUM('json', 'csv', 'feed');--> statement-breakpoint
CREATE TYPE "public"."directory_import_status" AS ENUM('queued', 'running', 'finished', 'failed');--> statement-breakpoint
CREATE TYPE "public"."directory_location_type" AS ENUM('physical', 'postal', 'virtual');--> statement-breakpoint
CREATE TYPE "public"."directory_service_status" AS ENUM('active', 'inactive', 'defunct', 'temporarily closed');--> statement-breakpoint
CREATE TYPE "public"."connection_outcome" AS ENUM('helped', 'did_not_help', 'did_not_happen');--> statement-breakpoint
CREATE TABLE "directory_accessibility" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"description" text,
	"details" text,
	"url" text
);
--> statement-breakpoint
CREATE TABLE "directory_addresses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_id" uuid NOT NULL,
	"attention" text,
	"address_1" text NOT NULL,
	"city" text NOT NULL,
	"region" text,
	"state_province" text DEFAULT '' NOT NULL,
	"postal_code" text NOT NULL,
	"country" text DEFAULT 'GB' NOT NULL,
	"address_type" "directory_location_type" DEFAULT 'physical' NOT NULL,
	"postcode_district" text GENERATED ALWAYS AS (upper(split_part(trim(postal_code), ' ', 1))) STORED
);
--> statement-breakpoint
CREATE TABLE "directory_attributes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"link_id" uuid NOT NULL,
	"link_type" text DEFAULT 'service' NOT NULL,
	"taxonomy_term_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid,
	"name" text,
	"title" text
);
--> statement-breakpoint
CREATE TABLE "directory_cost_options" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid,
	"valid_from" date,
	"valid_to" date,
	"option" text,
	"amount" numeric(12, 2),
	"amount_description" text
);
--> statement-breakpoint
CREATE TABLE "directory_fundings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid,
	"source" text
);
--> statement-breakpoint
CREATE TABLE "directory_import_files" (
	"import_id" uuid NOT NULL,
	"name" text NOT NULL,
	"content" text NOT NULL,
	CONSTRAINT "directory_import_files_import_id_name_pk" PRIMARY KEY("import_id","name")
);
--> statement-breakpoint
CREATE TABLE "directory_import_issues" (
	"import_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"entity" text NOT NULL,
	"record_id" text,
	"record_name" text,
	"outcome" "directory_import_outcome" NOT NULL,
	"message" text NOT NULL,
	CONSTRAINT "directory_import_issues_import_id_seq_pk" PRIMARY KEY("import_id","seq")
);
--> statement-breakpoint
CREATE TABLE "directory_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" "directory_import_source" NOT NULL,
	"source_name" text NOT NULL,
	"status" "directory_import_status" DEFAULT 'queued' NOT NULL,
	"total_records" integer,
	"processed_records" integer DEFAULT 0 NOT NULL,
	"created_records" integer DEFAULT 0 NOT NULL,
	"updated_records" integer DEFAULT 0 NOT NULL,
	"skipped_records" integer DEFAULT 0 NOT NULL,
	"cleaned_records" integer DEFAULT 0 NOT NULL,
	"failure" text,
	"requested_by_id" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "directory_languages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid,
	"phone_id" uuid,
	"name" text,
	"code" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "directory_locations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"location_type" "directory_location_type" DEFAULT 'physical' NOT NULL,
	"name" text,
	"description" text,
	"latitude" double precision,
	"longitude" double precision,
	"external_identifier" text,
	"external_identifier_type" text
);
--> statement-breakpoint
CREATE TABLE "directory_organisation_identifiers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"identifier_scheme" text,
	"identifier_type" text NOT NULL,
	"identifier" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_organisations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"email" text,
	"website" text,
	"logo" text,
	"uri" text,
	"parent_organization_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_phones" (
	"id" uuid PRIMARY KEY NOT NULL,
	"contact_id" uuid,
	"number" text NOT NULL,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "directory_schedules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid,
	"service_at_location_id" uuid,
	"valid_from" date,
	"valid_to" date,
	"dtstart" date,
	"freq" text,
	"interval" integer,
	"byday" text,
	"bymonthday" text,
	"description" text,
	"opens_at" time,
	"closes_at" time,
	"schedule_link" text,
	"attending_type" text,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "directory_service_areas" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid,
	"name" text,
	"extent" text,
	"extent_type" text,
	"uri" text,
	"service_area" text
);
--> statement-breakpoint
CREATE TABLE "directory_service_at_locations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid NOT NULL,
	"location_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid,
	"name" text NOT NULL,
	"description" text,
	"url" text,
	"email" text,
	"status" "directory_service_status" DEFAULT 'active' NOT NULL,
	"fees" text,
	"accreditations" text,
	"minimum_age" integer,
	"maximum_age" integer,
	"assured_date" date,
	"assurer_email" text,
	"alert" text,
	"last_modified" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_at" timestamp with time zone,
	"checked_by_id" uuid,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by_id" uuid,
	"withdrawn_reason" text,
	"origin" text DEFAULT 'hearth' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"search_text" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce(name, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'B')) STORED
);
--> statement-breakpoint
CREATE TABLE "directory_taxonomies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"uri" text,
	"version" text
);
--> statement-breakpoint
CREATE TABLE "directory_taxonomy_terms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"parent_id" uuid,
	"taxonomy" text,
	"taxonomy_id" uuid,
	"term_uri" text,
	"term" text
);
--> statement-breakpoint
CREATE TABLE "directory_vacancies" (
	"service_id" uuid PRIMARY KEY NOT NULL,
	"places_free" integer NOT NULL,
	"top_up_weekly" numeric(10, 2),
	"notes" text,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "postcode_points" (
	"postcode" text PRIMARY KEY NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"conversation_id" uuid,
	"contact_id" uuid,
	"reason" text NOT NULL,
	"person_will" text,
	"worker_will" text,
	"provider_will" text,
	"follow_up_on" date NOT NULL,
	"made_by_id" uuid NOT NULL,
	"made_at" timestamp with time zone NOT NULL,
	"outcome" "connection_outcome",
	"outcome_note" text,
	"followed_up_by_id" uuid,
	"followed_up_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "directory_accessibility" ADD CONSTRAINT "directory_accessibility_location_id_directory_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."directory_locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_addresses" ADD CONSTRAINT "directory_addresses_location_id_directory_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."directory_locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_attributes" ADD CONSTRAINT "directory_attributes_taxonomy_term_id_directory_taxonomy_terms_id_fk" FOREIGN KEY ("taxonomy_term_id") REFERENCES "public"."directory_taxonomy_terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_contacts" ADD CONSTRAINT "directory_contacts_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_cost_options" ADD CONSTRAINT "directory_cost_options_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_fundings" ADD CONSTRAINT "directory_fundings_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_import_files" ADD CONSTRAINT "directory_import_files_import_id_directory_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."directory_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_import_issues" ADD CONSTRAINT "directory_import_issues_import_id_directory_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."directory_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_imports" ADD CONSTRAINT "directory_imports_requested_by_id_workers_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_languages" ADD CONSTRAINT "directory_languages_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_languages" ADD CONSTRAINT "directory_languages_phone_id_directory_phones_id_fk" FOREIGN KEY ("phone_id") REFERENCES "public"."directory_phones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_organisation_identifiers" ADD CONSTRAINT "directory_organisation_identifiers_organization_id_directory_organisations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."directory_organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_phones" ADD CONSTRAINT "directory_phones_contact_id_directory_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."directory_contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_schedules" ADD CONSTRAINT "directory_schedules_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_schedules" ADD CONSTRAINT "directory_schedules_service_at_location_id_directory_service_at_locations_id_fk" FOREIGN KEY ("service_at_location_id") REFERENCES "public"."directory_service_at_locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_service_areas" ADD CONSTRAINT "directory_service_areas_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_service_at_locations" ADD CONSTRAINT "directory_service_at_locations_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_service_at_locations" ADD CONSTRAINT "directory_service_at_locations_location_id_directory_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."directory_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_services" ADD CONSTRAINT "directory_services_organization_id_directory_organisations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."directory_organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_services" ADD CONSTRAINT "directory_services_checked_by_id_workers_id_fk" FOREIGN KEY ("checked_by_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_services" ADD CONSTRAINT "directory_services_withdrawn_by_id_workers_id_fk" FOREIGN KEY ("withdrawn_by_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_taxonomy_terms" ADD CONSTRAINT "directory_taxonomy_terms_taxonomy_id_directory_taxonomies_id_fk" FOREIGN KEY ("taxonomy_id") REFERENCES "public"."directory_taxonomies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_vacancies" ADD CONSTRAINT "directory_vacancies_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_vacancies" ADD CONSTRAINT "directory_vacancies_updated_by_id_workers_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_service_id_directory_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."directory_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_made_by_id_workers_id_fk" FOREIGN KEY ("made_by_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_followed_up_by_id_workers_id_fk" FOREIGN KEY ("followed_up_by_id") REFERENCES "public"."workers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directory_accessibility_location" ON "directory_accessibility" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "directory_addresses_location" ON "directory_addresses" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "directory_addresses_district" ON "directory_addresses" USING btree ("postcode_district");--> statement-breakpoint
CREATE INDEX "directory_attributes_link" ON "directory_attributes" USING btree ("link_id");--> statement-breakpoint
CREATE INDEX "directory_attributes_term" ON "directory_attributes" USING btree ("taxonomy_term_id","link_id");--> statement-breakpoint
CREATE INDEX "directory_contacts_service" ON "directory_contacts" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "directory_cost_options_service" ON "directory_cost_options" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "directory_fundings_service" ON "directory_fundings" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "directory_imports_queue" ON "directory_imports" USING btree ("status","requested_at");--> statement-breakpoint
CREATE INDEX "directory_languages_service" ON "directory_languages" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "directory_locations_position" ON "directory_locations" USING btree ("latitude","longitude");--> statement-breakpoint
CREATE INDEX "directory_organisation_identifiers_organisation" ON "directory_organisation_identifiers" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "directory_phones_contact" ON "directory_phones" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "directory_schedules_service" ON "directory_schedules" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "directory_schedules_service_at_location" ON "directory_schedules" USING btree ("service_at_location_id");--> statement-breakpoint
CREATE INDEX "directory_service_areas_service" ON "directory_service_areas" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "directory_service_at_locations_service" ON "directory_service_at_locations" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "directory_service_at_locations_location" ON "directory_service_at_locations" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "directory_services_search" ON "directory_services" USING gin ("search_text");--> statement-breakpoint
CREATE INDEX "directory_services_name" ON "directory_services" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "directory_services_organisation" ON "directory_services" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "directory_services_listed" ON "directory_services" USING btree ("name","id") WHERE withdrawn_at IS NULL;--> statement-breakpoint
CREATE INDEX "directory_services_checked" ON "directory_services" USING btree ("checked_at") WHERE withdrawn_at IS NULL;--> statement-breakpoint
CREATE INDEX "directory_taxonomy_terms_taxonomy" ON "directory_taxonomy_terms" USING btree ("taxonomy_id","name");--> statement-breakpoint
CREATE INDEX "directory_taxonomy_terms_name" ON "directory_taxonomy_terms" USING btree ("name");--> statement-breakpoint
CREATE INDEX "connections_person" ON "connections" USING btree ("person_id","made_at");--> statement-breakpoint
CREATE INDEX "connections_service" ON "connections" USING btree ("service_id","outcome");--> statement-breakpoint
CREATE INDEX "connections_conversation" ON "connections" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "connections_contact" ON "connections" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "connections_due" ON "connections" USING btree ("made_by_id","follow_up_on") WHERE outcome IS NULL;