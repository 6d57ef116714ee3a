import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api/client.ts';
import type { AuditEntityType, AuditVerifyResult } from '../api/types.ts';
import { useErrorFeedback } from '../shell/error-feedback.ts';
import { formatNumber } from '../shell/format.ts';
import { PageHeader } from '../shell/page-header.tsx';
import { EntityHistory } from './entity-history.tsx';
import { RecentChanges } from './recent-changes.tsx';

const entityTypes: AuditEntityType[] = ['unit', 'category', 'contact', 'user'];
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 审计日志 (admin): verify the hash chain, and look up the history of any record. */
export function AuditPage() {
  const { t } = useTranslation();
  const report = useErrorFeedback();
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [params, setParams] = useSearchParams();
  const typeParam = params.get('type');
  const type: AuditEntityType = entityTypes.includes(typeParam as AuditEntityType) ? (typeParam as AuditEntityType) : 'unit';
  const id = params.get('id') ?? '';
  const [draftType, setDraftType] = useState<AuditEntityType>(type);
  const [draftId, setDraftId] = useState(id);

  const verify = async () => {
    setBusy(true);
    try {
      setResult(await api.audit.verify());
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <PageHeader title={t('audit.title')} subtitle={t('audit.intro')}
        extra={<Button type="primary" icon={<SafetyCertificateOutlined />} loading={busy} onClick={verify} data-testid="audit-verify">{t('audit.verify')}</Button>} />
      {result && (
        <Alert className="section-card" showIcon type={result.ok ? 'success' : 'error'} data-testid="audit-result"
          title={result.ok ? t('audit.ok') : t('audit.broken')}
          description={result.ok
            ? t('audit.okDetail', { rows: formatNumber(result.rowsChecked) })
            : t('audit.brokenDetail', { seq: result.firstBreak?.seq, problem: result.firstBreak?.problem, detail: result.firstBreak?.detail })} />
      )}
      <Card size="small" title={t('audit.recent')} className="section-card">
        <RecentChanges entityTypes={entityTypes} onOpen={(openType, openId) => {
          setDraftType(openType);
          setDraftId(openId);
          setParams({ type: openType, id: openId });
        }} />
      </Card>
      <Card size="small" title={t('audit.lookup')} className="section-card">
        <Space wrap style={{ marginBottom: 12, display: 'flex' }}>
          <Select value={draftType} onChange={setDraftType} style={{ width: 140 }} aria-label={t('audit.entityType')}
            options={entityTypes.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))} />
          <Input value={draftId} onChange={(e) => setDraftId(e.target.value.trim())} placeholder={t('audit.entityId')} style={{ width: 360 }} className="mono"
            status={draftId && !uuidPattern.test(draftId) ? 'error' : undefined} />
          <Button disabled={!uuidPattern.test(draftId)} onClick={() => setParams({ type: draftType, id: draftId })}>{t('audit.query')}</Button>
        </Space>
        {uuidPattern.test(id) ? <EntityHistory type={type} id={id} /> : <Typography.Paragraph type="secondary">{t('audit.lookupHint')}</Typography.Paragraph>}
      </Card>
    </div>
  );
}
