import { CanActivate, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DepartmentsConfig } from '../../../../libs/config';

/** Endpoints that load records or inject faults exist only outside production. */
@Injectable()
export class DevOnlyGuard implements CanActivate {
  constructor(@Inject(DepartmentsConfig) private readonly config: DepartmentsConfig) {}

  canActivate(): boolean {
    if (!this.config.DEPARTMENTS_DEV_ENDPOINTS) throw new NotFoundException();
    return true;
  }
}
