import { INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiConfig, nestLogLevels } from '../../../libs/config';
import { createValidationPipe } from '../../../libs/dto';
import { MaskingConsoleLogger } from '../../../libs/logging';
import { join } from 'node:path';
import { projectRoot } from '../../../infra/paths';
import { ApiModule } from './api.module';
import { rejectNul } from './reject-nul.middleware';
import { requestContext } from './request-context.middleware';

export async function startApi(config: ApiConfig): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    // Passport and ID numbers are masked in whatever Nest logs (an unhandled error echoing a body).
    logger: new MaskingConsoleLogger({ logLevels: nestLogLevels(config.NODE_ENV) }),
    bodyParser: false,
  });
  // An application is a few kilobytes; anything far larger is refused before it is parsed.
  app.useBodyParser('json', { limit: '64kb' });
  app.use(rejectNul);
  app.use(requestContext);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Beijing enterprise-support approvals')
      .setDescription('报备即批准 high-tech certification, 即报即审 listing support, 两证联办 permits')
      .setVersion('0.1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  // The role consoles: static pages over this same API and the same tokens.
  app.useStaticAssets(join(projectRoot(), 'apps', 'api', 'console'), { prefix: '/console/', index: 'index.html' });
  await app.listen(config.API_PORT, config.API_HOST);
  const address = app.getHttpServer().address();
  const url = `http://${config.API_HOST}:${typeof address === 'object' && address ? address.port : config.API_PORT}`;
  Logger.log(`API listening on ${url} (OpenAPI at ${url}/docs)`, 'Api');
  return { app, url };
}
