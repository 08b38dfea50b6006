// The administrator tests sign in as. Synthetic; the display name is what records show as "who".
export const TEST_ADMIN = {
  username: 'testadmin',
  displayName: 'Test User',
  password: 'correct horse battery staple',
} as const;
