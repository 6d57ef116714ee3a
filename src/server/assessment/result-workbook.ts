// Results and rankings as an Excel workbook: a sheet per category in rank order, scores with two
// decimals shown (full precision kept in the cells), and a sheet describing the result.
import ExcelJS from 'exceljs';
import type { RoundOutcome } from '../../core/scheme/round-snapshot.ts';
import type { ResultSummary } from './result-service.ts';

export async function resultWorkbook(summary: ResultSummary, outcome: RoundOutcome, categoryNames: Map<string, string>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pacesetter';
  for (const c of outcome.categories) {
    const sheet = workbook.addWorksheet(categoryNames.get(c.categoryCode) ?? c.categoryCode, { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
    const head = ['排名', '单位', '综合得分', '基础得分', ...c.parts.map((p) => p.name), '加分', '扣分', '一票否决', '等次', '排名区间(5%)', '排名中位数', '排名区间(95%)'];
    sheet.addRow(head).font = { bold: true };
    for (const u of c.units) {
      sheet.addRow([u.rank, u.name, u.score, u.baseScore, ...c.parts.map((p) => u.parts[p.code] ?? null), u.bonus, u.penalty, u.vetoes.join('、'), u.tier,
        u.interval?.p5 ?? null, u.interval?.median ?? null, u.interval?.p95 ?? null]);
    }
    sheet.columns.forEach((col, i) => { col.width = i === 1 ? 30 : 12; });
    for (let col = 3; col <= 6 + c.parts.length; col++) sheet.getColumn(col).numFmt = '0.00';
  }
  const about = workbook.addWorksheet('说明');
  [['考核', outcome.label], ['状态', summary.status === 'published' ? '已发布' : '草稿'], ['方案版本', `第${summary.schemeVersion}版`],
    ['计算引擎', summary.engineVersion], ['结果校验码(SHA-256)', summary.outcomeHash], ['说明', '得分显示两位小数，单元格内保留完整精度；排名区间为权重与计分方法扰动下的5%–95%分位。']]
    .forEach((r) => about.addRow(r));
  about.getColumn(1).width = 20;
  about.getColumn(2).width = 80;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
