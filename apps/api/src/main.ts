import 'reflect-metadata';
import { ApiConfig, loadConfig } from '../../../libs/config';
import { startApi } from './api.bootstrap';

startApi(loadConfig(ApiConfig, process.env)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
