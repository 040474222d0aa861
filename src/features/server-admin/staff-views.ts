/** The staff pages' views (#/staff/<view>); a module of its own so the router loads no page. */
export const STAFF_VIEWS = ['people', 'matrix', 'assignments', 'accounts', 'audit', 'lrs'] as const;

export type StaffView = (typeof STAFF_VIEWS)[number];
