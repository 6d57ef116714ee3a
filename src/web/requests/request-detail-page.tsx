// One request: its facts, clocks, steps, callbacks and the steps this reader may take now.
import { App, Button, Card, Col, Descriptions, Row, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import type { RequestEvent } from '../../core/requests/lifecycle.ts';
import type { RequestEventBody } from '../../core/requests/request.ts';
import { formatDateTime, formatNumber } from '../shell/format.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { RequestActionForm } from './request-action-form.tsx';
import { statusColours, useRequestLabels } from './request-labels.ts';
import { requestsApi, type RequestDetail } from './requests-api.ts';

const extensionStates: Record<RequestDetail['extensions'][number]['status'], [string, string]> = {
  pending: ['待审批', 'Pending'], approved: ['已批准', 'Approved'], refused: ['已驳回', 'Refused'],
};

export function RequestDetailPage() {
  const { requestId = '' } = useParams();
  const { message } = App.useApp();
  const labels = useRequestLabels();
  const { tx } = labels;
  const loaded = useLoader(() => requestsApi.get(requestId), [requestId]);
  const [acting, setActing] = useState<RequestEvent | null>(null);
  if (loaded.error) return <LoadFailed error={loaded.error} onRetry={() => void loaded.reload()} />;
  const r = loaded.data;
  if (!r) return <Card loading />;

  const submit = async (body: RequestEventBody) => {
    await requestsApi.event(r.id, body);
    void message.success(labels.eventDone(body.event));
    setActing(null);
    await loaded.reload();
  };

  return (
    <div className="page">
      <PageHeader
        title={<Space>{tx('工单', 'Request')} <span className="mono" data-testid="request-code">{r.code}</span><Tag color={statusColours[r.status]} data-testid="request-status">{labels.status(r.status)}</Tag>{r.overdue && <Tag color="red">{tx('超期', 'Overdue')}</Tag>}</Space>}
        subtitle={r.serviceName}
        extra={<Space wrap data-testid="request-actions">{r.actions.map((e) => <Button key={e} type={e === r.actions[0] ? 'primary' : 'default'} onClick={() => setActing(e)}>{labels.event(e)}</Button>)}</Space>}
      />
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card size="small" title={tx('诉求', 'Request')}>
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={tx('诉求内容', 'Description')} span={2}>{r.description}</Descriptions.Item>
              <Descriptions.Item label={tx('地址', 'Address')}>{r.address || '—'}</Descriptions.Item>
              <Descriptions.Item label={tx('街道乡镇', 'Street or town')}>{r.divisionName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={tx('市民', 'Citizen')}>{r.citizenName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={tx('电话', 'Phone')}>{r.citizenPhone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={tx('承办单位', 'Handling unit')}>{r.leadUnitName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={tx('协办单位', 'Co-handlers')}>{labels.list(r.coHandlers.map((c) => c.unitName)) || '—'}</Descriptions.Item>
              <Descriptions.Item label={tx('受理时间', 'Received')}>{formatDateTime(r.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label={tx('渠道', 'Channel')}>{labels.channel(r.channel)}</Descriptions.Item>
              <Descriptions.Item label={tx('响应时限', 'Response due')}>{formatDateTime(r.responseDueAt) || '—'}</Descriptions.Item>
              <Descriptions.Item label={tx('办结时限', 'Resolution due')}>{formatDateTime(r.resolutionDueAt) || '—'}</Descriptions.Item>
              {r.reply && <Descriptions.Item label={tx('答复', 'Reply')} span={2}>{r.reply}</Descriptions.Item>}
              {r.duplicateOf && <Descriptions.Item label={tx('疑似重复', 'Possible duplicate')} span={2}>{tx(`与 ${r.duplicateOf} 同类，地点相同或相近`, `Same kind as ${r.duplicateOf}, at the same or a nearby place`)}</Descriptions.Item>}
              {r.duplicates.length > 0 && <Descriptions.Item label={tx('相近诉求', 'Similar requests nearby')} span={2}>{labels.list(r.duplicates.map((d) => (d.distanceM === null ? tx(`${d.code}（同一地址）`, `${d.code} (same address)`)
                : tx(`${d.code}（${formatNumber(d.distanceM)} 米）`, `${d.code} (${formatNumber(d.distanceM)} m)`))))}</Descriptions.Item>}
            </Descriptions>
          </Card>
          {r.extensions.length > 0 && (
            <Card size="small" title={tx('延期申请', 'Extension requests')} style={{ marginTop: 12 }}>
              {r.extensions.map((e) => <div key={e.id}>{tx(`${formatDateTime(e.requestedAt)} 申请 ${labels.duration(e.amount, e.unit)}：`, `${formatDateTime(e.requestedAt)} requested ${labels.duration(e.amount, e.unit)}: `)}{e.reason} <Tag>{tx(...extensionStates[e.status])}</Tag></div>)}
            </Card>
          )}
          {r.callbacks.length > 0 && (
            <Card size="small" title={tx('回访', 'Callbacks')} style={{ marginTop: 12 }}>
              {r.callbacks.map((c) => <div key={c.at}>{formatDateTime(c.at)} {c.resolved ? tx('已解决', 'Resolved') : tx('未解决', 'Not resolved')}{tx('，', ', ')}{labels.satisfaction(c.satisfaction)} {c.note}</div>)}
            </Card>
          )}
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={tx('办理过程', 'Progress')}>
            <Timeline items={r.timeline.map((s) => ({
              content: <div><Typography.Text strong>{labels.step(s.event)}</Typography.Text> · {s.actorName}{s.unitName ? tx(`（${s.unitName}）`, ` (${s.unitName})`) : ''}
                <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(s.at)}</Typography.Text></div>{s.note && <div>{s.event === 'receive' ? labels.channel(s.note) : s.note}</div>}</div>,
            }))} data-testid="request-timeline" />
          </Card>
        </Col>
      </Row>
      {acting && <RequestActionForm event={acting} request={r} onSubmit={submit} onCancel={() => setActing(null)} />}
    </div>
  );
}
