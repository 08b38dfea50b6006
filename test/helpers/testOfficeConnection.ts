// Where a test desk keeps its choice of office database: a file in its profile folder, the password and
// office key wrapped by the stand-in for the OS's protected storage.
import path from 'node:path';
import {
  OFFICE_CONNECTION_FILE,
  officeConnectionFile,
  type OfficeConnectionFile,
} from '../../src/main/db/pg/officeConnectionFile';
import { fakeKeyProtector } from './fakeKeyProtector';

export function testOfficeConnection(profileDir: string): OfficeConnectionFile {
  return officeConnectionFile(path.join(profileDir, OFFICE_CONNECTION_FILE), fakeKeyProtector().protector);
}
