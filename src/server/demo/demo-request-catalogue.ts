// The demo district's dispatch catalogue (派单目录) and the centre points of Haidian's streets and
// towns (approximate, for telling which one a coordinate falls in). Illustrative, like the rest
// of the demo; officials edit the catalogue in the app.
import type { SlaClass } from '../../core/requests/sla.ts';
import type { ResponsibleKind, ServiceAttribute } from '../../core/requests/catalogue.ts';

export interface DemoService {
  code: string; name: string; group: string; kind: ResponsibleKind; sla: SlaClass; department?: string;
  keywords: string[]; callback?: boolean; attributes?: ServiceAttribute[];
  /** How citizens describe it: the generator picks and fills these. */
  texts: string[];
}

export const demoServiceGroups: { code: string; name: string }[] = [
  { code: 'CSGL', name: '城市管理' }, { code: 'SZSS', name: '市政设施' }, { code: 'ZFWY', name: '住房物业' },
  { code: 'SCJG', name: '市场监管' }, { code: 'LDSB', name: '劳动社保' }, { code: 'JTCX', name: '交通出行' }, { code: 'JJSX', name: '紧急事项' },
];

const noiseTime: ServiceAttribute = {
  code: 'NOISE_TIME', datatype: 'singlevaluelist', required: false, description: '噪音出现的时段 (when the noise occurs)', order: 1,
  values: [{ key: 'day', name: '白天' }, { key: 'night', name: '夜间（22时至次日6时）' }],
};

export const demoServices: DemoService[] = [
  { code: 'CSGL-ZDJY', name: '占道经营', group: 'CSGL', kind: 'street_town', sla: 'general', keywords: ['摊贩', '占道', '早市'],
    texts: ['{place}路边有流动摊贩占道经营，影响行人通行', '{place}早市摊位占用人行道，垃圾遍地', '{place}门口夜市烧烤占道经营，油烟很大'] },
  { code: 'CSGL-ZYRM', name: '噪音扰民', group: 'CSGL', kind: 'street_town', sla: 'general', keywords: ['噪音', '施工', '扰民'], attributes: [noiseTime],
    texts: ['{place}附近工地夜间施工噪音扰民，影响休息', '{place}楼下广场舞音响声音太大，噪音扰民', '{place}商铺大喇叭叫卖噪音扰民'] },
  { code: 'CSGL-HJWS', name: '环境卫生', group: 'CSGL', kind: 'street_town', sla: 'general', keywords: ['垃圾', '清运', '卫生'],
    texts: ['{place}垃圾桶满溢多日无人清运，异味严重', '{place}绿化带内堆放建筑垃圾', '{place}小区垃圾分类驿站脏乱'] },
  { code: 'CSGL-WFJS', name: '违法建设', group: 'CSGL', kind: 'street_town', sla: 'complex', keywords: ['违建', '私搭乱建'],
    texts: ['{place}有住户在楼顶私搭乱建，存在安全隐患', '{place}一层住户私自扩建院墙占用公共绿地'] },
  { code: 'CSGL-TCGL', name: '停车管理', group: 'CSGL', kind: 'street_town', sla: 'general', keywords: ['停车', '车位', '乱停'],
    texts: ['{place}机动车乱停乱放堵塞消防通道', '{place}共享单车堆积占用盲道', '{place}小区周边停车位不足，夜间停车难'] },
  { code: 'SZSS-GS', name: '供水问题', group: 'SZSS', kind: 'department', sla: 'utilities', department: '区水务局', keywords: ['停水', '水压', '水管'],
    texts: ['{place}突然停水，没有提前通知', '{place}自来水水压低，高层用不上水', '{place}路面水管破裂漏水'] },
  { code: 'SZSS-GN', name: '供暖问题', group: 'SZSS', kind: 'department', sla: 'utilities', department: '区城市管理委员会', keywords: ['暖气', '供暖', '温度'],
    texts: ['{place}暖气不热，室温只有十几度', '{place}供暖管道漏水', '{place}暖气片不热，家中老人受凉'] },
  { code: 'SZSS-LD', name: '路灯照明', group: 'SZSS', kind: 'department', sla: 'general', department: '区城市管理委员会', keywords: ['路灯', '照明'],
    texts: ['{place}一排路灯不亮，夜间出行不安全', '{place}路灯白天一直亮着，浪费电'] },
  { code: 'JTCX-DLPS', name: '道路破损', group: 'JTCX', kind: 'department', sla: 'general', department: '区交通委员会', keywords: ['坑洼', '路面', '井盖'],
    texts: ['{place}路面坑洼不平，电动车容易摔倒', '{place}井盖松动，车辆经过声音很大', '{place}人行道地砖破损翘起'] },
  { code: 'ZFWY-WYFW', name: '物业服务', group: 'ZFWY', kind: 'street_town', sla: 'complex', keywords: ['物业', '电梯', '维修'],
    texts: ['{place}小区电梯经常故障，物业维修不及时', '{place}物业不作为，楼道灯坏了很久没人修', '{place}小区物业乱收停车费'] },
  { code: 'SCJG-XFJF', name: '消费纠纷', group: 'SCJG', kind: 'department', sla: 'general', department: '区市场监督管理局', keywords: ['退费', '预付卡', '消费'],
    texts: ['{place}健身房关门跑路，预付卡无法退费', '{place}培训机构拒绝退还剩余课时费', '{place}超市商品过期仍在销售'] },
  { code: 'SCJG-SPAQ', name: '食品安全', group: 'SCJG', kind: 'department', sla: 'utilities', department: '区市场监督管理局', keywords: ['食品', '卫生', '餐馆'],
    texts: ['{place}餐馆后厨卫生条件差，吃后腹泻', '{place}外卖店无证经营'] },
  { code: 'LDSB-TQGZ', name: '拖欠工资', group: 'LDSB', kind: 'department', sla: 'complex', department: '区人力资源和社会保障局', keywords: ['工资', '欠薪', '农民工'],
    texts: ['{place}工地拖欠农民工工资两个月', '{place}公司拖欠员工工资并拒绝签劳动合同'] },
  { code: 'JJSX-RQXL', name: '燃气泄漏', group: 'JJSX', kind: 'department', sla: 'emergency', department: '区城市管理委员会', keywords: ['燃气', '煤气', '泄漏'],
    texts: ['{place}楼道里有很浓的燃气味，怀疑燃气泄漏', '{place}餐馆门口燃气管道有异味'] },
];

