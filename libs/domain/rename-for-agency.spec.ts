import { renameForAgency } from './departments';

describe('a step renamed when it moves to another department (改派)', () => {
  it('names the new department where the name named the old one, by its full or short name', () => {
    expect(renameForAgency('联合审查（市财政局）', 'finance', 'tax')).toBe('联合审查（北京市税务局）');
    expect(renameForAgency('人才资格预审（市人才局）', 'talent-bureau', 'hr-social-security')).toBe('人才资格预审（市人社局）');
    expect(renameForAgency('来华工作许可审查（市人社局）', 'hr-social-security', 'public-security')).toBe('来华工作许可审查（市公安局）');
    expect(renameForAgency('合规核查（市生态环境局）', 'ecology', 'planning')).toBe('合规核查（市规划和自然资源委员会）');
  });

  it('leaves a name that says no department, or another one, as it is', () => {
    expect(renameForAgency('形式审查', 'zgc', 'finance')).toBe('形式审查');
    expect(renameForAgency('区级上市补贴（海淀区）', 'district', 'finance')).toBe('区级上市补贴（海淀区）');
    expect(renameForAgency('联合审查（市财政局）', 'tax', 'finance')).toBe('联合审查（市财政局）');
  });
});
