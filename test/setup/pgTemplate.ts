// Global setup of the PostgreSQL projects: one template database at this app's schema, which every test
// copies (CREATE DATABASE ... TEMPLATE) instead of migrating its own; dropped at the end.
import type { TestProject } from 'vitest/node';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { openPgAppDb } from '../../src/main/db/pg/pgAppDb';
import { migratePg } from '../../src/main/db/pg/pgMigrate';
import { fixedClock } from '../helpers/testClock';
import { testPgAdmin, testPgConnection } from '../helpers/testEngine';

export default async function setup(project: TestProject) {
  const template = `vd_template_${process.pid}_${project.name.replace(/[^a-z0-9]/gi, '_')}`;
  const admin = await testPgAdmin();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const db = openPgAppDb(testPgConnection(template));
  try {
    await migratePg(db, MIGRATIONS, { create: true, now: fixedClock() });
  } finally {
    await db.close();
  }
  project.provide('pgTemplate', template);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  };
}
