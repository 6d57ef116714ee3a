// One request: its facts, clocks, steps, callbacks and the steps this reader may take now.
import { App, Button, Card, Col, Descriptions, Row, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { eventLabels, type RequestEvent } from '../../core/requests/lifecycle.ts';
import type { RequestEventBody } from '../../core/requests/request.ts';
import { formatDateTime } from '../shell/format.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { RequestActionForm } from './request-action-form.tsx';
import { channelLabels, satisfactionLabels, statusColours, statusLabels } from './request-labels.ts';
import { requestsApi } from './requests-api.ts';

export function RequestDetailPage() {
  const { requestId = '' } = useParams();
  const { message } = App.useApp();
  const loaded = useLoader(() => requestsApi.get(requestId), [requestId]);
  const [acting, setActing] = useState<RequestEvent | null>(null);
  if (loaded.error) return <LoadFailed error={loaded.error} onRetry={() => void loaded.reload()} />;
  const r = loaded.data;
  if (!r) return <Card loading />;

  const submit = async (body: RequestEventBody) => {
    await requestsApi.event(r.id, body);
    void message.success(`已${eventLabels[body.event]}`);
    setActing(null);
    await loaded.reload();
  };

  return (
    <div className="page">
      <PageHeader
        title={<Space>工单 <span className="mono" data-testid="request-code">{r.code}</span><Tag color={statusColours[r.status]} data-testid="request-status">{statusLabels[r.status]}</Tag>{r.overdue && <Tag color="red">超期</Tag>}</Space>}
        subtitle={r.serviceName}
        extra={<Space wrap data-testid="request-actions">{r.actions.map((e) => <Button key={e} type={e === r.actions[0] ? 'primary' : 'default'} onClick={() => setActing(e)}>{eventLabels[e]}</Button>)}</Space>}
      />
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card size="small" title="诉求">
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label="诉求内容" span={2}>{r.description}</Descriptions.Item>
              <Descriptions.Item label="地址">{r.address || '—'}</Descriptions.Item>
              <Descriptions.Item label="街道乡镇">{r.divisionName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="市民">{r.citizenName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="电话">{r.citizenPhone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="承办单位">{r.leadUnitName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="协办单位">{r.coHandlers.map((c) => c.unitName).join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label="受理时间">{formatDateTime(r.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label="渠道">{channelLabels[r.channel] ?? r.channel}</Descriptions.Item>
              <Descriptions.Item label="响应时限">{formatDateTime(r.responseDueAt) || '—'}</Descriptions.Item>
              <Descriptions.Item label="办结时限">{formatDateTime(r.resolutionDueAt) || '—'}</Descriptions.Item>
              {r.reply && <Descriptions.Item label="答复" span={2}>{r.reply}</Descriptions.Item>}
              {r.duplicateOf && <Descriptions.Item label="疑似重复" span={2}>与 {r.duplicateOf} 同类且相近</Descriptions.Item>}
              {r.duplicates.length > 0 && <Descriptions.Item label="相近诉求" span={2}>{r.duplicates.map((d) => `${d.code}（${d.distanceM} 米）`).join('、')}</Descriptions.Item>}
            </Descriptions>
          </Card>
          {r.extensions.length > 0 && (
            <Card size="small" title="延期申请" style={{ marginTop: 12 }}>
              {r.extensions.map((e) => <div key={e.id}>{formatDateTime(e.requestedAt)} 申请 {e.amount}{e.unit === 'days' ? ' 天' : ' 小时'}：{e.reason} <Tag>{{ pending: '待审批', approved: '已批准', refused: '已驳回' }[e.status]}</Tag></div>)}
            </Card>
          )}
          {r.callbacks.length > 0 && (
            <Card size="small" title="回访" style={{ marginTop: 12 }}>
              {r.callbacks.map((c) => <div key={c.at}>{formatDateTime(c.at)} {c.resolved ? '已解决' : '未解决'}，{satisfactionLabels[c.satisfaction]} {c.note}</div>)}
            </Card>
          )}
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title="办理过程">
            <Timeline items={r.timeline.map((s) => ({
              content: <div><Typography.Text strong>{s.event === 'receive' ? '受理' : eventLabels[s.event as RequestEvent] ?? s.event}</Typography.Text> · {s.actorName}{s.unitName ? `（${s.unitName}）` : ''}
                <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(s.at)}</Typography.Text></div>{s.note && <div>{s.note}</div>}</div>,
            }))} data-testid="request-timeline" />
          </Card>
        </Col>
      </Row>
      {acting && <RequestActionForm event={acting} request={r} onSubmit={submit} onCancel={() => setActing(null)} />}
    </div>
  );
}
