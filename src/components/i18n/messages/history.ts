export const historyMessages = {} as const;
