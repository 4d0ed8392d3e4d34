import 'reflect-metadata';
import { workerConfigFrom } from '../../../libs/config';
import { startWorker } from './worker.bootstrap';

const config = workerConfigFrom(process.env);
startWorker(config)
  .then(() => {
    // Started by the launcher (npm start): tell it the worker is up, and go when it goes.
    process.send?.({ polling: config.TEMPORAL_TASK_QUEUE });
    process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
