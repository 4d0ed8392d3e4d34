import './tracing.preload';
import 'reflect-metadata';
import { runApp, workerConfigFrom } from '../../../libs/config';
import { startWorker } from './worker.bootstrap';

runApp(async () => {
  const config = workerConfigFrom(process.env);
  await startWorker(config);
  return { polling: config.TEMPORAL_TASK_QUEUE };
});
