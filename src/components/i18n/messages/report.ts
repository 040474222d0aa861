export const reportMessages = {} as const;
