import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { departmentsCaller } from '../libs/auth/service-token';
import { projectRoot } from './paths';

/**
 * `npm run -s departments:token`: a service token (valid two minutes) for calling the departments'
 * services by hand, signed with DEPARTMENTS_SERVICE_PRIVATE_KEY(_FILE) or, in development, the
 * key npm start keeps in .data/. For example:
 *   curl -H "authorization: Bearer $(npm run -s departments:token)" http://127.0.0.1:3100/dev/faults
 */
const devKey = join(projectRoot(), '.data', 'departments-service-key.pem');
const env = { ...process.env };
if (!env.DEPARTMENTS_SERVICE_PRIVATE_KEY && !env.DEPARTMENTS_SERVICE_PRIVATE_KEY_FILE && existsSync(devKey)) env.DEPARTMENTS_SERVICE_PRIVATE_KEY_FILE = devKey;
try {
  console.log(departmentsCaller('operator', env).token());
} catch (error) {
  console.error(`${(error as Error).message} (npm start keeps a development key in ${devKey})`);
  process.exit(1);
}
