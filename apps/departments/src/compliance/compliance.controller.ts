import { Body, Controller, Get, Injectable, NotFoundException, Param, PipeTransform, Put, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsString, Length, ValidateNested } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { beijingDate, COMPLIANCE_DEPARTMENTS, ComplianceDepartment, ComplianceRecord } from '../../../../libs/domain';
import { CreditCodePipe, IsCalendarDate } from '../../../../libs/dto';
import { DevOnlyGuard } from '../dev/dev-only.guard';
import { ComplianceFinding } from './compliance-finding.entity';

class FindingDto {
  @IsString() @Length(1, 40) id!: string;
  @IsCalendarDate() date!: string;
  @IsString() @Length(1, 500) summary!: string;
}

class ComplianceFindingsDto {
  @IsArray()
  @ArrayMaxSize(20)
  // Two findings with one id would break the table's uniqueness: a 400, not a 500.
  @ArrayUnique((f: FindingDto) => f?.id, { message: 'findings must not repeat an id' })
  @ValidateNested({ each: true })
  @Type(() => FindingDto)
  findings!: FindingDto[];
}

/** Only the twelve compliance departments keep such records; any other segment is no department at all. */
@Injectable()
class ComplianceDepartmentPipe implements PipeTransform<string, ComplianceDepartment> {
  transform(value: string): ComplianceDepartment {
    if (!(COMPLIANCE_DEPARTMENTS as readonly string[]).includes(value)) throw new NotFoundException('no such department');
    return value as ComplianceDepartment;
  }
}

/**
 * The twelve departments' legal-compliance records (市政务服务中心 collects them for 合规一码通).
 * The department is the first path segment, as for every department's own service, so the
 * fault injection that keys on it plays here too.
 */
@Controller(':department/compliance-records')
export class ComplianceController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** An enterprise the department has nothing against has a clean record: no findings, not a 404. */
  @Get(':creditCode')
  get(@Param('department', ComplianceDepartmentPipe) department: ComplianceDepartment, @Param('creditCode', CreditCodePipe) creditCode: string): Promise<ComplianceRecord> {
    return this.record(this.dataSource.manager, department, creditCode);
  }

  /** Development only: set what a department holds on an enterprise, so a demo can show a finding. */
  @Put(':creditCode')
  @UseGuards(DevOnlyGuard)
  put(
    @Param('department', ComplianceDepartmentPipe) department: ComplianceDepartment,
    @Param('creditCode', CreditCodePipe) creditCode: string,
    @Body() body: ComplianceFindingsDto,
  ): Promise<ComplianceRecord> {
    return this.dataSource.transaction(async (manager) => {
      // Replacing is delete-then-insert; the lock keeps two concurrent PUTs for the same record
      // from interleaving (which would fail on the unique key or mix both lists).
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('compliance.findings'), hashtext($1 || '/' || $2))`, [department, creditCode]);
      await manager.query(`DELETE FROM compliance.findings WHERE department = $1 AND credit_code = $2`, [department, creditCode]);
      await manager.query(
        `INSERT INTO compliance.findings (department, credit_code, finding_id, date, summary)
         SELECT $1, $2, f.id, f.date, f.summary FROM unnest($3::text[], $4::date[], $5::text[]) AS f(id, date, summary)`,
        [department, creditCode, body.findings.map((f) => f.id), body.findings.map((f) => f.date), body.findings.map((f) => f.summary)],
      );
      return this.record(manager, department, creditCode);
    });
  }

  private async record(manager: EntityManager, department: ComplianceDepartment, creditCode: string): Promise<ComplianceRecord> {
    // Read through the entity so dates come back as YYYY-MM-DD strings, not Date objects.
    const rows = await manager.find(ComplianceFinding, { where: { department, creditCode }, order: { date: 'ASC', findingId: 'ASC' } });
    return {
      department,
      creditCode,
      findings: rows.map((r) => ({ id: r.findingId, date: r.date, summary: r.summary })),
      checkedOn: beijingDate(new Date()),
    };
  }
}
