import { talentApplication } from '../talent-application';
import { DemoClient, DemoUser, fileAnew, say, until } from './demo-client';

const WORK = '来华工作许可审查（市人社局）';
const RESIDENCE = '居留许可预审（市公安局）';
const step = (c: any, name: string) => c.steps.find((s: any) => s.name === name);

async function caseOf(user: DemoUser, id: string, ready: (c: any) => boolean, what: string): Promise<any> {
  return until(what, async () => {
    const c = await user.get(`/cases/${id}`);
    return ready(c) ? c : undefined;
  });
}

/**
 * 两证联办 as the roles play it: the employer files once for its foreign talent (asking for
 * 人才公租房 too); 市人才局 pre-reviews; 市人社局 and 市公安局 review at the same time and both
 * need a correction, asked of the employer once; the permits are issued one straight after the
 * other; 市住建委 allocates housing afterwards without having held the permits up.
 */
export async function demo(client: DemoClient): Promise<void> {
  const [employer, talentBureau, hrss, police, housing, boss] = await Promise.all(
    ['chip-applicant', 'talent-officer', 'hrss-officer', 'police-officer', 'housing-officer', 'supervisor'].map((u) => client.login(u)),
  );
  const filing = await fileAnew(
    employer,
    '/cases/talent-permits',
    {
      ...talentApplication({ creditCode: '91110108MA01XQ4T72', name: '北京芯算科技有限公司' }, {}, { workResidencePermit: false, talentHousing: true }),
      // 护照、学位证书、劳动合同 …: uploaded to the object store first, filed by reference.
      materials: await employer.uploadRequiredMaterials('talent-permits'),
    },
    `demo-${Date.now().toString(36)}`,
  );
  if (!('filed' in filing)) throw new Error('a 两证联办 filing is never refused for a certificate');
  const { filed } = filing;
  say(employer.name, `一次申请、一套材料：工作许可 + 居留许可 + 人才公租房 → 案件 ${filed.id}`);

  let c = await caseOf(employer, filed.id, (x) => step(x, '人才资格预审（市人才局）'), 'the pre-review');
  await talentBureau.post(`/steps/${step(c, '人才资格预审（市人才局）').id}/decision`, { decision: 'approve', reason: '外国高端人才（A类），用人单位资质合格' });
  say(talentBureau.name, '预审通过：外国高端人才（A类）');

  c = await caseOf(employer, filed.id, (x) => step(x, WORK) && step(x, RESIDENCE), 'the parallel review');
  say('系统', `${WORK} 与 ${RESIDENCE} 同时开始`);
  await hrss.post(`/steps/${step(c, WORK).id}/decision`, { decision: 'return', reason: '材料不全', correctionItems: ['补充学位认证报告'] });
  say(hrss.name, '退回补正：补充学位认证报告');
  await police.post(`/steps/${step(c, RESIDENCE).id}/decision`, { decision: 'return', reason: '材料不全', correctionItems: ['补充住宿登记证明'] });
  say(police.name, '退回补正：补充住宿登记证明');

  await caseOf(employer, filed.id, (x) => x.status === 'awaiting-applicant', 'the consolidated notice');
  const notice = ((await employer.get(`/cases/${filed.id}/notices`)) as any[]).find((d) => d.kind === 'correction-notice');
  say('系统', `一次性告知（一份通知，两个部门）：${notice.body.items.join('；')}`);
  await employer.post(`/cases/${filed.id}/corrections`, { responses: notice.body.items.map((item: string) => ({ item, response: '已上传' })) });
  say(employer.name, '一次补齐');

  c = await caseOf(employer, filed.id, (x) => step(x, WORK).round === 2 && step(x, RESIDENCE).round === 2, 'the reopened steps');
  await Promise.all([
    hrss.post(`/steps/${step(c, WORK).id}/decision`, { decision: 'approve' }),
    police.post(`/steps/${step(c, RESIDENCE).id}/decision`, { decision: 'approve' }),
  ]);
  say(hrss.name, '工作许可审查通过');
  say(police.name, '居留许可预审通过');

  c = await caseOf(employer, filed.id, (x) => x.details?.permits, 'the permits');
  const { workPermit, residencePermit } = c.details.permits;
  say(hrss.name, `来华工作许可 ${workPermit.number}，有效期 ${workPermit.validFrom} 至 ${workPermit.validUntil}`);
  say(police.name, `居留许可 ${residencePermit.number}（紧随工作许可签发），有效期至 ${residencePermit.validUntil}`);
  say('系统', `两证已发，人才公租房仍在办理（状态 ${c.status}）`);

  const housingStep = c.steps.find((s: any) => s.agency === 'housing');
  await housing.post(`/steps/${housingStep.id}/decision`, { decision: 'approve', reason: '海淀区人才公租房（永丰基地）' });
  say(housing.name, '配租：海淀区人才公租房（永丰基地）');
  c = await caseOf(employer, filed.id, (x) => x.status === 'completed', 'completion');
  const seen = await boss.get(`/cases/${filed.id}`);
  say(boss.name, `电子监察看到的护照号：${seen.application.talent.passportNumber}（无环节者脱敏）`);
  console.log(`\nresult: ${c.id} ${c.status}; work permit ${workPermit.number}; residence permit ${residencePermit.number}`);
}
