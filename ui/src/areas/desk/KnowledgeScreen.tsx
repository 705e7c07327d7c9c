import { useState } from 'react';
import { Badge, Button, Card, Collapse, Form, Input, Modal, Select, Space, Spin, Switch, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, VOCABULARIES, type ConsultationTopic, type KbAnswerDetail, type KbRow, type KbText } from '../../lib/backend';
import { FormError } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { useCommand, useCommandCache, useCommandForm, usePagedList } from '../../shared/hooks';
import { catalogLocales } from '../../shared/i18n';
import { enumOptions } from '../../shared/options';
import { useSession } from '../../shared/session';

/** The desk's knowledge base of answers for foreign residents: by topic, in every catalog language. */
export function KnowledgeScreen() {
  const { t } = useTranslation();
  const { can } = useSession();
  const write = can('knowledge_write');
  const [search, setSearch] = useState('');
  const [topic, setTopic] = useState<ConsultationTopic | null>(null);
  const [inactive, setInactive] = useState(false);
  const [open, setOpen] = useState<number | 'new' | null>(null);
  const list = usePagedList('kb_list', { search: search.trim() || null, topic, include_inactive: inactive, language: null });
  return (
    <Card
      title={t('nav.knowledge')}
      data-testid="kb-screen"
      extra={
        write ? (
          <Button type="primary" icon={<PlusOutlined />} data-testid="kb-new" onClick={() => setOpen('new')}>
            {t('desk.kb.new')}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('desk.kb.search_placeholder')} data-testid="kb-search" onSearch={setSearch} style={{ width: 260 }} />
        <Select<ConsultationTopic>
          allowClear
          placeholder={t('desk.kb.all_topics')}
          style={{ width: 180 }}
          value={topic ?? undefined}
          onChange={(v) => setTopic(v ?? null)}
          options={enumOptions(t, 'consultation_topic', VOCABULARIES.consultation_topic, 'kb-topic-option')}
          data-testid="kb-topic"
        />
        <Switch checked={inactive} onChange={setInactive} data-testid="kb-inactive" />
        {t('desk.kb.show_inactive')}
      </Space>
      <Table<KbRow>
        rowKey="id"
        {...list.tableProps}
        onRow={(row) => ({ 'data-testid': `kb-row-${row.id}`, onClick: () => setOpen(row.id), style: { cursor: 'pointer' } }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: 'title',
            title: t('desk.kb.title'),
            render: (_, row) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong>{row.title}</Typography.Text>
                <Typography.Text type="secondary" ellipsis style={{ maxWidth: 520 }}>
                  {row.body}
                </Typography.Text>
              </Space>
            ),
          },
          { key: 'topic', title: t('desk.kb.topic'), render: (_, row) => <Tag color="geekblue">{t(`enum.consultation_topic.${row.topic}`)}</Tag> },
          {
            key: 'languages',
            title: t('desk.kb.languages'),
            render: (_, row) => (
              <Space size={4} wrap data-testid={`kb-languages-${row.id}`}>
                {row.languages.map((l) => (
                  <Tag key={l} color="green">
                    {t(`language.${l}`, { defaultValue: l })}
                  </Tag>
                ))}
                {row.missing_languages.map((l) => (
                  <Tag key={l} color="warning" data-testid={`kb-missing-${row.id}-${l}`}>
                    {t('desk.kb.missing', { language: t(`language.${l}`, { defaultValue: l }) })}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            key: 'active',
            title: t('desk.kb.active'),
            render: (_, row) => (row.active ? <Tag color="green">{t('desk.kb.active_yes')}</Tag> : <Tag>{t('desk.kb.active_no')}</Tag>),
          },
        ]}
      />
      {open !== null ? <AnswerEditor id={open === 'new' ? null : open} write={write} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}

type Values = { topic: ConsultationTopic; active: boolean; texts: KbText[] };

/** The texts as the form holds them: one per catalog language (blank when missing), then any others. */
function formTexts(detail: KbAnswerDetail | null): KbText[] {
  const given = detail?.texts ?? [];
  const catalog = catalogLocales().map((l) => given.find((x) => x.language === l.code) ?? { language: l.code, title: '', body: '' });
  return [...catalog, ...given.filter((x) => !catalogLocales().some((l) => l.code === x.language))];
}

function AnswerEditor({ id, write, onClose }: { id: number | null; write: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useCommand('kb_get', { id: id ?? 0 }, { enabled: id !== null });
  if (id !== null && !detail.data) {
    return (
      <Modal open title={t('desk.kb.edit')} onCancel={onClose} footer={null}>
        <Spin />
      </Modal>
    );
  }
  return <AnswerForm detail={id === null ? null : (detail.data ?? null)} write={write} onClose={onClose} />;
}

function AnswerForm({ detail, write, onClose }: { detail: KbAnswerDetail | null; write: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const cache = useCommandCache();
  const command = useCommandForm<Values, KbAnswerDetail>({
    submit: (values) => {
      const answer = { topic: values.topic, active: values.active, texts: values.texts.map((x) => ({ language: x.language, title: x.title ?? '', body: x.body ?? '' })) };
      return detail ? call('kb_update', { id: detail.id, version: detail.version, answer }) : call('kb_create', answer);
    },
    successMessage: t('common.saved'),
    onSuccess: (saved) => {
      cache.set('kb_get', { id: saved.id }, saved);
      void cache.invalidate('kb_list');
      onClose();
    },
  });
  const texts = (Form.useWatch('texts', command.form) as KbText[] | undefined) ?? formTexts(detail);
  return (
    <Modal
      open
      width={760}
      title={detail ? t('desk.kb.edit') : t('desk.kb.new')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {write ? t('common.cancel') : t('common.back')}
        </Button>,
        ...(write
          ? [
              <Button key="save" type="primary" loading={command.busy} data-testid="kb-save" onClick={() => command.form.submit()}>
                {t('common.save')}
              </Button>,
            ]
          : []),
      ]}
    >
      <FormError error={command.error} details={command.details} />
      <Form<Values>
        form={command.form}
        layout="vertical"
        disabled={!write}
        onFinish={command.onFinish}
        initialValues={{ topic: detail?.topic ?? 'other', active: detail?.active ?? true, texts: formTexts(detail) }}
        data-testid="kb-form"
      >
        <Space size="large" wrap>
          <Form.Item name="topic" label={t('desk.kb.topic')}>
            <Select<ConsultationTopic> style={{ width: 200 }} data-testid="kb-form-topic" options={enumOptions(t, 'consultation_topic', VOCABULARIES.consultation_topic, 'kb-form-topic-option')} />
          </Form.Item>
          <Form.Item name="active" label={t('desk.kb.active')} valuePropName="checked">
            <Switch data-testid="kb-form-active" />
          </Form.Item>
        </Space>
        <Tabs
          items={texts.map((text, i) => ({
            key: text.language,
            forceRender: true,
            label: (
              <span data-testid={`kb-tab-${text.language}`}>
                <Badge dot={!text.title?.trim()} offset={[6, 0]}>
                  {t(`language.${text.language}`, { defaultValue: text.language })}
                </Badge>
              </span>
            ),
            children: (
              <>
                <Form.Item name={['texts', i, 'language']} hidden>
                  <Input />
                </Form.Item>
                {!text.title?.trim() ? (
                  <Typography.Paragraph type="warning" data-testid={`kb-missing-text-${text.language}`}>
                    {t('desk.kb.missing_hint')}
                  </Typography.Paragraph>
                ) : null}
                <Form.Item name={['texts', i, 'title']} label={t('desk.kb.title')}>
                  <Input data-testid={`kb-title-${text.language}`} maxLength={200} />
                </Form.Item>
                <Form.Item name={['texts', i, 'body']} label={t('desk.kb.body')}>
                  <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} data-testid={`kb-body-${text.language}`} />
                </Form.Item>
              </>
            ),
          }))}
        />
      </Form>
      {detail && detail.history.length > 0 ? (
        <Collapse
          size="small"
          data-testid="kb-history"
          items={[
            {
              key: 'history',
              label: t('customer.history'),
              children: (
                <Timeline
                  items={detail.history.map((entry) => ({
                    key: entry.id,
                    content: (
                      <div>
                        <Typography.Text strong>{t(`enum.change_action.${entry.action}`)}</Typography.Text>{' '}
                        <Typography.Text type="secondary">
                          {t('customer.history_by', { name: entry.staff_name, at: formatDateTime(entry.at, i18n.language) })}
                        </Typography.Text>
                        {entry.changes.map((change) => (
                          <div key={change.field}>{fieldName(t, change.field)}</div>
                        ))}
                      </div>
                    ),
                  }))}
                />
              ),
            },
          ]}
        />
      ) : null}
    </Modal>
  );
}

/** "title.en" → "Title (English)". */
function fieldName(t: (k: string, o?: Record<string, unknown>) => string, field: string) {
  const [name, language] = field.split('.');
  const label = t(`desk.kb.${name}`, { defaultValue: name });
  return language ? `${label} (${t(`language.${language}`, { defaultValue: language })})` : label;
}
