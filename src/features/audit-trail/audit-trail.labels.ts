// Plain words for what someone did with a person's record, for "Who has looked at this record":
// the person may read it, so never the audit trail's own names ("read tap").

const did: Record<string, string> = {
  read: 'Looked at',
  create: 'Added',
  update: 'Changed',
  amend: 'Corrected',
  delete: 'Removed',
  discard: 'Threw away',
  save: 'Saved',
  draft: 'Saved a draft of',
  search: 'Found',
  open_restricted: 'Opened, giving a reason,',
  export: 'Downloaded',
};

const what: Record<string, string> = {
  person: 'the record',
  about_me: '“About me”',
  about_me_history: 'earlier versions of “About me”',
  conversation: 'a conversation',
  conversation_share: 'which conversations the team around the person can read',
  draft: 'a draft conversation',
  contact: 'a contact',
  connection: 'a connection to a community resource',
  named_worker: 'who their named worker is',
  network_member: 'someone in their network',
  restriction: 'who may open the record',
  timeline: 'the timeline',
  person_audit: 'who has looked at this record',
  tap: 'the team around the person',
  tap_member: 'who is in the team around the person',
  tap_consent: 'what may be shared with the team around the person',
  tap_meeting: 'a meeting of the team around the person',
  tap_meeting_record: 'the notes of a meeting of the team around the person',
  tap_action: 'an action in the team’s plan',
  tap_plan: 'the team’s plan',
};

/** Where the two words together read badly. */
const whole: Record<string, string> = {
  'create person': 'Created the record',
  'update person': 'Changed their details',
};

/** "Looked at the team around the person", from an audit row's action and entity. */
export function describeAuditEvent(action: string, entity: string): string {
  return whole[`${action} ${entity}`] ?? `${did[action] ?? 'Used'} ${what[entity] ?? 'the record'}`;
}