/** Approximate centre points of Haidian's 29 streets and towns (GB/T 2260 codes). */
export const demoAreaCentres: { divisionCode: string; lat: number; lon: number; places: string[] }[] = [
  { divisionCode: '110108001', lat: 39.907, lon: 116.292, places: ['万寿路', '翠微路', '复兴路'] },
  { divisionCode: '110108002', lat: 39.906, lon: 116.258, places: ['永定路', '五棵松'] },
  { divisionCode: '110108003', lat: 39.902, lon: 116.322, places: ['羊坊店路', '军博'] },
  { divisionCode: '110108004', lat: 39.924, lon: 116.326, places: ['甘家口', '三里河路'] },
  { divisionCode: '110108005', lat: 39.931, lon: 116.296, places: ['八里庄', '玲珑路'] },
  { divisionCode: '110108006', lat: 39.944, lon: 116.311, places: ['紫竹院路', '车道沟'] },
  { divisionCode: '110108007', lat: 39.951, lon: 116.342, places: ['北下关', '交大东路'] },
  { divisionCode: '110108008', lat: 39.963, lon: 116.371, places: ['北太平庄', '蓟门桥'] },
  { divisionCode: '110108010', lat: 40.003, lon: 116.353, places: ['学院路', '五道口'] },
  { divisionCode: '110108011', lat: 39.983, lon: 116.316, places: ['中关村大街', '海淀黄庄', '知春路'] },
  { divisionCode: '110108012', lat: 39.988, lon: 116.303, places: ['海淀大街', '苏州街'] },
  { divisionCode: '110108013', lat: 40.004, lon: 116.268, places: ['青龙桥', '颐和园路'] },
  { divisionCode: '110108014', lat: 40.003, lon: 116.330, places: ['清华园', '双清路'] },
  { divisionCode: '110108015', lat: 39.992, lon: 116.309, places: ['燕园', '中关园'] },
  { divisionCode: '110108016', lat: 39.993, lon: 116.192, places: ['香山路', '买卖街'] },
  { divisionCode: '110108017', lat: 40.030, lon: 116.332, places: ['清河', '小营'] },
  { divisionCode: '110108018', lat: 39.978, lon: 116.367, places: ['花园路', '北三环'] },
  { divisionCode: '110108019', lat: 40.060, lon: 116.340, places: ['西三旗', '建材城'] },
  { divisionCode: '110108020', lat: 40.035, lon: 116.278, places: ['马连洼', '西北旺路'] },
  { divisionCode: '110108021', lat: 39.930, lon: 116.250, places: ['田村路', '半壁店'] },
  { divisionCode: '110108022', lat: 40.040, lon: 116.305, places: ['上地', '信息路'] },
  { divisionCode: '110108023', lat: 39.966, lon: 116.296, places: ['万柳', '巴沟'] },
  { divisionCode: '110108024', lat: 40.015, lon: 116.355, places: ['东升', '双清路北'] },
  { divisionCode: '110108025', lat: 39.962, lon: 116.282, places: ['曙光', '蓝靛厂'] },
  { divisionCode: '110108026', lat: 40.040, lon: 116.180, places: ['温泉', '白家疃'] },
  { divisionCode: '110108027', lat: 39.960, lon: 116.245, places: ['四季青', '香泉环岛'] },
  { divisionCode: '110108028', lat: 40.055, lon: 116.255, places: ['西北旺', '永丰'] },
  { divisionCode: '110108029', lat: 40.085, lon: 116.140, places: ['苏家坨', '七王坟'] },
  { divisionCode: '110108030', lat: 40.100, lon: 116.200, places: ['上庄', '翠湖'] },
];
