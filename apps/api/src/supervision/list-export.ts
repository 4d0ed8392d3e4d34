import ExcelJS from 'exceljs';
import { processByCode } from '../../../../libs/processes';
import type { CaseRowView } from '../worklists/case-search.service';
import type { StepRowView } from '../worklists/step-rows';

/** The most rows one export carries; a longer list is cut there, and the sheet says so. */
export const EXPORT_MAX_ROWS = 10_000;

const STEP_STATUS: Record<string, string> = { open: '待办', claimed: '已认领', 'waiting-applicant': '待补正', decided: '已办结', cancelled: '已取消' };
const COLOUR: Record<string, string> = { green: '正常', yellow: '预警', red: '逾期' };

const processName = (code: string) => processByCode(code)?.names.zh ?? code;
const caseStatus = (process: string, status: string) => processByCode(process)?.statuses[status] ?? status;
const beijing = (iso: string | undefined) => (iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

interface Sheet<T> {
  title: string;
  columns: Array<{ header: string; width: number; value: (row: T) => string | number }>;
}

const STEPS: Sheet<StepRowView> = {
  title: '环节',
  columns: [
    { header: '受理编号', width: 22, value: (r) => r.receiptNumber ?? '' },
    { header: '企业名称', width: 30, value: (r) => r.enterpriseName },
    { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
    { header: '审批事项', width: 18, value: (r) => processName(r.process) },
    { header: '环节', width: 24, value: (r) => r.stepName },
    { header: '承办部门', width: 22, value: (r) => r.agencyName },
    { header: '经办人', width: 16, value: (r) => r.holder?.name ?? '' },
    { header: '状态', width: 10, value: (r) => STEP_STATUS[r.status] ?? r.status },
    { header: '时限状态', width: 10, value: (r) => COLOUR[r.colour] ?? r.colour },
    { header: '办理期限', width: 14, value: (r) => `${r.dueOn}${r.dueOnProvisional ? '（暂定）' : ''}` },
    { header: '逾期天数', width: 10, value: (r) => r.daysOverdue },
    { header: '逾期工作日', width: 12, value: (r) => r.workingDaysOverdue },
    { header: '已提交电子监察', width: 14, value: (r) => (r.escalated ? '是' : '否') },
    { header: '督办次数', width: 10, value: (r) => r.urges.count },
    { header: '开始时间', width: 18, value: (r) => beijing(r.openedAt) },
    { header: '办结时间', width: 18, value: (r) => beijing(r.decidedAt) },
    { header: '案件编号', width: 40, value: (r) => r.caseId },
  ],
};

const CASES: Sheet<CaseRowView> = {
  title: '案件',
  columns: [
    { header: '受理编号', width: 22, value: (r) => r.receiptNumber ?? '' },
    { header: '企业名称', width: 30, value: (r) => r.enterpriseName },
    { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
    { header: '审批事项', width: 18, value: (r) => processName(r.process) },
    { header: '案件状态', width: 16, value: (r) => caseStatus(r.process, r.status) },
    { header: '在办', width: 8, value: (r) => (r.ended ? '否' : '是') },
    { header: '申请时间', width: 18, value: (r) => beijing(r.filedAt) },
    { header: '办结时间', width: 18, value: (r) => beijing(r.decidedAt) },
    { header: '审批期限', width: 14, value: (r) => r.dueOn ?? '' },
    { header: '时限状态', width: 10, value: (r) => (r.colour ? (COLOUR[r.colour] ?? r.colour) : '') },
    { header: '已提交电子监察', width: 14, value: (r) => (r.escalated ? '是' : '否') },
    { header: '在办环节', width: 40, value: (r) => r.openSteps.map((s) => `${s.name}（${s.agencyName}，${s.dueOn}）`).join('；') },
    { header: '案件编号', width: 40, value: (r) => r.caseId },
  ],
};

/**
 * The list a supervisor is looking at, as an Excel workbook for 电子监察 reports: a title row
 * naming the list, its filters and when it was made; a header row; one row per case or step.
 */
async function workbook<T>(sheet: Sheet<T>, rows: T[], caption: string, truncated: boolean): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '北京市企业服务审批系统 · 电子监察';
  book.created = new Date();
  const ws = book.addWorksheet(sheet.title, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = sheet.columns.map((c) => ({ width: c.width }));
  const note = truncated ? `（仅导出前 ${EXPORT_MAX_ROWS} 条，请缩小筛选范围）` : '';
  ws.addRow([`${caption}  共 ${rows.length} 条${note}  导出时间 ${beijing(new Date().toISOString())}`]).font = { bold: true };
  ws.mergeCells(1, 1, 1, sheet.columns.length);
  const header = ws.addRow(sheet.columns.map((c) => c.header));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  for (const row of rows) ws.addRow(sheet.columns.map((c) => c.value(row)));
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const stepsWorkbook = (rows: StepRowView[], caption: string, truncated: boolean) => workbook(STEPS, rows, caption, truncated);
export const casesWorkbook = (rows: CaseRowView[], caption: string, truncated: boolean) => workbook(CASES, rows, caption, truncated);

/** `attachment; filename*=UTF-8''电子监察-逾期环节-2026-11-30.xlsx` with an ASCII fallback. */
export function attachment(name: string): string {
  return `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
