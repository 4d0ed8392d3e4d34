import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DepartmentsConfig, nestLogLevels } from '../../../libs/config';
import { createValidationPipe, requestHygiene } from '../../../libs/dto';
import { MaskingConsoleLogger } from '../../../libs/logging';
import { DepartmentsModule } from './departments.module';

export async function startDepartments(config: DepartmentsConfig): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create<NestExpressApplication>(DepartmentsModule.forRoot(config), {
    logger: new MaskingConsoleLogger({ logLevels: nestLogLevels(config.NODE_ENV) }),
    bodyParser: false,
  });
  // The body parsed first, so the hygiene check (as in the API) sees it before any pipe does.
  app.useBodyParser('json', { limit: '100kb' });
  app.use(requestHygiene);
  // The departments are other systems: their 400s keep their own words (the API answers by the error catalogue).
  app.useGlobalPipes(createValidationPipe({ catalogue: false }));
  app.enableShutdownHooks();
  await app.listen(config.DEPARTMENTS_PORT, config.DEPARTMENTS_HOST);
  const address = app.getHttpServer().address();
  const url = `http://${config.DEPARTMENTS_HOST}:${typeof address === 'object' && address ? address.port : config.DEPARTMENTS_PORT}`;
  Logger.log(`departments' services listening on ${url}`, 'Departments');
  return { app, url };
}
