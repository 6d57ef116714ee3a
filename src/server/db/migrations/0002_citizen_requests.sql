CREATE TABLE "citizen_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"service_id" uuid NOT NULL,
	"status" text NOT NULL,
	"channel" text NOT NULL,
	"description" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"division_code" text,
	"citizen_name" text DEFAULT '' NOT NULL,
	"citizen_phone" text DEFAULT '' NOT NULL,
	"attributes" jsonb,
	"media_url" text,
	"keywords" text DEFAULT '' NOT NULL,
	"lead_unit_id" uuid,
	"reply" text,
	"duplicate_of_id" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"dispatched_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"replied_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"response_due_at" timestamp with time zone,
	"resolution_due_at" timestamp with time zone,
	"api_key_id" uuid,
	"idempotency_key" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispatch_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid,
	"division_code" text,
	"unit_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open311_api_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_alarms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"fire_at" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "request_areas" (
	"division_code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_callbacks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"resolved" boolean NOT NULL,
	"satisfaction" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_co_handlers" (
	"request_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_co_handlers_request_id_unit_id_pk" PRIMARY KEY("request_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "request_dispatches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"dispatched_at" timestamp with time zone NOT NULL,
	"response_due_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"outcome" text
);
--> statement-breakpoint
CREATE TABLE "request_extensions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"amount" real NOT NULL,
	"unit" text NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid
);
--> statement-breakpoint
CREATE TABLE "request_monthly_stats" (
	"month" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"dispatched" integer DEFAULT 0 NOT NULL,
	"responded_in_time" integer DEFAULT 0 NOT NULL,
	"callbacks" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	"basically_satisfied" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "request_monthly_stats_month_unit_id_pk" PRIMARY KEY("month","unit_id")
);
--> statement-breakpoint
CREATE TABLE "request_services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" uuid,
	"description" text DEFAULT '' NOT NULL,
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"pinyin_initials" text DEFAULT '' NOT NULL,
	"responsible_kind" text NOT NULL,
	"default_unit_id" uuid,
	"sla_class" text NOT NULL,
	"response_amount" real NOT NULL,
	"response_unit" text NOT NULL,
	"resolution_amount" real NOT NULL,
	"resolution_unit" text NOT NULL,
	"callback_required" boolean DEFAULT true NOT NULL,
	"attributes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"response_weight" double precision NOT NULL,
	"resolution_weight" double precision NOT NULL,
	"satisfaction_weight" double precision NOT NULL,
	"basically_satisfied_credit" double precision NOT NULL,
	"duplicate_radius_m" double precision NOT NULL,
	"duplicate_window_hours" double precision NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"event" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"unit_id" uuid,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_warnings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"unit_id" uuid,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"raised_by" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "citizen_requests" ADD CONSTRAINT "citizen_requests_service_id_request_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."request_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_requests" ADD CONSTRAINT "citizen_requests_lead_unit_id_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_rules" ADD CONSTRAINT "dispatch_rules_service_id_request_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."request_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_rules" ADD CONSTRAINT "dispatch_rules_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_api_keys" ADD CONSTRAINT "open311_api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_alarms" ADD CONSTRAINT "request_alarms_request_id_citizen_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."citizen_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_callbacks" ADD CONSTRAINT "request_callbacks_request_id_citizen_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."citizen_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_callbacks" ADD CONSTRAINT "request_callbacks_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_co_handlers" ADD CONSTRAINT "request_co_handlers_request_id_citizen_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."citizen_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_co_handlers" ADD CONSTRAINT "request_co_handlers_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_dispatches" ADD CONSTRAINT "request_dispatches_request_id_citizen_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."citizen_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_dispatches" ADD CONSTRAINT "request_dispatches_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_extensions" ADD CONSTRAINT "request_extensions_request_id_citizen_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."citizen_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_extensions" ADD CONSTRAINT "request_extensions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_monthly_stats" ADD CONSTRAINT "request_monthly_stats_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_services" ADD CONSTRAINT "request_services_default_unit_id_units_id_fk" FOREIGN KEY ("default_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_steps" ADD CONSTRAINT "request_steps_request_id_citizen_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."citizen_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_warnings" ADD CONSTRAINT "request_warnings_request_id_citizen_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."citizen_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "citizen_requests_code_key" ON "citizen_requests" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "citizen_requests_idempotency_key" ON "citizen_requests" USING btree ("api_key_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "citizen_requests_received_idx" ON "citizen_requests" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "citizen_requests_service_received_idx" ON "citizen_requests" USING btree ("service_id","received_at");--> statement-breakpoint
CREATE INDEX "citizen_requests_lead_received_idx" ON "citizen_requests" USING btree ("lead_unit_id","received_at");--> statement-breakpoint
CREATE INDEX "citizen_requests_division_received_idx" ON "citizen_requests" USING btree ("division_code","received_at");--> statement-breakpoint
CREATE INDEX "citizen_requests_owed_idx" ON "citizen_requests" USING btree ("lead_unit_id","resolution_due_at") WHERE "citizen_requests"."replied_at" IS NULL AND "citizen_requests"."status" IN ('dispatched','accepted','in_progress','reopened');--> statement-breakpoint
CREATE UNIQUE INDEX "open311_api_keys_hash_key" ON "open311_api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "request_alarms_key" ON "request_alarms" USING btree ("request_id","kind","due_at");--> statement-breakpoint
CREATE INDEX "request_alarms_pending_idx" ON "request_alarms" USING btree ("fire_at") WHERE "request_alarms"."fired_at" IS NULL AND "request_alarms"."cancelled_at" IS NULL;--> statement-breakpoint
CREATE INDEX "request_callbacks_request_idx" ON "request_callbacks" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "request_callbacks_unit_idx" ON "request_callbacks" USING btree ("unit_id","at");--> statement-breakpoint
CREATE INDEX "request_co_handlers_unit_idx" ON "request_co_handlers" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "request_dispatches_request_idx" ON "request_dispatches" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "request_dispatches_unit_idx" ON "request_dispatches" USING btree ("unit_id","dispatched_at");--> statement-breakpoint
CREATE INDEX "request_extensions_request_idx" ON "request_extensions" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "request_services_code_key" ON "request_services" USING btree ("code");--> statement-breakpoint
CREATE INDEX "request_steps_request_idx" ON "request_steps" USING btree ("request_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "request_warnings_key" ON "request_warnings" USING btree ("request_id","kind","due_at");--> statement-breakpoint
CREATE INDEX "request_warnings_unit_idx" ON "request_warnings" USING btree ("unit_id","raised_at");