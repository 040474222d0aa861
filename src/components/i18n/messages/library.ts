export const libraryMessages = {} as const;
