import { useState } from 'react';
import type { z } from 'zod';
import { channelUpsertBodySchema, type channelDtoSchema, type linkCodeSchema, type pairingStateSchema, type staffUserSchema } from '../../../core/contracts';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { planWith, useTenant } from '../auth';
import { m } from '../messages';
import { Badge, Button, Card, EmptyState, ErrorState, Field, PageHeader, Skeleton, Table } from '../ui/components';
import { dateTime } from '../ui/format';
import { useAction } from '../ui/use-action';

type Channel = z.infer<typeof channelDtoSchema>;
type Pairing = z.infer<typeof pairingStateSchema>;
type LinkCode = z.infer<typeof linkCodeSchema>;
type StaffUser = z.infer<typeof staffUserSchema>;

const KIND_LABEL: Record<string, string> = {
  whatsapp_cloud: m.channels.whatsappCloud,
  whatsapp_baileys: m.channels.whatsappWeb,
  telegram: m.channels.telegram,
  voice: m.channels.voice,
  webchat: 'Chat do site',
};

/** One form per vendor; secret fields are write-only and blank means "keep". */
const ChannelForm = ({
  kind,
  current,
  fields,
  secretFields,
  onSaved,
}: {
  kind: 'whatsapp_cloud' | 'telegram' | 'voice';
  current: Channel | undefined;
  fields: { externalId: string };
  secretFields: { key: string; label: string }[];
  onSaved: () => void;
}) => {
  const [externalId, setExternalId] = useState(current?.externalId ?? '');
  const [displayName, setDisplayName] = useState(current?.displayName ?? '');
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const { busy, run } = useAction();
  const submit = async () => {
    const filled = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v.trim() !== ''));
    const body = { kind, externalId: externalId.trim(), ...(displayName.trim() ? { displayName: displayName.trim() } : {}), ...(Object.keys(filled).length ? { secrets: filled } : {}) };
    const parsed = channelUpsertBodySchema.safeParse(body);
    if (!parsed.success) {
      setError(m.common.validation);
      return;
    }
    setError(null);
    const r = await run('save', () => (current ? api.put(`/channels/${current.id}`, parsed.data) : api.post('/channels', parsed.data)), m.common.saved);
    if (r !== undefined) {
      setSecrets({});
      onSaved();
    }
  };
  return (
    <form
      className="form-grid"
      aria-label={KIND_LABEL[kind]}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <Field label={fields.externalId} value={externalId} onChange={(e) => setExternalId(e.target.value)} />
      <Field label="Nome de exibição" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      {secretFields.map((s) => (
        <Field
          key={s.key}
          label={s.label}
          type="password"
          autoComplete="off"
          value={secrets[s.key] ?? ''}
          placeholder={current?.hasSecrets ? '••••••••' : ''}
          hint={m.channels.secretHint}
          onChange={(e) => setSecrets((x) => ({ ...x, [s.key]: e.target.value }))}
        />
      ))}
      <div className="row">
        <Button type="submit" busy={busy === 'save'}>
          {m.common.save}
        </Button>
      </div>
    </form>
  );
};

const Pairing = ({ channel }: { channel: Channel }) => {
  const { data, error, loading, reload } = useApi(() => api.get<Pairing>(`/channels/${channel.id}/pairing`), [channel.id]);
  if (loading) return <Skeleton lines={2} />;
  if (error) return <ErrorState message={error.message} onRetry={reload} />;
  const status = data?.status ?? 'unavailable';
  return (
    <div className="pairing">
      <p>
        {m.channels.pairing}: <Badge tone={status === 'connected' ? 'success' : status === 'pairing' ? 'warning' : 'neutral'}>{m.channels.pairingStatus[status] ?? status}</Badge>
      </p>
      <div className="qr-placeholder" role="img" aria-label={m.channels.qrPlaceholder}>
        {data?.qr ? <img src={data.qr} alt="QR code do WhatsApp Web" /> : <span>{m.channels.qrPlaceholder}</span>}
      </div>
      <Button variant="secondary" onClick={reload}>
        {m.common.retry}
      </Button>
    </div>
  );
};

