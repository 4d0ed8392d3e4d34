import './tracing.preload';
import 'reflect-metadata';
import { apiConfigFrom, runApp } from '../../../libs/config';
import { startApi } from './api.bootstrap';

runApp(async () => ({ listening: (await startApi(apiConfigFrom(process.env))).url }));
