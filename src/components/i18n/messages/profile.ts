export const profileMessages = {} as const;
