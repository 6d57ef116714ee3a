// Which past requests resemble a new one, and which unit handled them: the basis of the dispatch
// suggestion and of rising clusters. Text is cut into words by a segmenter the caller supplies
// (jieba on the server), so this module stays pure and testable with any word list.

export type Segmenter = (text: string) => string[];

/** Words that say nothing about what a request is about. */
const stopWords = new Set([
  '的', '了', '在', '是', '我', '有', '和', '就', '不', '人', '都', '一', '一个', '上', '也', '很', '到', '说', '要', '去', '你',
  '会', '着', '没有', '看', '好', '自己', '这', '那', '市民', '反映', '来电', '诉求', '问题', '希望', '请', '相关', '部门', '处理',
  '解决', '尽快', '要求', '情况', '表示', '称', '目前', '现在', '已经', '导致', '存在', '进行', '附近', '号', '号楼',
]);

/**
 * The meaningful words of a text: segmented, lower-cased, without punctuation, digits, stop words
 * or single Chinese characters (占, 道: too common alone to tell requests apart).
 */
export function keywords(text: string, segment: Segmenter): string[] {
  return segment(text)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w.length > 0 && !stopWords.has(w) && !/^[\p{P}\p{S}\p{N}\s]+$/u.test(w) && !/^\p{Script=Han}$/u.test(w));
}

export type TermVector = Map<string, number>;

export function termVector(words: string[]): TermVector {
  const v: TermVector = new Map();
  for (const w of words) v.set(w, (v.get(w) ?? 0) + 1);
  return v;
}

/** Cosine similarity of two term vectors, 0…1. */
export function cosine(a: TermVector, b: TermVector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [w, x] of a) {
    na += x * x;
    const y = b.get(w);
    if (y !== undefined) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

export function sharedWords(a: TermVector, b: TermVector): string[] {
  return [...a.keys()].filter((w) => b.has(w));
}

export interface PastRequest { id: string; code: string; unitId: string; unitName: string; words: string[]; sameCategory: boolean }

export interface DispatchSuggestion {
  unitId: string;
  unitName: string;
  score: number;
  /** The most similar past requests behind the suggestion and the words they share. */
  evidence: { code: string; similarity: number; sharedWords: string[] }[];
  reason: string;
}

/**
 * Ranks units by how similar their past requests are to the new text: each past request adds its
 * cosine similarity (doubled when it is of the same category) to its unit's score.
 */
export function suggestUnits(words: string[], past: PastRequest[], limit = 3, minSimilarity = 0.15): DispatchSuggestion[] {
  const query = termVector(words);
  const byUnit = new Map<string, DispatchSuggestion>();
  for (const p of past) {
    const vector = termVector(p.words);
    const similarity = cosine(query, vector);
    if (similarity < minSimilarity) continue;
    const entry = byUnit.get(p.unitId) ?? { unitId: p.unitId, unitName: p.unitName, score: 0, evidence: [], reason: '' };
    entry.score += similarity * (p.sameCategory ? 2 : 1);
    entry.evidence.push({ code: p.code, similarity, sharedWords: sharedWords(query, vector) });
    byUnit.set(p.unitId, entry);
  }
  const ranked = [...byUnit.values()].sort((a, b) => b.score - a.score || a.unitName.localeCompare(b.unitName, 'zh-CN')).slice(0, limit);
  for (const s of ranked) {
    s.evidence.sort((a, b) => b.similarity - a.similarity);
    s.evidence = s.evidence.slice(0, 3);
    const words = [...new Set(s.evidence.flatMap((e) => e.sharedWords))].slice(0, 5);
    s.reason = `${s.evidence.length} 件相似诉求由${s.unitName}办理（如 ${s.evidence[0]!.code}），共同词：${words.join('、')}`;
  }
  return ranked;
}
