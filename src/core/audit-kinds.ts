/** What the company server's audit log records (the server writes them, the staff pages list them). */
export const AUDIT_KINDS = [
  'roster-import',
  'join-link',
  'publish-rule-pack',
  'publish-scenario',
  'person-export',
  'person-delete',
  'lrs-settings',
  'lrs-retry',
  'staff-create',
] as const;

export type AuditKind = (typeof AUDIT_KINDS)[number];
