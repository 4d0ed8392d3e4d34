import 'reflect-metadata';
import { apiConfigFrom } from '../../../libs/config';
import { startApi } from './api.bootstrap';

startApi(apiConfigFrom(process.env)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
