// 北京市企业服务审批平台 — role consoles over the same API and tokens as everyone else.
// No framework: hash routes, one render per view, a poll that refreshes what is on screen.

const $view = document.getElementById('view');
const session = {
  get token() { return sessionStorage.getItem('token'); },
  get user() { return JSON.parse(sessionStorage.getItem('user') || 'null'); },
  set(token, user) { sessionStorage.setItem('token', token); sessionStorage.setItem('user', JSON.stringify(user)); },
  clear() { sessionStorage.clear(); },
};

const STATUS = {
  verifying: '数据核验中', certified: '已认定', acceptance: '待受理', 'formal-review': '形式审查', 'awaiting-applicant': '待申请人补正',
  refused: '不予受理', rejected: '不予批准', 'expert-review': '专家评审', 'joint-review': '联合审查', 'public-notice': '公示中',
  'objection-review': '异议核查', revoked: '已撤销', withdrawn: '已撤回', 'in-review': '即报即审审核中', listed: '已上市',
  completed: '已办结', 'pre-review': '人才资格预审', 'permit-review': '两证审查', 'permits-issued': '两证已发',
  open: '待办', claimed: '已认领', 'waiting-applicant': '待补正', decided: '已办结', cancelled: '已终止',
};
// The processes, their names and statuses come from GET /processes (the registry), once signed in.
let PROCESSES = [];
const PROCESS = {};
async function loadProcesses() {
  if (PROCESSES.length || !session.token) return;
  const answer = await api('GET', '/processes');
  if (!answer.ok) return;
  PROCESSES = answer.body;
  for (const p of PROCESSES) PROCESS[p.code] = p.names.zh;
}
/** A case's status in its process's words, else the console's. */
const statusName = (process, status) => PROCESSES.find((p) => p.code === process)?.statuses[status] ?? STATUS[status] ?? esc(status);
const DECISION = { accept: '受理', refuse: '不予受理', 'request-correction': '一次性告知补正', approve: '同意', reject: '不同意', return: '退回补正', confirm: '核实属实', clear: '核查消除' };
const COLOUR = { green: '正常', yellow: '预警', red: '超期' };
const ROLE = { applicant: '申请人', agency: '承办部门', supervisor: '电子监察', expert: '评审专家' };
const TECH_FIELDS = { 'integrated-circuits': '集成电路', 'artificial-intelligence': '人工智能', biomedicine: '生物医药', 'key-materials': '关键材料', 'electronic-information': '电子信息', aerospace: '航空航天', 'new-energy': '新能源与节能', 'resources-environment': '资源与环境', 'advanced-manufacturing': '先进制造与自动化', 'high-tech-services': '高技术服务' };
const DISTRICTS = ['东城区', '西城区', '朝阳区', '丰台区', '石景山区', '海淀区', '门头沟区', '房山区', '通州区', '顺义区', '昌平区', '大兴区', '怀柔区', '平谷区', '密云区', '延庆区', '北京经济技术开发区'];
const AGENCIES = { zgc: '市科委、中关村管委会', finance: '市财政局', tax: '北京市税务局', district: '区政府', 'market-supervision': '市市场监管局', 'finance-regulator': '市金融监管局', csrc: '北京证监局', bse: '北京证券交易所', 'talent-bureau': '市人才工作局', 'hr-social-security': '市人社局', 'public-security': '市公安局出入境', housing: '市住建委', ecology: '市生态环境局' };
const DOCUMENTS = { 'passport-copy': '护照复印件', 'degree-certificate': '学历学位证书', 'employment-contract': '劳动合同或聘用意向书', 'no-criminal-record': '无犯罪记录证明', 'health-certificate': '体检证明', photo: '近期证件照片' };

const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const chip = (colour) => (colour ? `<span class="chip ${esc(colour)}" data-colour="${esc(colour)}">${COLOUR[colour] ?? esc(colour)}</span>` : '');
/** A due date; one counted over a year whose holiday notice is not loaded yet says so (暂定), with why on hover. */
const PROVISIONAL_TITLE = '暂定：该期限涉及国务院办公厅尚未公布节假日安排的年份，暂按《全国年节及纪念日放假办法》规定的法定节假日计算（不含调休）；正式安排载入后将自动调整。';
const due = (dueOn, provisional) => (provisional && dueOn ? `<span class="provisional" data-provisional="true" title="${esc(PROVISIONAL_TITLE)}">${esc(dueOn)}（暂定）</span>` : esc(dueOn ?? ''));
const time = (iso) => (iso ? new Date(new Date(iso).getTime() + 8 * 3600e3).toISOString().replace('T', ' ').slice(0, 16) : '');

/** The ETag of what each GET last showed: the long poll below starts from it, so a change in between is not missed. */
const renderedEtags = new Map();

// An action not answered for certain (503: processing paused; or no answer at all) may still be
// carried out later. Done again, it goes with the same Idempotency-Key, so the API takes it for the
// same action and answers with its outcome instead of doing it twice. A definite answer ends it.
const unansweredActions = new Map();

