// The database key tests open their databases with (production keys are random and wrapped by the OS).
export const TEST_DB_KEY = Buffer.alloc(32, 0x5a);
