import 'reflect-metadata';
import { workerConfigFrom } from '../../../libs/config';
import { startWorker } from './worker.bootstrap';

startWorker(workerConfigFrom(process.env)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
