CREATE TYPE "public"."job_status" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"every_ms" integer,
	"status" "job_status" DEFAULT 'queued' NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"claimed_by" text,
	"heartbeat_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"last_error" text,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_recurring_idx" ON "jobs" USING btree ("kind") WHERE "jobs"."every_ms" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("run_at","id") WHERE "jobs"."status" = 'queued';--> statement-breakpoint
CREATE INDEX "jobs_running_idx" ON "jobs" USING btree ("heartbeat_at") WHERE "jobs"."status" = 'running';--> statement-breakpoint
CREATE INDEX "jobs_recent_idx" ON "jobs" USING btree ("created_at") WHERE "jobs"."every_ms" IS NULL;--> statement-breakpoint
-- Imports waiting or under way when this runs become queued jobs, so the new runner carries them on.
INSERT INTO "jobs" ("kind", "payload", "run_at", "created_at")
SELECT 'directory-import', jsonb_build_object('importId', "id"), now(), now()
FROM "directory_imports" WHERE "status" IN ('queued', 'running')
ORDER BY "requested_at", "id";
