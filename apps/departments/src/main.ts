import 'reflect-metadata';
import { departmentsConfigFrom } from '../../../libs/config';
import { startDepartments } from './departments.bootstrap';

startDepartments(departmentsConfigFrom(process.env)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
