// The demo district, modelled on Beijing's Haidian (海淀区, 110108): its real streets and towns come
// from the division data; departments, companies, parks and people are illustrative.
export const demoDistrictCode = '110108';

export const demoCategories = [
  { code: 'ZJ', name: '镇街', description: '街道和地区（乡镇），按镇街类指标分类考核' },
  { code: 'BM', name: '部门', description: '区政府工作部门及园区管理机构' },
  { code: 'GQ', name: '国企', description: '区属国有企业' },
] as const;

export const demoDepartments = [
  '区政府办公室', '区发展和改革委员会', '区教育委员会', '区科学技术和信息化局', '区民政局', '区司法局', '区财政局',
  '区人力资源和社会保障局', '区生态环境局', '区住房和城乡建设委员会', '区城市管理委员会', '区交通委员会', '区水务局',
  '区农业农村局', '区商务局', '区文化和旅游局', '区卫生健康委员会', '区退役军人事务局', '区应急管理局',
  '区市场监督管理局', '区统计局', '区园林绿化局', '区政务服务和数据管理局', '区城市管理综合行政执法局', '区体育局',
];

/** Code of a department in the demo: BM001 … in the order above (区统计局 is BM021). */
export const demoDepartmentCode = (name: string): string => {
  const i = demoDepartments.indexOf(name);
  if (i < 0) throw new Error(`no demo department ${name}`);
  return `BM${String(i + 1).padStart(3, '0')}`;
};

export const demoCompanies = [
  '北京海淀国有资本运营有限公司', '北京中关村科学城城市更新发展集团有限公司', '北京实创科技园开发建设股份有限公司',
  '北京海淀置业集团有限公司', '北京海淀城市运营服务集团有限公司', '北京海淀科技金融资本控股集团有限公司',
];

export const demoParks = ['中关村软件园管理委员会', '中关村环保科技示范园管理委员会', '中关村永丰产业基地管理委员会'];

const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const givenNames = ['建国', '晓燕', '伟', '敏', '静', '磊', '志刚', '海燕', '军', '丽娟', '洪涛', '文博', '雪梅', '立新', '春华', '鹏', '晓东', '秀英', '明辉', '佳怡'];
const titles = ['办公室主任', '综合科科长', '考核联络员', '副主任', '科员'];

/** A deterministic, realistic contact for the n-th unit. */
export function demoContact(n: number): { name: string; title: string; phone: string } {
  const surname = surnames[n % surnames.length]!;
  const given = givenNames[(n * 7) % givenNames.length]!;
  return { name: surname + given, title: titles[n % titles.length]!, phone: `010-8${String(2_100_000 + n * 3_187).padStart(7, '0')}` };
}

/** Demo password of every demo account; printed at start, never for production. */
export const demoPassword = 'Demo-2026-haidian';

export const demoAccounts = [
  { username: 'admin', displayName: '王建国', role: 'admin', label: '系统管理员' },
  { username: 'kaohe', displayName: '李晓燕', role: 'assessment_office', label: '考核办' },
  { username: 'ducha', displayName: '张伟', role: 'supervision_office', label: '督查室' },
  { username: 'rexian', displayName: '刘敏', role: 'hotline_centre', label: '12345热线中心' },
  { username: 'shenhe', displayName: '陈静', role: 'reviewer', label: '审核员' },
  { username: 'zgc', displayName: '赵磊', role: 'unit_reporter', label: '中关村街道填报员', unitName: '中关村街道' },
  // The statistics bureau is a unit: its reporter bulk-imports the scheme's statistics indicators for every unit.
  { username: 'tongji', displayName: '周春华', role: 'unit_reporter', label: '区统计局填报员', unitName: '区统计局' },
  { username: 'lingdao', displayName: '孙志刚', role: 'leader', label: '区领导' },
] as const;
