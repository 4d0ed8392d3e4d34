import 'reflect-metadata';
import { departmentsConfigFrom } from '../../../libs/config';
import { startDepartments } from './departments.bootstrap';

startDepartments(departmentsConfigFrom(process.env))
  .then(({ url }) => {
    // Started by the launcher (npm start): tell it the address the server actually bound, the
    // only one it prints; and go when it goes, rather than linger as an orphan holding the port.
    process.send?.({ listening: url });
    process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