async function api(method, path, body, headers = {}) {
  const action = method !== 'GET' && !headers['Idempotency-Key'] ? `${method} ${path} ${JSON.stringify(body ?? null)}` : null;
  if (action) {
    if (!unansweredActions.has(action)) unansweredActions.set(action, crypto.randomUUID());
    headers = { ...headers, 'Idempotency-Key': unansweredActions.get(action) };
  }
  const response = await fetch(path, {
    method,
    // The pages are Chinese: so are the API's error messages, whatever the browser's language (the API answers by Accept-Language).
    headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN', ...(session.token ? { authorization: `Bearer ${session.token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (action && response.status < 500) unansweredActions.delete(action);
  const text = await response.text();
  if (method === 'GET' && response.ok) renderedEtags.set(path, response.headers.get('etag'));
  let data;
  try { data = text ? JSON.parse(text) : undefined; } catch { data = text; }
  if (response.status === 401 && session.token) { session.clear(); location.hash = '#/login'; }
  return { status: response.status, ok: response.ok, body: data };
}

// ——— 统一社会信用代码 check character, as the API checks it ———
const CC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CCW = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function validCreditCode(code) {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  const sum = [...code.slice(0, 17)].reduce((s, ch, i) => s + CC.indexOf(ch) * CCW[i], 0);
  return CC[(31 - (sum % 31)) % 31] === code[17];
}

// ——— forms: the same rules as the API, errors beside the fields ———
function showErrors(form, errors) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('.invalid').forEach((e) => e.classList.remove('invalid'));
  for (const { field, message } of errors) {
    const input = form.querySelector(`[data-field="${field}"]`) || form.querySelector(`[data-field="${field.split('.')[0]}"]`) || form.querySelector('[data-field="_form"]');
    if (!input) continue;
    input.classList.add('invalid');
    const note = document.createElement('div');
    note.className = 'field-error';
    note.dataset.errorFor = field;
    note.textContent = message;
    input.insertAdjacentElement('afterend', note);
  }
}

function field(label, name, input) {
  return `<label for="f-${name}">${label}</label><div>${input.replace('<input', `<input id="f-${name}" data-field="${name}" name="${name}"`).replace('<select', `<select id="f-${name}" data-field="${name}" name="${name}"`).replace('<textarea', `<textarea id="f-${name}" data-field="${name}" name="${name}"`)}</div>`;
}
const options = (map, selected) => Object.entries(map).map(([v, l]) => `<option value="${esc(v)}" ${v === selected ? 'selected' : ''}>${esc(l)}</option>`).join('');

const FORMS = {
  'high-tech': {
    title: '高新技术企业认定申请（报备即批准）',
    html: () => `
      ${field('统一社会信用代码', 'creditCode', `<input value="${esc(session.user?.applicantId ?? '')}" maxlength="18">`)}
      ${field('技术领域', 'techField', `<select>${options(TECH_FIELDS)}</select>`)}
      ${field('企业名称（可不填，由市场监管局共享）', 'enterpriseName', '<input maxlength="200">')}
      ${field('研发费用年度（可不填）', 'rdExpenses.year', '<input type="number" min="2000" max="2100">')}
      ${field('境内研发费用（元）', 'rdExpenses.domesticYuan', '<input type="number" min="0">')}
      ${field('全部研发费用（元）', 'rdExpenses.totalYuan', '<input type="number" min="0">')}`,
    read(f) {
      const v = (n) => f.elements[n].value.trim();
      const body = { creditCode: v('creditCode'), techField: v('techField') };
      if (v('enterpriseName')) body.enterpriseName = v('enterpriseName');
      if (v('rdExpenses.year') || v('rdExpenses.domesticYuan') || v('rdExpenses.totalYuan')) {
        body.rdExpenses = { year: Number(v('rdExpenses.year')), domesticYuan: Number(v('rdExpenses.domesticYuan')), totalYuan: Number(v('rdExpenses.totalYuan')) };
      }
      return body;
    },
    check(b) {
      const e = [];
      if (!validCreditCode(b.creditCode)) e.push({ field: 'creditCode', message: '统一社会信用代码应为18位且校验位正确' });
      if (b.rdExpenses) {
        const { year, domesticYuan, totalYuan } = b.rdExpenses;
        if (!Number.isInteger(year) || year < 2000 || year > 2100) e.push({ field: 'rdExpenses.year', message: '年度应为2000至2100之间的整数' });
        if (!Number.isInteger(domesticYuan) || domesticYuan < 0) e.push({ field: 'rdExpenses.domesticYuan', message: '应为不小于0的整数（元）' });
        if (!Number.isInteger(totalYuan) || totalYuan < 0) e.push({ field: 'rdExpenses.totalYuan', message: '应为不小于0的整数（元）' });
        if (domesticYuan > totalYuan) e.push({ field: 'rdExpenses.domesticYuan', message: '境内研发费用不能超过全部研发费用' });
      }
      return e;
    },
  },
  listing: {
    title: '独角兽企业北交所上市即报即审申请',
    html: () => `
      ${field('统一社会信用代码', 'creditCode', `<input value="${esc(session.user?.applicantId ?? '')}" maxlength="18">`)}
      ${field('企业名称', 'enterpriseName', '<input maxlength="200">')}
      ${field('上市板块', 'exchange', '<select><option value="BSE">北京证券交易所</option></select>')}
      ${field('保荐机构', 'sponsor', '<input maxlength="200">')}
      ${field('注册地所在区', 'district', `<select>${DISTRICTS.map((d) => `<option>${d}</option>`).join('')}</select>`)}`,
    read: (f) => Object.fromEntries(['creditCode', 'enterpriseName', 'exchange', 'sponsor', 'district'].map((n) => [n, f.elements[n].value.trim()])),
    check(b) {
      const e = [];
      if (!validCreditCode(b.creditCode)) e.push({ field: 'creditCode', message: '统一社会信用代码应为18位且校验位正确' });
      if (!b.enterpriseName) e.push({ field: 'enterpriseName', message: '请填写企业名称' });
      if (!b.sponsor) e.push({ field: 'sponsor', message: '请填写保荐机构' });
      return e;
    },
  },
  'talent-permits': {
    title: '外籍人才工作许可和居留许可两证联办申请',
    html: () => `
      ${field('用人单位统一社会信用代码', 'employerCreditCode', `<input value="${esc(session.user?.applicantId ?? '')}" maxlength="18">`)}
      ${field('用人单位名称', 'employerName', '<input maxlength="200">')}
      ${field('外籍人才姓名', 'talent.name', '<input maxlength="100">')}
      ${field('护照号码', 'talent.passportNumber', '<input maxlength="12">')}
      ${field('国籍（三位代码）', 'talent.nationality', '<input maxlength="3" placeholder="DEU">')}
      ${field('出生日期', 'talent.dateOfBirth', '<input type="date">')}
      ${field('护照有效期至', 'talent.passportExpiry', '<input type="date">')}
      ${field('最高学位', 'talent.degree', `<select>${options({ bachelor: '学士', master: '硕士', doctorate: '博士' }, 'doctorate')}</select>`)}
      ${field('拟任职位', 'talent.position', '<input maxlength="100">')}
      ${field('年薪（元）', 'talent.annualSalaryYuan', '<input type="number" min="1">')}
      ${field('人才类别', 'talent.category', `<select>${options({ A: 'A类 外国高端人才', B: 'B类 外国专业人才' })}</select>`)}
      <label>申请材料（一套）</label><div data-field="documents">${Object.entries(DOCUMENTS).map(([k, l]) => `<label><input type="checkbox" name="doc" value="${k}" checked> ${l}</label>`).join('<br>')}</div>
      <label>同时申请</label><div><label><input type="checkbox" name="workResidencePermit"> 北京市工作居住证</label><br><label><input type="checkbox" name="talentHousing"> 人才公租房</label></div>`,
    read(f) {
      const v = (n) => f.elements[n].value.trim();
      return {
        employerCreditCode: v('employerCreditCode'),
        employerName: v('employerName'),
        talent: {
          name: v('talent.name'), passportNumber: v('talent.passportNumber'), nationality: v('talent.nationality'),
          dateOfBirth: v('talent.dateOfBirth'), passportExpiry: v('talent.passportExpiry'), degree: v('talent.degree'),
          position: v('talent.position'), annualSalaryYuan: Number(v('talent.annualSalaryYuan')), category: v('talent.category'),
        },
        documents: [...f.querySelectorAll('input[name=doc]:checked')].map((c) => ({ type: c.value, reference: `upload://${c.value}.pdf` })),
        requests: { workResidencePermit: f.elements.workResidencePermit.checked, talentHousing: f.elements.talentHousing.checked },
      };
    },
    check(b) {
      const e = [];
      if (!validCreditCode(b.employerCreditCode)) e.push({ field: 'employerCreditCode', message: '统一社会信用代码应为18位且校验位正确' });
      if (!b.employerName) e.push({ field: 'employerName', message: '请填写用人单位名称' });
      if (!b.talent.name) e.push({ field: 'talent.name', message: '请填写姓名' });
      if (!/^[A-Z0-9]{6,12}$/.test(b.talent.passportNumber)) e.push({ field: 'talent.passportNumber', message: '护照号码应为6至12位大写字母或数字' });
      if (!/^[A-Z]{3}$/.test(b.talent.nationality) || b.talent.nationality === 'CHN') e.push({ field: 'talent.nationality', message: '国籍应为外国的三位字母代码' });
      if (!b.talent.dateOfBirth) e.push({ field: 'talent.dateOfBirth', message: '请填写出生日期' });
      if (!b.talent.passportExpiry) e.push({ field: 'talent.passportExpiry', message: '请填写护照有效期' });
      if (!b.talent.position) e.push({ field: 'talent.position', message: '请填写拟任职位' });
      if (!(b.talent.annualSalaryYuan >= 1)) e.push({ field: 'talent.annualSalaryYuan', message: '请填写年薪' });
      if (b.documents.length < Object.keys(DOCUMENTS).length) e.push({ field: 'documents', message: '申请材料须齐全（一套材料）' });
      return e;
    },
  },
};

/**
 * A process without a form of its own here is filed as JSON, against the form GET /processes
 * publishes (its JSON Schema): the API names every broken field beside it.
 */
function jsonForm(process) {
  const p = PROCESSES.find((x) => x.code === process);
  const skeleton = (schema) => Object.fromEntries(Object.entries(schema?.properties ?? {}).map(([k, v]) => [k, v.type === 'integer' || v.type === 'number' ? 0 : v.type === 'boolean' ? false : v.type === 'array' ? [] : v.allOf || v.$ref ? {} : '']));
  return {
    title: `${p?.names.zh ?? process}申请`,
    html: () => `${field('申请内容（JSON）', '_json', `<textarea rows="14">${esc(JSON.stringify(skeleton(p?.form), null, 2))}</textarea>`)}`,
    read(f) {
      try { return JSON.parse(f.elements._json.value); } catch { return undefined; }
    },
    check: (b) => (b && typeof b === 'object' ? [] : [{ field: '_json', message: '请填写有效的 JSON' }]),
  };
}
const formOf = (process) => FORMS[process] ?? jsonForm(process);

// ——— views ———
const views = {
  async login() {
    const users = (await api('GET', '/auth/dev-users')).body ?? [];
    const byRole = (role) => users.filter((u) => u.role === role).map((u) => `<button data-login="${esc(u.userId)}" data-testid="login-${esc(u.userId)}">${esc(u.name)}</button>`).join('');
    return `<h1>登录（开发环境演示用户）</h1>
      ${['applicant', 'agency', 'expert', 'supervisor'].map((r) => `<section class="card"><h2>${ROLE[r]}</h2><div class="users">${byRole(r)}</div></section>`).join('')}
      <p><a href="#/verify">证书与合规一码通公开查验 →</a></p>`;
  },

  async home() {
    const user = session.user;
    if (!user) return views.login();
    if (user.role === 'agency' || user.role === 'expert') return views.inbox();
    if (user.role === 'supervisor') return views.supervision();
    const answer = await api('GET', '/cases');
    const cases = answer.ok ? answer.body : [];
    return `<h1>我的申请</h1>
      <div class="actions">${PROCESSES.map((p) => `<a href="#/new/${esc(p.code)}"><button class="primary" data-testid="new-${esc(p.code)}">${esc(p.names.zh)}申请</button></a>`).join('')}</div>
      ${caseTable(cases)}`;
  },

  async new(process) {
    const form = formOf(process);
    return `<h1>${form.title}</h1><section class="card"><form class="grid" data-form="${process}" data-key="${crypto.randomUUID()}">
      ${form.html()}<span data-field="_form"></span><div></div><div><button class="primary" type="submit" data-testid="submit">提交申请</button></div></form></section>`;
  },

  async inbox() {
    const answer = await api('GET', '/inbox');
    const steps = answer.ok ? answer.body : [];
    const me = session.user;
    return `<h1>${me.role === 'expert' ? '待评审' : '待办事项'}（${esc(AGENCIES[me.agency] ?? ROLE[me.role])}）</h1>
      <table data-testid="inbox"><thead><tr><th>环节</th><th>案件</th><th>状态</th><th>办理时限</th><th>时限状态</th><th>督办</th></tr></thead><tbody>
      ${steps.map((s) => `<tr class="clickable" data-href="#/cases/${esc(s.caseId)}" data-step="${esc(s.id)}"><td>${esc(s.name)}</td><td>${esc(PROCESS[s.process] ?? s.process)}<br><span class="muted">${esc(s.caseId)}</span></td><td>${STATUS[s.status] ?? esc(s.status)}</td><td>${due(s.dueOn, s.dueOnProvisional)}</td><td>${chip(s.colour)}</td><td>${s.urges.map((u) => `<div class="urge">督办：${esc(u.note)}（${esc(u.by.name)} ${time(u.at)}）</div>`).join('')}</td></tr>`).join('') || '<tr><td colspan="6" class="muted">暂无待办</td></tr>'}
      </tbody></table>`;
  },

  async supervision() {
    const [overview, overdue, escalations, onTime, incidents] = await Promise.all(['overview', 'overdue', 'escalations', 'on-time', 'incidents'].map((p) => api('GET', `/supervision/${p}`).then((a) => a.body)));
    const open = incidents.filter((i) => i.open);
    return `<h1>电子监察</h1>
      ${overview.calendarWarning ? `<div class="banner warning" data-testid="calendar-warning">⚠ ${esc(overview.calendarWarning.message)}</div>` : ''}
      <div class="charts">
        <section class="card"><h2>各部门在办环节（按时限状态）</h2>${stackedBars(overview.steps)}</section>
        <section class="card"><h2>按时办结率（按周）</h2>${onTimeChart(onTime)}</section>
      </div>
      ${open.length ? `<section class="card"><h2 class="failed">部门系统故障（逾时未答复，系统持续重试）</h2><table data-testid="incidents"><tbody>${open.map((i) => `<tr class="clickable" data-href="#/cases/${esc(i.caseId)}"><td>${esc(i.departmentName)}</td><td>${esc(i.what)}</td><td>自 ${time(i.openedAt)}</td><td>${esc(i.caseId)}</td></tr>`).join('')}</tbody></table></section>` : ''}
      <section class="card"><h2>在办案件</h2>${overview.cases.map((r) => `<div>${esc(PROCESS[r.process] ?? r.process)}：${chip('green')} ${r.green} ${chip('yellow')} ${r.yellow} ${chip('red')} ${r.red}</div>`).join('') || '<span class="muted">暂无</span>'}</section>
      <section class="card"><h2>超期环节</h2>${stepTable(overdue.steps, 'overdue')}</section>
      <section class="card"><h2>已提交电子监察（升级）</h2>${stepTable(escalations.steps, 'escalations')}</section>`;
  },

  async case(id) {
    const answer = await api('GET', `/cases/${encodeURIComponent(id)}`);
    if (!answer.ok) return `<div class="banner error">${esc(answer.body?.message ?? answer.status)}</div>`;
    const c = answer.body;
    // A case filed a moment ago has no notices in the read model yet.
    const listed = await api('GET', `/cases/${encodeURIComponent(id)}/notices`);
    const notices = listed.ok ? listed.body : [];
    return `<h1>${esc(c.title || c.id)}</h1>
      <section class="card">
        <div>${esc(PROCESS[c.process] ?? c.process)} · 案件号 <code>${esc(c.id)}</code></div>
        <div>状态：<span class="status" data-testid="case-status" data-status="${esc(c.status)}">${statusName(c.process, c.status)}</span> ${c.decision ? `（${esc(c.decision)}）` : ''}</div>
        <div>申请时间：${time(c.filedAt)} ${c.decidedAt ? `· 决定时间：${time(c.decidedAt)}` : ''}</div>
        ${c.clock ? `<div>审批办理时限：截止 ${due(c.clock.dueOn, c.clock.provisional)} ${chip(c.clock.colour)} ${c.clock.paused ? '（暂停计时）' : ''} · 承诺 ${c.clock.limitDays} 个工作日，已延长 ${c.clock.extensionDays} 日，不计时 ${c.clock.pausedWorkingDays} 日</div>` : ''}
        ${c.certificate ? `<div data-testid="certificate">证书编号 <b>${esc(c.certificate.number)}</b>，${esc(c.certificate.issuedOn)} 至 ${esc(c.certificate.validUntil)}，状态 ${esc(c.certificate.status)} · <a href="#/verify/${esc(c.certificate.number)}">公开查验</a></div>` : ''}
        ${processDetails(c)}
      </section>
      ${criteriaSection(c)}
      <h2>办理环节</h2>${stepsSection(c)}
      ${applicantActions(c, notices)}
      ${supervisorActions(c)}
      <h2>通知与文书</h2><section class="card"><ul>${notices.map((d) => `<li>${esc(d.title)}（${time(d.issuedAt)}）${d.body?.provisional ? ` <span class="provisional" title="${esc(PROVISIONAL_TITLE)}">含暂定期限</span>` : ''} <button data-download="${esc(d.id)}" data-case="${esc(c.id)}">下载</button></li>`).join('') || '<li class="muted">暂无</li>'}</ul>
        ${c.details?.report ? `<button data-bundle="${esc(c.id)}" data-testid="bundle">一键下载合规证明</button> 合规一码通 <b data-testid="compliance-code">${esc(c.details.report.code)}</b>` : ''}</section>
      <h2>办理轨迹</h2><section class="card"><ol class="timeline" data-testid="timeline">${c.timeline.map((e) => `<li>${time(e.at)} · ${esc(ROLE[e.role] ?? e.role)} ${esc(e.actor)} · ${esc(e.action)} ${e.reason ? `— ${esc(e.reason)}` : ''}</li>`).join('')}</ol></section>`;
  },

  async verify(code) {
    let result = '';
    if (code) {
      const path = code.startsWith('HG') ? `/verify/compliance/${encodeURIComponent(code)}` : `/verify/certificates/${encodeURIComponent(code)}`;
      const a = await api('GET', path);
      result = a.ok
        ? `<section class="card" data-testid="verify-result"><div>编号 <b>${esc(a.body.number ?? a.body.code)}</b> · ${esc(a.body.enterpriseName)}（${esc(a.body.creditCode)}）</div>
           <div>状态：<b data-testid="verify-status">${esc(a.body.status)}</b> ${a.body.revokedReason ? `（${esc(a.body.revokedReason)}）` : ''}</div>
           ${a.body.validUntil ? `<div>${esc(a.body.techField)} · ${esc(a.body.issuedOn)} 至 ${esc(a.body.validUntil)}</div>` : ''}
           ${a.body.results ? `<ul>${a.body.results.map((r) => `<li>${esc(r.department)}：${esc(r.result)}</li>`).join('')}</ul>` : ''}</section>`
        : `<div class="banner error" data-testid="verify-result">未查到：${esc(code)}</div>`;
    }
    return `<h1>公开查验</h1><section class="card"><form data-verify class="grid">${field('证书编号或合规一码通', 'code', `<input value="${esc(code ?? '')}">`)}<div></div><div><button class="primary" type="submit">查验</button></div></form></section>${result}`;
  },
};

function caseTable(cases) {
  return `<table data-testid="cases"><thead><tr><th>事项</th><th>名称</th><th>状态</th><th>时限</th><th>申请时间</th></tr></thead><tbody>
    ${cases.map((c) => `<tr class="clickable" data-href="#/cases/${esc(c.id)}"><td>${esc(PROCESS[c.process] ?? c.process)}</td><td>${esc(c.title)}</td><td>${statusName(c.process, c.status)}</td><td>${due(c.dueOn, c.dueOnProvisional)} ${chip(c.colour)}</td><td>${time(c.filedAt)}</td></tr>`).join('') || '<tr><td colspan="5" class="muted">暂无申请</td></tr>'}
  </tbody></table>`;
}

function stepTable(steps, id) {
  return `<table data-testid="${id}"><thead><tr><th>环节</th><th>部门</th><th>截止</th><th>时限状态</th><th>案件</th></tr></thead><tbody>
    ${steps.map((s) => `<tr class="clickable" data-href="#/cases/${esc(s.caseId)}"><td>${esc(s.name)}</td><td>${esc(s.agencyName)}</td><td>${due(s.dueOn, s.dueOnProvisional)}</td><td>${chip(s.colour)}</td><td>${esc(s.caseId)}</td></tr>`).join('') || '<tr><td colspan="5" class="muted">暂无</td></tr>'}</tbody></table>`;
}

function processDetails(c) {
  const d = c.details;
  if (!d) return '';
  const parts = [];
  if (d.liaison) parts.push(`<div data-testid="liaison">专人对接：${esc(d.liaison.name)} ${esc(d.liaison.phone)}</div>`);
  if (d.compliance) parts.push(`<table data-testid="compliance"><thead><tr><th>部门</th><th>合规查询结果</th></tr></thead><tbody>${d.compliance.map((e) => `<tr><td>${esc(e.departmentName)}</td><td>${esc({ pending: '待答复', clean: '无违法违规记录', 'under-review': '有记录，核查中', cleared: '经核查消除', confirmed: '有处罚记录（已核实）' }[e.status])} ${e.findings.map((f) => `<div class="muted">${esc(f.date)} ${esc(f.summary)}</div>`).join('')}</td></tr>`).join('')}</tbody></table>`);
  if (d.subsidies?.length) parts.push(`<div>上市补贴：${d.subsidies.map((s) => `${s.level === 'municipal' ? '市级' : '区级'} ${s.amountYuan.toLocaleString()} 元`).join('；')}</div>`);
  if (d.permits) parts.push(`<div data-testid="permits">来华工作许可 <b>${esc(d.permits.workPermit.number)}</b>（至 ${esc(d.permits.workPermit.validUntil)}）；居留许可 <b>${esc(d.permits.residencePermit.number)}</b>（至 ${esc(d.permits.residencePermit.validUntil)}）</div>`);
  if (d.branches?.length) parts.push(`<div>${d.branches.map((b) => `${esc(b.name)}：${esc({ open: '办理中', granted: '已办结', refused: '未获批', cancelled: '已终止' }[b.status])}`).join('；')}</div>`);
  if (c.application?.talent) parts.push(`<div>外籍人才：${esc(c.application.talent.name)} · 护照 <span data-testid="passport">${esc(c.application.talent.passportNumber)}</span> · ${esc(c.application.talent.nationality)}</div>`);
  return parts.join('');
}

function criteriaSection(c) {
  if (!c.criteria) return '';
  const mismatched = new Set((c.mismatches ?? []).map((m) => m.field));
  return `<h2>报备即批准条件核验（自动比对）</h2><section class="card">
    <table><tbody>${c.criteria.map((r) => `<tr><td class="${r.passed ? 'passed' : 'failed'}">${r.passed ? '✓' : '✗'}</td><td>${esc(r.reason)}</td></tr>`).join('')}</tbody></table>
    ${(c.mismatches ?? []).map((m) => `<div class="mismatch" data-testid="mismatch">申报与共享数据不一致：${esc(m.field)} 申报 ${esc(m.declared)}，${esc(AGENCIES[m.source] ?? m.source)}记载 ${esc(m.shared)}</div>`).join('')}
    <h2>共享数据（免提交材料）</h2><table><tbody>${Object.entries(c.sharedData ?? {}).map(([k, v]) => `<tr class="${[...mismatched].some((f) => f.startsWith(k)) ? 'mismatch' : ''}"><td>来自${esc(v.source)}</td><td><code>${esc(JSON.stringify(v.record))}</code></td></tr>`).join('')}</tbody></table></section>`;
}

function stepsSection(c) {
  const me = session.user;
  return `<table data-testid="steps"><thead><tr><th>环节</th><th>部门</th><th>状态</th><th>截止</th><th>时限</th><th>结论</th><th>操作</th></tr></thead><tbody>
    ${c.steps.map((s) => `<tr data-step-row="${esc(s.name)}"><td>${esc(s.name)}${s.round > 1 ? `（第${s.round}轮）` : ''}</td><td>${esc(s.agencyName)}${s.assignee ? `<br><span class="muted">${esc(s.assignee.name)}</span>` : ''}</td>
      <td>${STATUS[s.status] ?? esc(s.status)}</td><td>${due(s.dueOn, s.dueOnProvisional)}</td><td>${chip(s.colour)}</td>
      <td>${s.decision ? `${esc(DECISION[s.decision] ?? s.decision)} ${esc(s.reason ?? '')}` : ''}${s.urges.map((u) => `<div class="urge">督办：${esc(u.note)}</div>`).join('')}${s.panel ? `<div class="muted">专家评分 ${s.panel.scores.length}/${s.panel.members.length}</div>` : ''}</td>
      <td>${stepActions(c, s, me)}</td></tr>`).join('')}</tbody></table>`;
}

function stepActions(c, s, me) {
  const open = s.status === 'open' || s.status === 'claimed';
  if (!open || !me) return '';
  if (me.role === 'agency' && me.agency === s.agency) {
    const claim = s.status === 'open' ? `<button data-claim="${esc(s.id)}">认领</button>` : '';
    if (s.kind === 'liaison') return `${claim}<form data-act="liaison" data-step="${esc(s.id)}"><input name="name" placeholder="对接专员姓名" data-field="name"><input name="phone" placeholder="联系电话" data-field="phone"><span data-field="_form"></span><button class="primary">指定专人</button></form>`;
    if (s.kind === 'subsidy') return `${claim}<form data-act="subsidy" data-step="${esc(s.id)}"><input name="amountYuan" type="number" placeholder="补贴金额（元）" data-field="amountYuan"><span data-field="_form"></span><button class="primary">拨付补贴</button></form>`;
    if (!s.allowed.length) return claim;
    return `${claim}<form data-act="decision" data-step="${esc(s.id)}"><select name="decision" data-field="decision">${s.allowed.map((d) => `<option value="${d}">${DECISION[d]}</option>`).join('')}</select>
      <input name="reason" placeholder="理由" data-field="reason"><textarea name="correctionItems" placeholder="补正事项（每行一项）" data-field="correctionItems"></textarea><span data-field="_form"></span><button class="primary">提交决定</button></form>`;
  }
  if (me.role === 'expert' && s.panel?.members.some((m) => m.userId === me.userId) && !s.panel.scores.some((x) => x.userId === me.userId)) {
    return `<form data-act="score" data-step="${esc(s.id)}"><input name="score" type="number" min="0" max="100" placeholder="评分 0–100" data-field="score"><input name="opinion" placeholder="评审意见" data-field="opinion"><span data-field="_form"></span><button class="primary">提交评分</button></form>`;
  }
  if (me.role === 'supervisor') {
    return `<form data-act="urge" data-step="${esc(s.id)}"><input name="note" placeholder="督办意见" data-field="note"><span data-field="_form"></span><button>督办</button></form>
      <form data-act="reassign" data-step="${esc(s.id)}"><select name="agency" data-field="agency">${options(AGENCIES)}</select><input name="reason" placeholder="改派理由" data-field="reason"><span data-field="_form"></span><button>改派</button></form>`;
  }
  return '';
}

function applicantActions(c, notices) {
  const me = session.user;
  if (me?.role !== 'applicant') return '';
  const notice = [...notices].reverse().find((d) => d.kind === 'correction-notice');
  const correction = c.status === 'awaiting-applicant' && notice
    ? `<section class="card" data-testid="correction"><h2>补正材料（一次性告知）</h2><form data-act="correction" data-case="${esc(c.id)}">
        ${notice.body.items.map((item, i) => `<div><b>${esc(item)}</b><input name="r${i}" data-item="${esc(item)}" data-field="responses" placeholder="补正说明"></div>`).join('')}<span data-field="_form"></span>
        <button class="primary">提交补正</button></form></section>`
    : '';
  const closed = ['certified', 'refused', 'rejected', 'withdrawn', 'completed', 'revoked', 'listed', 'permits-issued'].includes(c.status);
  return `${correction}${closed ? '' : `<div class="actions"><button data-withdraw="${esc(c.id)}">撤回申请</button></div>`}`;
}

function supervisorActions(c) {
  if (session.user?.role !== 'supervisor' || !c.clock || c.decidedAt) return '';
  return `<section class="card"><h2>延长办理期限</h2><form data-act="extend" data-case="${esc(c.id)}" class="grid">${field('延长工作日', 'days', '<input type="number" value="10" min="1" max="15">')}${field('理由（告知申请人）', 'reason', '<input>')}<span data-field="_form"></span><div><button>延长</button></div></form></section>`;
}

// ——— charts: plain SVG, each bar segment tagged with its colour and count ———
function stackedBars(rows) {
  if (!rows.length) return '<p class="muted" data-testid="chart-steps">暂无在办环节</p>';
  const max = Math.max(...rows.map((r) => r.total), 1);
  const width = 420;
  const h = 26;
  const left = 190;
  const bars = rows.map((r, i) => {
    let x = left;
    const segs = ['green', 'yellow', 'red'].map((colour) => {
      const w = (r[colour] / max) * (width - left - 30);
      const seg = r[colour] ? `<rect x="${x}" y="${i * h + 4}" width="${w}" height="${h - 8}" fill="var(--${colour})" data-agency="${esc(r.agency)}" data-colour="${colour}" data-count="${r[colour]}"><title>${esc(r.agencyName)} ${COLOUR[colour]} ${r[colour]}</title></rect>` : '';
      x += w;
      return seg;
    }).join('');
    return `<text x="0" y="${i * h + 18}">${esc(r.agencyName.slice(0, 10))}·${esc(PROCESS[r.process]?.slice(0, 2))}</text>${segs}<text x="${x + 4}" y="${i * h + 18}">${r.total}</text>`;
  }).join('');
  return `<svg data-testid="chart-steps" viewBox="0 0 ${width + 40} ${rows.length * h + 4}" width="100%" role="img" aria-label="各部门在办环节">${bars}</svg>`;
}

function onTimeChart(series) {
  const points = series ?? [];
  if (!points.length) return '<p class="muted" data-testid="chart-on-time">暂无已办结环节</p>';
  const weeks = [...new Set(points.map((p) => p.week))].sort();
  const w = 380;
  const h = 160;
  const x = (week) => 30 + (weeks.indexOf(week) / Math.max(weeks.length - 1, 1)) * (w - 50);
  const y = (rate) => 10 + (1 - rate) * (h - 30);
  const palette = ['#b71c1c', '#1565c0', '#6a1b9a', '#2e7d32', '#ef6c00', '#00838f'];
  const colours = Object.fromEntries(Object.keys(PROCESS).map((process, i) => [process, palette[i % palette.length]]));
  const lines = Object.keys(PROCESS).map((process) => {
    const own = points.filter((p) => p.process === process).sort((a, b) => a.week.localeCompare(b.week));
    if (!own.length) return '';
    const path = own.map((p) => `${x(p.week)},${y(p.onTime / p.decided)}`).join(' ');
    return `<polyline fill="none" stroke="${colours[process]}" stroke-width="2" points="${path}" data-process="${process}"/>${own.map((p) => `<circle cx="${x(p.week)}" cy="${y(p.onTime / p.decided)}" r="3" fill="${colours[process]}"><title>${PROCESS[process]} ${p.week} ${p.onTime}/${p.decided}</title></circle>`).join('')}`;
  }).join('');
  const legend = Object.entries(PROCESS).map(([k, l], i) => `<text x="${30 + i * 120}" y="${h - 2}" class="legend-${k}">■ ${l.slice(0, 6)}</text>`).join('');
  return `<svg data-testid="chart-on-time" viewBox="0 0 ${w} ${h}" width="100%" role="img" aria-label="按时办结率"><text x="0" y="14">100%</text><text x="0" y="${h - 18}">0%</text>${lines}${legend}</svg>`;
}

// ——— routing, events, refresh ———
function renderNav() {
  const me = session.user;
  document.getElementById('who').innerHTML = me ? `${esc(ROLE[me.role])}：${esc(me.name)} <button data-logout>退出</button>` : '<a href="#/login">登录</a>';
  document.getElementById('nav').innerHTML = [
    me?.role === 'applicant' ? '<a href="#/">我的申请</a>' : '',
    me?.role === 'agency' || me?.role === 'expert' ? '<a href="#/">待办</a>' : '',
    me?.role === 'supervisor' ? '<a href="#/">电子监察</a>' : '',
    '<a href="#/verify">公开查验</a>',
  ].join('');
}

// Renders overlap (an action's and the long poll's): the last one started read the newest data, so only it may draw.
let renders = 0;
async function render() {
  const mine = ++renders;
  renderNav();
  await loadProcesses();
  const [, route, arg] = location.hash.split('/');
  const view = route === 'new' ? views.new(arg) : route === 'cases' ? views.case(decodeURIComponent(arg)) : route === 'verify' ? views.verify(arg && decodeURIComponent(arg)) : route === 'login' ? views.login() : views.home();
  const html = await view;
  if (mine !== renders) return;
  $view.innerHTML = html;
  $view.dataset.route = route || 'home';
  $view.dataset.rendered = String(Date.now());
}

async function act(form) {
  const act = form.dataset.act;
  const step = form.dataset.step;
  const v = (n) => form.elements[n]?.value.trim();
  const calls = {
    decision: () => api('POST', `/steps/${step}/decision`, { decision: v('decision'), reason: v('reason') || undefined, correctionItems: v('correctionItems') ? v('correctionItems').split('\n').map((s) => s.trim()).filter(Boolean) : undefined }),
    liaison: () => api('POST', `/steps/${step}/liaison`, { name: v('name'), phone: v('phone') }),
    subsidy: () => api('POST', `/steps/${step}/subsidy`, { amountYuan: Number(v('amountYuan')) }),
    score: () => api('POST', `/steps/${step}/score`, { score: Number(v('score')), opinion: v('opinion') }),
    urge: () => api('POST', `/steps/${step}/urge`, { note: v('note') }),
    reassign: () => api('POST', `/steps/${step}/reassign`, { agency: v('agency'), reason: v('reason') }),
    extend: () => api('POST', `/cases/${form.dataset.case}/extensions`, { days: Number(v('days')), reason: v('reason') }),
    correction: () => api('POST', `/cases/${form.dataset.case}/corrections`, { responses: [...form.querySelectorAll('[data-item]')].map((i) => ({ item: i.dataset.item, response: i.value.trim() })) }),
  };
  const answer = await calls[act]();
  if (!answer.ok) {
    showErrors(form, answer.body?.errors ?? [{ field: '_form', message: answer.body?.message ?? `错误 ${answer.status}` }]);
    return;
  }
  await render();
}

document.addEventListener('click', async (event) => {
  const t = event.target.closest('[data-login],[data-logout],[data-href],[data-claim],[data-withdraw],[data-download],[data-bundle]');
  if (!t) return;
  if (t.dataset.login) {
    const a = await api('POST', '/auth/dev-login', { userId: t.dataset.login });
    session.set(a.body.token, a.body.user);
    location.hash = '#/';
    await render();
  } else if (t.hasAttribute('data-logout')) {
    session.clear();
    location.hash = '#/login';
  } else if (t.dataset.href) {
    location.hash = t.dataset.href;
  } else if (t.dataset.claim) {
    await api('POST', `/steps/${t.dataset.claim}/claim`);
    await render();
  } else if (t.dataset.withdraw) {
    if (confirm('确定撤回申请？')) { await api('POST', `/cases/${t.dataset.withdraw}/withdraw`, { reason: '申请人撤回' }); await render(); }
  } else if (t.dataset.download || t.dataset.bundle) {
    const path = t.dataset.bundle ? `/cases/${t.dataset.bundle}/compliance-bundle` : `/cases/${t.dataset.case}/documents/${t.dataset.download}`;
    const a = await api('GET', path);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([JSON.stringify(a.body, null, 2)], { type: 'application/json' }));
    link.download = t.dataset.bundle ? `合规证明-${a.body.code}.json` : `${t.dataset.download}.json`;
    link.click();
  }
});

