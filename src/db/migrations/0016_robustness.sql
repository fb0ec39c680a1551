CREATE TABLE "sign_in_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account" text NOT NULL,
	"address" text NOT NULL,
	"failed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "submission_key" uuid;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "submission_key" uuid;--> statement-breakpoint
CREATE INDEX "sign_in_failures_account_idx" ON "sign_in_failures" USING btree ("account","failed_at");--> statement-breakpoint
CREATE INDEX "sign_in_failures_address_idx" ON "sign_in_failures" USING btree ("address","failed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_submission_key_idx" ON "conversations" USING btree ("submission_key");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_submission_key_idx" ON "contacts" USING btree ("submission_key");