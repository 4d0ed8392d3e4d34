import { Entity } from 'typeorm';
import { IssuedPermit } from '../issued-permit.entity';

/** 市人才工作局: the 北京市工作居住证 it has issued to foreign talent, one per 两证联办 case. */
@Entity({ schema: 'talent_bureau', name: 'work_residence_permits' })
export class WorkResidencePermit extends IssuedPermit {}
