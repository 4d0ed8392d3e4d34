import './tracing.preload';
import 'reflect-metadata';
import { departmentsConfigFrom, runApp } from '../../../libs/config';
import { startDepartments } from './departments.bootstrap';

runApp(async () => ({ listening: (await startDepartments(departmentsConfigFrom(process.env))).url }));
