CREATE TABLE "assessment_round_versions" (
	"year" integer NOT NULL,
	"round" text NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	CONSTRAINT "assessment_round_versions_year_round_pk" PRIMARY KEY("year","round")
);
--> statement-breakpoint
ALTER TABLE "assessment_results" ADD COLUMN "data_version" integer;