export const practiceMessages = {} as const;
