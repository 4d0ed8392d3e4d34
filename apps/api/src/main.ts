import 'reflect-metadata';
import { apiConfigFrom } from '../../../libs/config';
import { startApi } from './api.bootstrap';

startApi(apiConfigFrom(process.env))
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
