import { Column, Entity } from 'typeorm';
import { IssuedPermit } from '../issued-permit.entity';

/** 市人社局: the 外国人来华工作许可 it has issued, one per 两证联办 case. */
@Entity({ schema: 'hr_social_security', name: 'work_permits' })
export class WorkPermit extends IssuedPermit {
  @Column({ type: 'char', length: 3 })
  nationality!: string;

  @Column({ type: 'varchar', length: 100 })
  position!: string;
}