/** Telegram link codes are per person: generated here, typed by them into the staff bot. */
export const LinkCodes = () => {
  const staff = useApi(() => api.get<{ items: StaffUser[] }>('/staff'));
  const [codes, setCodes] = useState<Record<string, LinkCode>>({});
  const { busy, run } = useAction();
  if (staff.loading) return <Skeleton lines={2} />;
  if (staff.error) return <ErrorState message={staff.error.message} onRetry={staff.reload} />;
  const people = (staff.data?.items ?? []).filter((u) => !u.blocked);
  if (!people.length) return <EmptyState>{m.staff.empty}</EmptyState>;
  return (
    <ul className="plain">
      {people.map((u) => {
        const c = codes[u.id];
        return (
          <li key={u.id} className="link-code-row">
            <span>
              {u.name} {u.telegram.length ? <Badge tone="success">Telegram</Badge> : <Badge>{m.staff.notLinked}</Badge>}
            </span>
            <Button
              variant="secondary"
              busy={busy === u.id}
              aria-label={`${m.channels.newLinkCode}: ${u.name}`}
              onClick={() =>
                void run(u.id, () => api.post<LinkCode>(`/staff/${u.id}/link-code`)).then((r) => {
                  if (r) setCodes((x) => ({ ...x, [u.id]: r }));
                })
              }
            >
              {m.channels.newLinkCode}
            </Button>
            {c && (
              <p className="link-code">
                <code className="code">{c.code}</code> — {m.channels.linkCodeHint(c.code)} <span className="muted">(até {dateTime(c.expiresAt)})</span>
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
};

export const ChannelsPage = () => {
  const { data, error, loading, reload } = useApi(() => api.get<{ items: Channel[] }>('/channels'));
  const { has } = useTenant();
  const byKind = (k: string) => data?.items.find((c) => c.kind === k);
  return (
    <>
      <PageHeader title={m.channels.title} />
      <Card title={m.channels.list}>
        {loading && <Skeleton lines={3} />}
        {error && <ErrorState message={error.message} onRetry={reload} />}
        {data &&
          (data.items.length ? (
            <Table
              caption={m.channels.list}
              rows={data.items}
              rowKey={(c) => c.id}
              columns={[
                { key: 'k', header: m.channels.kind, render: (c) => KIND_LABEL[c.kind] ?? c.kind },
                { key: 'a', header: m.channels.account, render: (c) => c.displayName ?? c.externalId },
                { key: 's', header: m.channels.status, render: (c) => <Badge tone={c.status === 'active' ? 'success' : 'neutral'}>{c.status === 'active' ? 'Ativo' : c.status}</Badge> },
              ]}
            />
          ) : (
            <EmptyState>{m.channels.empty}</EmptyState>
          ))}
      </Card>
      {data && (
        <div className="grid two">
          <Card title={m.channels.whatsappCloud}>
            {has('whatsappCloud') ? (
              <ChannelForm
                kind="whatsapp_cloud"
                current={byKind('whatsapp_cloud')}
                fields={{ externalId: m.channels.phoneNumberId }}
                secretFields={[
                  { key: 'accessToken', label: m.channels.accessToken },
                  { key: 'appSecret', label: m.channels.appSecret },
                  { key: 'verifyToken', label: m.channels.verifyToken },
                ]}
                onSaved={reload}
              />
            ) : (
              <p>{m.common.notInPlan(planWith('whatsappCloud'))}</p>
            )}
          </Card>
          <Card title={m.channels.whatsappWeb}>
            {byKind('whatsapp_baileys') ? <Pairing channel={byKind('whatsapp_baileys')!} /> : (
              <div className="pairing">
                <p>
                  {m.channels.pairing}: <Badge>{m.channels.pairingStatus.unavailable}</Badge>
                </p>
                <div className="qr-placeholder">
                  <span>{m.channels.qrPlaceholder}</span>
                </div>
              </div>
            )}
          </Card>
          <Card title={m.channels.telegram}>
            <ChannelForm kind="telegram" current={byKind('telegram')} fields={{ externalId: 'ID do bot' }} secretFields={[{ key: 'botToken', label: m.channels.botToken }]} onSaved={reload} />
            <h3>{m.channels.linkCodes}</h3>
            <LinkCodes />
          </Card>
          <Card title={m.channels.voice}>
            {has('voice') ? (
              <ChannelForm
                kind="voice"
                current={byKind('voice')}
                fields={{ externalId: m.channels.voiceNumber }}
                secretFields={[
                  { key: 'accountSid', label: 'Account SID' },
                  { key: 'authToken', label: 'Auth token' },
                ]}
                onSaved={reload}
              />
            ) : (
              <p>{m.common.notInPlan(planWith('voice'))}</p>
            )}
          </Card>
        </div>
      )}
    </>
  );
};
