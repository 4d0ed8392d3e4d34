import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthFailureLimit, AuthGuard, PostgresBuckets, RateLimitGuard, TokenService } from '../../../libs/auth';
import { ApiConfig } from '../../../libs/config';
import { CaseRecord, DocumentRecord, MaterialRecord, PublicRegisterRecord, StepRecord, TimelineEntryRecord, readModelDataSourceOptions } from '../../../libs/persistence';
import { TemporalClientModule } from '../../../libs/temporal';
import { ProcessActionsController } from './actions/process-actions.controller';
import { AuthController } from './auth/auth.controller';
import { CalendarModule } from './calendar/calendar.module';
import { CaseAccess } from './cases/case-access.service';
import { ChangeFeed } from './changes/change-feed.service';
import { CasesController } from './cases/cases.controller';
import { CasesService } from './cases/cases.service';
import { FilingRules } from './cases/filing-rules.service';
import { HealthController } from './health.controller';
import { MaterialsController } from './materials/materials.controller';
import { MaterialsService } from './materials/materials.service';
import { ObjectStore } from './materials/object-store.service';
import { ProcessesController } from './processes/processes.controller';
import { ApiMetricsModule } from './metrics/api-metrics.module';
import { PublicController } from './public/public.controller';
import { DocumentFiles } from './documents/document-files.service';
import { DocumentVerification } from './documents/document-verification.service';
import { ReadinessService } from './readiness.service';
import { StepsController } from './steps/steps.controller';
import { SupervisionListsController } from './supervision/supervision-lists.controller';
import { SupervisionController } from './supervision/supervision.controller';
import { TemporalFailureFilter } from './temporal-failure.filter';
import { WorkflowGateway } from './workflow-gateway.service';
import { CaseSearchService } from './worklists/case-search.service';
import { StepListsService } from './worklists/step-lists.service';
import { WorklistController } from './worklists/worklist.controller';

@Module({})
export class ApiModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        TypeOrmModule.forRoot(readModelDataSourceOptions(config.DATABASE_URL)),
        TypeOrmModule.forFeature([CaseRecord, TimelineEntryRecord, StepRecord, DocumentRecord, PublicRegisterRecord, MaterialRecord]),
        TemporalClientModule.forRoot(config),
        CalendarModule.forRoot(config),
        ApiMetricsModule.forRoot(config),
      ],
      controllers: [AuthController, CasesController, ProcessesController, StepsController, ProcessActionsController, WorklistController, SupervisionController, SupervisionListsController, PublicController, HealthController, MaterialsController],
      providers: [
        { provide: ApiConfig, useValue: config },
        {
          provide: TokenService,
          useValue: new TokenService({
            discoveryUrl: config.AUTH_OIDC_DISCOVERY_URL,
            issuer: config.AUTH_JWT_ISSUER,
            audience: config.AUTH_JWT_AUDIENCE,
            claims: { roles: config.AUTH_CLAIM_ROLES, agency: config.AUTH_CLAIM_AGENCY, name: config.AUTH_CLAIM_NAME, applicantId: config.AUTH_CLAIM_APPLICANT_ID },
            maxLifetimeSeconds: config.AUTH_TOKEN_MAX_LIFETIME_SECONDS,
            devPrivateKey: config.AUTH_DEV_PRIVATE_KEY,
          }),
        },
        // The limits count in Postgres: API instances share them (one limit per user, not one per instance).
        { provide: PostgresBuckets, useFactory: () => new PostgresBuckets(config.DATABASE_URL) },
        { provide: AuthFailureLimit, useFactory: (buckets: PostgresBuckets) => new AuthFailureLimit(config.AUTH_FAILURES_PER_MINUTE, buckets), inject: [PostgresBuckets] },
        // Order matters: the auth guard names the user, then the rate limit counts per user.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useFactory: (buckets: PostgresBuckets) => new RateLimitGuard(config.RATE_LIMIT_PER_MINUTE, buckets), inject: [PostgresBuckets] },
        { provide: APP_FILTER, useClass: TemporalFailureFilter },
        CaseAccess,
        CasesService,
        FilingRules,
        ChangeFeed,
        WorkflowGateway,
        ReadinessService,
        StepListsService,
        CaseSearchService,
        DocumentFiles,
        DocumentVerification,
        ObjectStore,
        MaterialsService,
      ],
    };
  }
}
