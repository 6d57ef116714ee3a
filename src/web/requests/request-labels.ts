// Labels of the request pages in the two languages. The Chinese names of states and steps are
// the core's (the server speaks them too); the English ones live here, beside them.
import { eventLabels, statusLabels, type RequestEvent, type RequestStatus } from '../../core/requests/lifecycle.ts';
import type { Satisfaction } from '../../core/requests/rates.ts';
import type { DispatchSuggestion } from '../../core/requests/similarity.ts';
import { formatPercent } from '../shell/format.ts';
import { useText } from '../shell/use-text.ts';

export const statusColours: Record<RequestStatus, string> = {
  received: 'default', dispatched: 'blue', returned: 'orange', accepted: 'cyan', in_progress: 'geekblue',
  replied: 'purple', called_back: 'magenta', reopened: 'red', closed: 'green',
};

const statusEn: Record<RequestStatus, string> = {
  received: 'Received', dispatched: 'Dispatched', returned: 'Returned', accepted: 'Accepted', in_progress: 'In progress',
  replied: 'Replied', called_back: 'Called back', reopened: 'Reopened', closed: 'Closed',
};

/** The buttons: what the reader does next. */
const eventEn: Record<RequestEvent, string> = {
  dispatch: 'Dispatch', accept: 'Accept', return: 'Return', start: 'Start work', reply: 'Reply', callback: 'Call back', close: 'Close',
  reopen: 'Reopen', request_extension: 'Request extension', approve_extension: 'Approve extension', refuse_extension: 'Refuse extension',
  add_co_handler: 'Add co-handler',
};

/** The same steps once done: the confirmation and the timeline (Chinese says 已派单, 已签收…). */
const eventDoneEn: Record<RequestEvent | 'receive', string> = {
  receive: 'Received', dispatch: 'Dispatched', accept: 'Accepted', return: 'Returned', start: 'Work started', reply: 'Replied',
  callback: 'Called back', close: 'Closed', reopen: 'Reopened', request_extension: 'Extension requested',
  approve_extension: 'Extension approved', refuse_extension: 'Extension refused', add_co_handler: 'Co-handler added',
};

const satisfactionText: Record<Satisfaction, [string, string]> = {
  satisfied: ['满意', 'Satisfied'], basically_satisfied: ['基本满意', 'Mostly satisfied'], unsatisfied: ['不满意', 'Not satisfied'],
};

const channelText: Record<string, [string, string]> = {
  phone: ['电话', 'Phone'], web: ['网上', 'Online'], open311: ['Open311 接口', 'Open311 API'], import: ['批量导入', 'Bulk import'], app: ['移动端', 'Mobile app'],
};

/** The steps a citizen sees on the tracking page come labelled in Chinese by the server. */
const publicStepEn: Record<string, string> = {
  已受理: 'Received', 已派单: 'Dispatched', 承办单位已签收: 'Accepted by the handling unit', 重新派单中: 'Being dispatched again',
  办理中: 'In progress', 承办单位已答复: 'The handling unit has replied', 已回访: 'Called back', 已办结: 'Closed',
  重新办理: 'Reopened', 办理期限已延长: 'Deadline extended',
};

/**
 * Sentences the server writes in Chinese (dispatch reasons, the monthly theme), read back into
 * English by their known shapes; one of another shape stays as the server wrote it.
 */