document.addEventListener('submit', async (event) => {
  const form = event.target;
  event.preventDefault();
  if (form.dataset.verify !== undefined) {
    location.hash = `#/verify/${encodeURIComponent(form.elements.code.value.trim())}`;
    return;
  }
  if (form.dataset.act) return act(form);
  const spec = formOf(form.dataset.form);
  const body = spec.read(form);
  const problems = spec.check(body);
  showErrors(form, problems);
  if (problems.length) return;
  const a = await api('POST', `/cases/${form.dataset.form}`, body, { 'Idempotency-Key': form.dataset.key });
  if (a.ok) location.hash = `#/cases/${a.body.id}`;
  else showErrors(form, a.body?.errors ?? [{ field: '_form', message: a.body?.message ?? `错误 ${a.status}` }]);
});

window.addEventListener('hashchange', render);
// Cases move while people watch. A case page or an inbox is long-polled (If-None-Match +
// Prefer: wait): the API answers when it changes, and the view re-renders then. Other views
// (my cases, the supervisor's dashboard) refresh every 2 s. Never while someone is typing.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const busy = () => {
  const typing = document.activeElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(document.activeElement.tagName);
  const hasInput = [...document.querySelectorAll('input:not([type=checkbox]), textarea')].some((i) => i.value !== i.defaultValue);
  return typing || hasInput;
};
function watchedPath() {
  const [, route, arg] = location.hash.split('/');
  const role = session.user?.role;
  if (!session.token) return null;
  if (route === 'cases' && arg) return `/cases/${arg}`;
  if (!route && (role === 'agency' || role === 'expert')) return '/inbox';
  return null;
}
let stale = false;
let polling = null;
window.addEventListener('hashchange', () => polling?.abort()); // stop waiting on the view just left
(async function watch() {
  let path = null;
  let etag = null;
  for (;;) {
    const now = watchedPath();
    if (!now) { path = null; await sleep(1000); continue; }
    if (now !== path) { path = now; etag = renderedEtags.get(path) ?? null; }
    polling = new AbortController();
    const response = await fetch(path, {
      headers: { authorization: `Bearer ${session.token}`, ...(etag ? { 'if-none-match': etag, prefer: 'wait=25' } : {}) },
      signal: polling.signal,
    }).catch((error) => (error.name === 'AbortError' ? { status: 'aborted' } : null));
    if (response?.status === 200 && watchedPath() === path) {
      const changed = etag && response.headers.get('etag') !== etag;
      etag = response.headers.get('etag');
      // watchedPath() is a case or an inbox, never a form: only typing can hold the render back.
      if (changed && busy()) stale = true;
      else if (changed) render();
    } else if (response?.status !== 304 && response?.status !== 'aborted') {
      await sleep(2000); // API away, or a 4xx the view itself shows: try again shortly
    }
  }
})();
setInterval(() => {
  if (!session.token || busy() || ['new', 'verify'].includes($view.dataset.route)) return;
  if (watchedPath() === null || stale) {
    stale = false;
    render();
  }
}, 2000);
render();

// ——— processing paused: a banner on every page while the API is not ready (no worker polling,
// a department unreachable …), in the API's own words, until it is ready again ———
const $paused = document.createElement('div');
$paused.id = 'processing-paused';
$paused.className = 'banner error';
$paused.setAttribute('role', 'alert');
$paused.style.cssText = 'max-width: 1152px; margin: 12px auto 0;';
$paused.hidden = true;
$view.before($paused);
async function watchReadiness() {
  const answer = await fetch('/health/ready', { cache: 'no-store' }).catch(() => null);
  if (answer?.ok) {
    $paused.hidden = true;
    return;
  }
  const body = answer ? await answer.json().catch(() => ({})) : {};
  $paused.textContent = answer ? (body.message ?? `处理暂停：服务未就绪（${answer.status}）`) : '无法连接服务器，请检查网络或稍后再试';
  $paused.dataset.causes = (body.problems ?? []).map((p) => p.check).join(' ');
  $paused.hidden = false;
}
watchReadiness();
setInterval(watchReadiness, 5000);
