// Simplified Chinese, the default language. English mirrors every key (en.ts is type-checked against this).
export const zhCN = {
  app: { name: '排头兵', fullName: '排头兵 · 高质量发展综合管理平台', district: '海淀区' },
  common: {
    save: '保存', cancel: '取消', create: '新建', edit: '编辑', add: '添加', search: '搜索', reset: '重置', refresh: '刷新',
    confirm: '确定', back: '返回', actions: '操作', status: '状态', active: '启用', inactive: '停用', all: '全部', yes: '是', no: '否',
    loading: '加载中…', none: '无', total: '共 {{n}} 条', reload: '重新加载', close: '关闭', view: '查看', details: '详情',
    readOnly: '只读', name: '名称', code: '代码', description: '说明', version: '版本', createdAt: '创建时间', updatedAt: '更新时间',
  },
  menu: {
    home: '首页', requests: '接诉即办', requestIntake: '受理诉求', requestList: '诉求工单', myRequests: '本单位诉求', overdueRequests: '超期工单', requestRates: '三率与热点', org: '组织机构', units: '单位管理', myUnit: '本单位', categories: '考核类别', system: '系统管理', users: '账号管理', audit: '审计日志',
  },
  user: {
    menu: '用户菜单', changePassword: '修改密码', logout: '退出登录', language: '语言', loggedOut: '已退出登录',
  },
  roles: {
    admin: '系统管理员', assessment_office: '考核办', supervision_office: '督查室', hotline_centre: '12345热线中心',
    reviewer: '审核员', unit_reporter: '单位填报员', leader: '区领导', public: '公众',
  },
  kinds: { street: '街道', town: '镇（地区）', department: '区级部门', soe: '区属国企', park: '园区', other: '其他' },
  login: {
    title: '用户登录', subtitle: '海淀区高质量发展综合管理平台', username: '用户名', password: '密码', submit: '登录',
    usernameRequired: '请输入用户名', passwordRequired: '请输入密码', throttled: '尝试次数过多，请 {{seconds}} 秒后再试', throttledMinutes: '尝试次数过多，请 {{minutes}} 分钟后再试',
    failed: '登录失败', demoHint: '演示账号：admin / kaohe / ducha / rexian / shenhe / zgc / lingdao，密码 Demo-2026-haidian',
    footer: '仅供政务内部使用 · 请妥善保管账号',
  },
  password: {
    title: '修改密码', forcedTitle: '首次登录，请修改初始密码', forcedHint: '为保障账号安全，管理员创建的账号在首次登录时必须设置新密码。',
    current: '当前密码', new: '新密码', repeat: '确认新密码', submit: '修改密码', tooShort: '新密码至少 10 位', mismatch: '两次输入的新密码不一致',
    required: '请输入密码', changed: '密码已修改',
  },
  errors: {
    title: '操作未成功', forbiddenTitle: '没有权限', conflictTitle: '数据已被他人修改', conflictHint: '请重新加载后再修改。',
    notFoundTitle: '记录不存在或无权查看', sessionExpired: '登录已失效，请重新登录', validationTitle: '请检查输入', networkTitle: '网络错误',
    notFoundPage: '页面不存在', notFoundPageHint: '您访问的页面不存在。', backHome: '返回首页', loadFailed: '加载失败',
  },
  home: {
    welcome: '您好，{{name}}', roleLine: '您的角色：{{role}}', unitLine: '所属单位：{{unit}}', overview: '{{district}}概况',
    unitsTotal: '单位总数', activeUnits: '在用单位', categoriesTotal: '考核类别', byKind: '按单位类型', byCategory: '按考核类别',
    uncategorised: '未分类', count: '数量', share: '占比', readOnlyNotice: '区领导账号为只读：可查看全部数据，不能修改。',
    reporterNotice: '您只能查看和维护本单位的信息与联系人。', goUnits: '进入单位管理', goMyUnit: '查看本单位',
  },
  units: {
    title: '单位管理', searchPlaceholder: '按名称、代码或拼音首字母搜索，如 zgc', kind: '单位类型', category: '考核类别', division: '所属街乡',
    district: '所属区县', shortName: '简称', pinyin: '拼音首字母', name: '单位名称', code: '单位代码', create: '新建单位', editTitle: '编辑单位',
    createTitle: '新建单位', deactivate: '停用', activate: '启用', deactivateConfirm: '确定停用“{{name}}”吗？停用后不再参与考核，历史记录保留，可随时重新启用。',
    activateConfirm: '确定重新启用“{{name}}”吗？', deactivated: '已停用“{{name}}”', activated: '已启用“{{name}}”', created: '已新建“{{name}}”',
    saved: '已保存', activeFilter: '状态', onlyActive: '在用', onlyInactive: '已停用', noCategory: '未分类', codeHelp: '字母、数字、点、下划线或连字符',
    nameRequired: '请输入单位名称', codeRequired: '请输入单位代码', kindRequired: '请选择单位类型', notFound: '单位不存在，或您无权查看该单位。',
    detailTitle: '单位详情', basics: '基本信息', contacts: '联系人', history: '变更记录', backToList: '返回单位列表', divisionPlaceholder: '选择街道或乡镇（可不选）',
    categoryPlaceholder: '选择考核类别（可不选）',
  },
  contacts: {
    name: '姓名', title: '职务', phone: '电话', email: '电子邮箱', add: '添加联系人', editTitle: '编辑联系人', addTitle: '添加联系人',
    saved: '联系人已保存', nameRequired: '请输入姓名', emailInvalid: '邮箱格式不正确', empty: '暂无联系人', deactivate: '停用', activate: '启用',
  },
  categories: {
    title: '考核类别', intro: '单位只在所属类别内排名（分类考核）。', create: '新建类别', createTitle: '新建考核类别', editTitle: '编辑考核类别',
    unitCount: '单位数', saved: '已保存', deactivateConfirm: '确定停用类别“{{name}}”吗？已归入该类别的单位不受影响。', activateConfirm: '确定启用类别“{{name}}”吗？',
    nameRequired: '请输入类别名称', codeRequired: '请输入类别代码',
  },
  users: {
    title: '账号管理', create: '新建账号', createTitle: '新建账号', editTitle: '编辑账号', username: '用户名', displayName: '姓名', role: '角色', unit: '绑定单位',
    initialPassword: '初始密码', initialPasswordHelp: '至少 10 位；用户首次登录时必须修改', mustChange: '待改密码', disable: '停用', enable: '启用',
    disableConfirm: '确定停用账号“{{name}}”吗？停用后该账号不能登录。', enableConfirm: '确定重新启用账号“{{name}}”吗？',
    resetPassword: '重置密码', resetTitle: '重置“{{name}}”的密码', resetHint: '重置后该用户的所有会话立即失效，下次登录须修改密码。', resetDone: '密码已重置',
    created: '已创建账号 {{username}}', saved: '已保存', disabled: '已停用', enabled: '已启用', unitRequired: '单位填报员必须绑定单位',
    usernameRequired: '请输入用户名', displayNameRequired: '请输入姓名', roleRequired: '请选择角色', searchPlaceholder: '按用户名或姓名筛选', unitPlaceholder: '搜索并选择单位',
  },
  audit: {
    title: '审计日志', intro: '每一次数据变更都记录操作人、时间、变更前后内容，记录之间以哈希链相连，任何绕过系统的篡改都能被发现。',
    verify: '校验审计链', verifying: '正在校验…', ok: '审计链完整', okDetail: '已校验 {{rows}} 条记录，未发现篡改。', broken: '审计链断裂',
    brokenDetail: '第 {{seq}} 条记录异常：{{problem}}（{{detail}}）', lookup: '查询实体变更记录', entityType: '实体类型', entityId: '实体 ID', query: '查询',
    historyEmpty: '暂无变更记录', lookupHint: '选择实体类型并输入其 ID（可在单位详情等页面的地址栏中找到），即可查看完整变更记录。', at: '时间', actor: '操作人', action: '操作', changes: '变更内容', created: '新建记录', field: '字段', before: '变更前', after: '变更后',
    noFieldChange: '无字段变化', recent: '最近变更', record: '记录', allTypes: '全部类型', open: '查看',
    entities: { unit: '单位', category: '考核类别', contact: '联系人', user: '账号' },
    actions: {
      unit: { create: '新建单位', update: '修改单位', deactivate: '停用单位', activate: '启用单位' },
      category: { create: '新建类别', update: '修改类别' },
      contact: { create: '添加联系人', update: '修改联系人' },
      user: { create: '新建账号', update: '修改账号', change_password: '修改密码', reset_password: '重置密码' },
    },
    fields: {
      name: '名称', shortName: '简称', code: '代码', kind: '类型', active: '状态', categoryId: '考核类别', divisionCode: '所属街乡',
      districtCode: '所属区县', title: '职务', phone: '电话', email: '电子邮箱', description: '说明', displayName: '姓名', role: '角色',
      unitId: '绑定单位', username: '用户名', mustChangePassword: '待改密码',
    },
  },
} as const;