const serverSentences: [RegExp, (...m: string[]) => string][] = [
  [/^派单规则：(本类别|任意类别)，(本街乡|全区)$/, (c, d) => `Dispatch rule: ${c === '本类别' ? 'this category' : 'any category'}, ${d === '本街乡' ? 'this street or town' : 'the whole district'}`],
  [/^属地管理：诉求位于(.+)$/, (place) => `Local responsibility: the request is in ${place}`],
  [/^行业主管：(.+)由(.+)承办$/, (service, unit) => `Sector responsibility: ${unit} handles ${service}`],
  [/^(\d+)月每月一题建议：(.+)$/, (month, name) => `Suggested issue of the month for ${monthNames[Number(month) - 1] ?? month}: ${name}`],
  [/^本期 (\d+) 件，上月同期 (\d+) 件(?:，环比 ([+-]?[\d.]+%)|（新出现）)$/, (now, before, change) => `${now} in this period, ${before} in the same days of last month${change ? ` (${change} per day)` : ' (new)'}`],
  [/^占本期全部诉求 ([\d.]+%)，居各类别第 (\d+) 位$/, (share, rank) => `${share} of all requests of the period; number ${rank} among the categories`],
  [/^(.+)集中 (\d+) 件（上月同期 (\d+) 件），关键词：(.+)$/, (place, n, before, words) => `${n} in ${place} (${before} in the same days of last month); key words: ${words.split('、').join(', ')}`],
  [/^其他上升类别：(.+)$/, (items) => `Other rising categories: ${items.split('、').map((x) => x.replace('新出现', 'new')).join(', ')}`],
  [/^本期没有既多又上升的类别（至少 (\d+) 件、占 (\d+)% 以上且环比增长 (\d+)% 以上）$/, (n, share, growth) => `No category is both large and rising in this period (at least ${n} requests, over ${share}% of all, and up ${growth}% or more per day)`],
];
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function sentenceEn(text: string): string {
  for (const [shape, english] of serverSentences) {
    const m = shape.exec(text);
    if (m) return english(...m.slice(1).map((x) => x ?? ''));
  }
  return text;
}

/** A rate (0…1) as a percentage with one decimal; no rate is a dash, not 0 %. */
export const percent = (rate: number | null) => (rate === null ? '—' : formatPercent(rate, 1));

/** The labels of the request pages in the current language; a switch of language re-renders. */
export function useRequestLabels() {
  const tx = useText();
  return {
    tx,
    status: (s: RequestStatus) => tx(statusLabels[s], statusEn[s]),
    event: (e: RequestEvent) => tx(eventLabels[e], eventEn[e]),
    eventDone: (e: RequestEvent | 'receive') => tx(e === 'receive' ? '已受理' : `已${eventLabels[e]}`, eventDoneEn[e]),
    /** The timeline names a step as the buttons do in Chinese, as a thing done in English. */
    step: (e: string) => (e === 'receive' ? tx('受理', 'Received') : e in eventLabels ? tx(eventLabels[e as RequestEvent], eventDoneEn[e as RequestEvent]) : e),
    satisfaction: (s: Satisfaction) => tx(...satisfactionText[s]),
    channel: (c: string) => (channelText[c] ? tx(...channelText[c]) : c),
    publicStep: (label: string) => tx(label, publicStepEn[label] ?? label),
    /** 3 天 / 3 days, 1 小时 / 1 hour. */
    duration: (amount: number, unit: 'days' | 'hours') => (unit === 'days'
      ? tx(`${amount} 天`, amount === 1 ? '1 day' : `${amount} days`)
      : tx(`${amount} 小时`, amount === 1 ? '1 hour' : `${amount} hours`)),
    /** A sentence of the server's (a dispatch reason, the monthly theme). */
    sentence: (text: string) => tx(text, sentenceEn(text)),
    /** Why similar past requests point to a unit: the server's words, or the same in English. */
    similarReason: (s: DispatchSuggestion) => tx(s.reason, `${s.evidence.length === 1 ? '1 similar request' : `${s.evidence.length} similar requests`} handled by ${s.unitName}`
      + `${s.evidence[0] ? ` (e.g. ${s.evidence[0].code})` : ''}; shared words: ${[...new Set(s.evidence.flatMap((e) => e.sharedWords))].slice(0, 5).join(', ')}`),
    /** The separator of a list: 、 in Chinese, a comma in English. */
    list: (items: string[]) => items.join(tx('、', ', ')),
  };
}
