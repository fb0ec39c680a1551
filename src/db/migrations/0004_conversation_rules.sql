-- A saved conversation, an amendment, an "about me" version and a hand-off cannot be
-- changed or deleted: corrections are new rows with a reason, and the history stays.
CREATE OR REPLACE FUNCTION refuse_change_to_record() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows cannot be changed or deleted once saved (%)', TG_TABLE_NAME, TG_OP;
END
$$;
--> statement-breakpoint
CREATE TRIGGER conversations_never_change BEFORE UPDATE OR DELETE ON conversations
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_record();
--> statement-breakpoint
CREATE TRIGGER conversation_amendments_never_change BEFORE UPDATE OR DELETE ON conversation_amendments
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_record();
--> statement-breakpoint
CREATE TRIGGER about_me_never_change BEFORE UPDATE OR DELETE ON about_me
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_record();
--> statement-breakpoint
CREATE TRIGGER hand_offs_never_change BEFORE UPDATE OR DELETE ON hand_offs
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_record();
--> statement-breakpoint
-- The starting list of jargon Hearth points out; administrators change it under Plain language.
INSERT INTO jargon_terms (term, plainer) VALUES
  ('NFA', 'say what was decided and why, for example "no further support from us because ..."'),
  ('MDT', 'meeting of the people who support them (say who was there)'),
  ('LD', 'learning disability (say what it means for them)'),
  ('service user', 'the person''s name'),
  ('client', 'the person''s name'),
  ('case', 'the person, or their record'),
  ('package of care', 'the support they get (say what it is)'),
  ('POC', 'the support they get (say what it is)'),
  ('placement', 'where they live (for example, a care home)'),
  ('presenting', 'say what they told you or what you saw'),
  ('non-compliant', 'say what they chose not to do and why'),
  ('challenging behaviour', 'describe what happened'),
  ('DNA', 'did not come to the appointment'),
  ('DOLS', 'Deprivation of Liberty Safeguards (say what this means for them)'),
  ('CHC', 'NHS Continuing Healthcare'),
  ('OT', 'occupational therapist'),
  ('s.117', 'aftercare under section 117 of the Mental Health Act'),
  ('ASC', 'adult social care'),
  ('SW', 'social worker'),
  ('CPN', 'community mental health nurse'),
  ('MCA', 'Mental Capacity Act assessment (say what was decided)'),
  ('EOL', 'end of life'),
  ('TEC', 'technology that helps at home (say what it is)'),
  ('respite', 'a short break (say for whom)'),
  ('safeguarding concern', 'a worry that they may be being harmed (say what it is)');
