import 'reflect-metadata';
import { WorkerConfig, loadConfig } from '../../../libs/config';
import { startWorker } from './worker.bootstrap';

startWorker(loadConfig(WorkerConfig, process.env)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
