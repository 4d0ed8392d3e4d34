import { Alert, Card, Col, Result, Row, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, request } from '../../api/client';
import type { CaseView } from '../../api/views';
import { Loading, Page } from '../../components/page';
import { SchemaForm } from '../../components/schema-form';
import { useRegistry } from '../../registry';
import { caseHref, navigate } from '../../router';
import { useSession } from '../../session';

/**
 * A new application: the process's form from the registry (its JSON Schema), the enterprise's
 * credit code filled in. The filing goes with one Idempotency-Key per form, so a retry after a
 * lost answer never files twice.
 */
export function NewApplicationPage({ process }: { process?: string }) {
  const registry = useRegistry();
  const signedIn = useSession();
  const [key] = useState(() => crypto.randomUUID());
  const [openCase, setOpenCase] = useState<string>();
  const chosen = process ? registry.byCode(process) : undefined;

  if (!registry.processes.length) return <Loading />;
  if (!process || !chosen) {
    return (
      <Page title="新申请">
        {process ? <Result status="404" title="没有该事项" /> : null}
        <Row gutter={[16, 16]}>
          {registry.processes.map((p) => (
            <Col xs={24} md={8} key={p.code}>
              <Card title={p.names.zh} actions={[<a key="go" href={`#/new/${p.code}`} data-testid={`new-${p.code}`}>开始申请</a>]}>
                <Typography.Paragraph>牵头部门：{p.leadAgency.name}</Typography.Paragraph>
              </Card>
            </Col>
          ))}
        </Row>
      </Page>
    );
  }

  const applicantId = signedIn?.user.applicantId;
  const submit = async (application: Record<string, unknown>) => {
    setOpenCase(undefined);
    try {
      const answer = await request<CaseView>('POST', `/cases/${chosen.code}`, application, { headers: { 'idempotency-key': key } });
      navigate(caseHref(answer.body.id));
    } catch (error) {
      // An enterprise with a case of this process open is told which, with a link to it.
      if (error instanceof ApiError && error.body?.openCase?.id) setOpenCase(error.body.openCase.id);
      throw error;
    }
  };
  return (
    <Page title={`${chosen.names.zh}申请`} testId="new-application">
      <Typography.Paragraph type="secondary">
        牵头部门：{chosen.leadAgency.name}。各部门已掌握的信息由系统共享核验，无需重复提交。
      </Typography.Paragraph>
      {openCase ? (
        <Alert type="warning" showIcon className="block" title="该事项已有在办案件" description={<a href={caseHref(openCase)}>查看在办案件</a>} />
      ) : null}
      <Card>
        <SchemaForm process={chosen} prefill={{ creditCode: applicantId, employerCreditCode: applicantId }} onSubmit={submit} />
      </Card>
    </Page>
  );
}
