import { Column, Entity } from 'typeorm';
import { IssuedPermit } from '../issued-permit.entity';

/** 市公安局出入境管理总队: the 外国人居留许可 (for work) it has issued, one per 两证联办 case. */
@Entity({ schema: 'public_security', name: 'residence_permits' })
export class ResidencePermit extends IssuedPermit {
  /** The 市人社局 work permit the residence is granted on. */
  @Column({ name: 'work_permit_number', type: 'varchar', length: 32 })
  workPermitNumber!: string;

  @Column({ type: 'char', length: 3 })
  nationality!: string;
}
