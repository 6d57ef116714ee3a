CREATE TABLE "public_intake_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ip" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "request_services" ALTER COLUMN "response_amount" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "request_services" ALTER COLUMN "response_unit" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "request_services" ALTER COLUMN "resolution_amount" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "request_services" ALTER COLUMN "resolution_unit" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "open311_api_keys" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "open311_api_keys" ADD COLUMN "revoked_by" uuid;--> statement-breakpoint
ALTER TABLE "request_settings" ADD COLUMN "class_limits" jsonb;--> statement-breakpoint
CREATE INDEX "public_intake_attempts_ip_idx" ON "public_intake_attempts" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "public_intake_attempts_at_idx" ON "public_intake_attempts" USING btree ("at");--> statement-breakpoint
ALTER TABLE "open311_api_keys" ADD CONSTRAINT "open311_api_keys_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Until now a category created without limits got a copy of its class's defaults. Those copies
-- become "follow the class default" again, so that a changed default reaches them; limits that
-- differ from the old defaults were set on purpose and stay.
UPDATE "request_services" SET "response_amount" = NULL, "response_unit" = NULL
WHERE ("sla_class", "response_amount", "response_unit") IN (('emergency', 0.5, 'hours'), ('utilities', 2, 'hours'), ('general', 24, 'hours'), ('complex', 24, 'hours'));--> statement-breakpoint
UPDATE "request_services" SET "resolution_amount" = NULL, "resolution_unit" = NULL
WHERE ("sla_class", "resolution_amount", "resolution_unit") IN (('emergency', 2, 'hours'), ('utilities', 24, 'hours'), ('general', 7, 'days'), ('complex', 15, 'days'));
