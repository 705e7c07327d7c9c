import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { CopyOutlined, GlobalOutlined, SendOutlined, SwapOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, VOCABULARIES, type ConsultationTopic } from '../../lib/backend';
import { FormError } from '../../shared/errors';
import { useCommand, useCommandForm } from '../../shared/hooks';
import { enumOptions } from '../../shared/options';
import type { CaseDetail, CaseView } from './api';
import { isForeignLanguage, StaffSelect } from './common';
import { useDebounced } from './CustomerFinder';

const languageName = (t: (k: string, o?: Record<string, unknown>) => string, code: string) =>
  t(`language.${code}`, { defaultValue: code });

/**
 * A foreign-language case's language contact: who speaks the customer's language and takes
 * the follow-up call (the first receiver still owns the case). Shown on the customer card.
 */
export function languageContactItem(
  t: (k: string, o?: Record<string, unknown>) => string,
  c: CaseView,
  onChange: (() => void) | null,
) {
  if (!c.foreign_language) return null;
  return (
      <Descriptions.Item label={t('desk.routing.contact')}>
        <Space wrap>
          {c.language_contact_name ? (
            <Tag color="blue" icon={<GlobalOutlined />} data-testid="case-language-contact" data-staff-id={c.language_contact_id}>
              {c.language_contact_name}
            </Tag>
          ) : (
            <Tag color="warning" icon={<WarningOutlined />} data-testid="case-no-speaker">
              {t('desk.routing.no_speaker', { language: languageName(t, c.language) })}
            </Tag>
          )}
          {onChange ? (
            <Button size="small" icon={<SwapOutlined />} data-testid="case-language-contact-change" onClick={onChange}>
              {t('desk.routing.change')}
            </Button>
          ) : null}
        </Space>
      </Descriptions.Item>
  );
}

export function ContactModal({ c, onClose, onSaved }: { c: CaseView; onClose: () => void; onSaved: (d: CaseDetail) => void }) {
  const { t } = useTranslation();
  const form = useCommandForm<{ staff_id?: number }, CaseDetail>({
    submit: (values) => call('case_language_contact', { id: c.id, version: c.version, staff_id: values.staff_id ?? null }),
    successMessage: t('common.saved'),
    onSuccess: (detail) => {
      onSaved(detail);
      onClose();
    },
  });
  return (
    <Modal
      open
      destroyOnHidden
      title={t('desk.routing.change_title', { number: c.number })}
      onCancel={onClose}
      data-testid="language-contact-form"
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={form.busy} data-testid="language-contact-save" onClick={() => form.form.submit()}>
          {t('common.save')}
        </Button>,
      ]}
    >
      <FormError error={form.error} details={form.details} />
      <Form form={form.form} layout="vertical" onFinish={form.onFinish} requiredMark={false}>
        <Form.Item
          name="staff_id"
          label={t('desk.routing.contact')}
          extra={t('desk.routing.contact_hint', { language: languageName(t, c.language) })}
          initialValue={c.language_contact_id ?? undefined}
        >
          <StaffSelect testId="language-contact-to" language={c.language} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * On a consultation: the knowledge base's answers (the case's topic first), searchable;
 * "Use" writes the answer in the customer's language to the case's timeline, "Copy" puts
 * it on the clipboard.
 */
export function KnowledgePanel({ c, canUse, onChanged }: { c: CaseView; canUse: boolean; onChanged: (d: CaseDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [topic, setTopic] = useState<ConsultationTopic | null>(c.consultation_topic);
  const [busy, setBusy] = useState<number | null>(null);
  const search = useDebounced(text.trim(), 250);
  const answers = useCommand('kb_list', {
    search: search || null,
    topic,
    include_inactive: false,
    language: c.language,
    page: 1,
    page_size: 8,
  });
  const use = async (answerId: number) => {
    setBusy(answerId);
    try {
      onChanged(await call('kb_use', { case_id: c.id, answer_id: answerId }));
      void message.success({ content: <span data-testid="kb-used">{t('desk.kb.used')}</span> });
    } catch (reason) {
      const error = reason as { message?: string };
      void message.error({ content: <span data-testid="error-toast">{error.message ?? t('error.internal')}</span> });
    } finally {
      setBusy(null);
    }
  };
  const copy = async (title: string, body: string) => {
    try {
      await navigator.clipboard.writeText(`${title}\n\n${body}`);
      void message.success(t('desk.kb.copied'));
    } catch {
      void message.warning(t('desk.kb.copy_failed'));
    }
  };
  return (
    <Card title={t('desk.kb.panel_title')} size="small" data-testid="kb-panel">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space.Compact style={{ width: '100%' }}>
          <Select<ConsultationTopic>
            allowClear
            style={{ width: 160 }}
            value={topic ?? undefined}
            placeholder={t('desk.kb.all_topics')}
            onChange={(v) => setTopic(v ?? null)}
            data-testid="kb-panel-topic"
            options={enumOptions(t, 'consultation_topic', VOCABULARIES.consultation_topic)}
          />
          <Input.Search allowClear placeholder={t('desk.kb.search_placeholder')} data-testid="kb-panel-search" value={text} onChange={(e) => setText(e.target.value)} />
        </Space.Compact>
        <List
          size="small"
          loading={answers.isFetching}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.no_results')} /> }}
          dataSource={answers.data?.items ?? []}
          renderItem={(a) => (
            <List.Item
              key={a.id}
              data-testid={`kb-answer-${a.id}`}
              actions={[
                <Button key="copy" size="small" icon={<CopyOutlined />} aria-label={t('desk.kb.copy')} onClick={() => void copy(a.title, a.body)} />,
                canUse ? (
                  <Button key="use" size="small" type="primary" icon={<SendOutlined />} loading={busy === a.id} data-testid={`kb-use-${a.id}`} onClick={() => void use(a.id)}>
                    {t('desk.kb.use')}
                  </Button>
                ) : null,
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={
                  <Space size={4} wrap>
                    <span data-testid="kb-answer-title">{a.title}</span>
                    {a.language !== c.language ? (
                      <Tag color="warning" data-testid="kb-answer-fallback">
                        {t('desk.kb.in_language', { language: languageName(t, a.language) })}
                      </Tag>
                    ) : null}
                  </Space>
                }
                description={
                  <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ marginBottom: 0 }}>
                    {a.body}
                  </Typography.Paragraph>
                }
              />
            </List.Item>
          )}
        />
      </Space>
    </Card>
  );
}

/** Whether the case shows the knowledge panel: consultations and foreign-language inquiries. */
export const showsKnowledge = (c: CaseView) => c.consultation_topic !== null || (c.kind === 'inquiry' && isForeignLanguage(c.language));
