import { useState } from 'react';
import { settingsUpdateBodySchema, type Settings } from '../../../core/contracts';
import { detectPixKey, type PixKeyType } from '../../../core/pix/pix-key';
import { PLANS, type PlanId } from '../../../core/plans/plans';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { useAuth } from '../auth';
import { m } from '../messages';
import { Button, Card, ErrorState, Field, PageHeader, Select, Skeleton } from '../ui/components';
import { parseReais, reais } from '../ui/format';
import { useAction } from '../ui/use-action';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Day = (typeof DAYS)[number];
type Hours = Record<Day, { open: boolean; from: string; to: string }>;

const toHours = (oh: Settings['openingHours']): Hours =>
  Object.fromEntries(
    DAYS.map((d) => {
      const first = oh[d]?.[0];
      return [d, first ? { open: true, from: first[0], to: first[1] } : { open: false, from: '08:00', to: '18:00' }];
    }),
  ) as Hours;

const SettingsForm = ({ s, onSaved }: { s: Settings; onSaved: () => void }) => {
  const [name, setName] = useState(s.name);
  const [phone, setPhone] = useState(s.phone ?? '');
  const [address, setAddress] = useState(s.address ?? '');
  const [pixKey, setPixKey] = useState(s.pixKey ?? '');
  const [pixType, setPixType] = useState<string>(s.pixKeyType ?? '');
  const [rate, setRate] = useState(reais(s.labourRateCents));
  const [validity, setValidity] = useState(String(s.quoteValidityDays));
  const [hours, setHours] = useState<Hours>(() => toHours(s.openingHours));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { busy, run } = useAction();

  const submit = async () => {
    const errs: Record<string, string> = {};
    let pix: { pixKey: string | null; pixKeyType?: PixKeyType } = { pixKey: null };
    if (pixKey.trim()) {
      const r = detectPixKey(pixKey.trim(), (pixType || undefined) as PixKeyType | undefined);
      if (r.ok) pix = { pixKey: r.value, pixKeyType: r.type };
      else errs.pixKey = r.code === 'AMBIGUOUS_PIX_KEY' ? 'Esta chave pode ser CPF ou telefone: escolha o tipo.' : m.settings.pixInvalid;
    }
    const openingHours = Object.fromEntries(DAYS.map((d) => [d, hours[d].open ? [[hours[d].from, hours[d].to]] : []]));
    const body = {
      name: name.trim(),
      phone: phone.trim() || null,
      address: address.trim() || null,
      ...pix,
      labourRateCents: parseReais(rate) ?? -1,
      quoteValidityDays: Number(validity),
      openingHours,
    };
    const parsed = settingsUpdateBodySchema.safeParse(body);
    if (!parsed.success) for (const i of parsed.error.issues) errs[String(i.path[0])] = m.common.validation;
    setErrors(errs);
    if (Object.keys(errs).length || !parsed.success) return;
    const r = await run('save', () => api.patch('/settings', parsed.data), m.common.saved);
    if (r !== undefined) onSaved();
  };

  return (
    <form
      aria-label={m.settings.shop}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Card title={m.settings.shop}>
        <div className="form-grid">
          <Field label={m.settings.name} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
          <Field label={m.settings.phone} value={phone} onChange={(e) => setPhone(e.target.value)} error={errors.phone} />
          <Field label={m.settings.address} value={address} onChange={(e) => setAddress(e.target.value)} error={errors.address} />
          <Field label={m.settings.pixKey} value={pixKey} onChange={(e) => setPixKey(e.target.value)} error={errors.pixKey} />
          <Select
            label="Tipo da chave Pix"
            value={pixType}
            onChange={(e) => setPixType(e.target.value)}
            options={[
              { value: '', label: 'Detectar automaticamente' },
              { value: 'cpf', label: 'CPF' },
              { value: 'cnpj', label: 'CNPJ' },
              { value: 'phone', label: 'Telefone' },
              { value: 'email', label: 'E-mail' },
              { value: 'evp', label: 'Chave aleatória' },
            ]}
          />
          <Field label={m.settings.labourRate} inputMode="decimal" value={rate} onChange={(e) => setRate(e.target.value)} error={errors.labourRateCents} />
          <Field label={m.settings.quoteValidity} type="number" min={1} max={90} value={validity} onChange={(e) => setValidity(e.target.value)} error={errors.quoteValidityDays} />
        </div>
      </Card>
      <Card title={m.settings.openingHours}>
        <fieldset className="hours">
          <legend className="sr-only">{m.settings.openingHours}</legend>
          {DAYS.map((d) => (
            <div key={d} className="hours-row">
              <label className="check">
                <input type="checkbox" checked={hours[d].open} onChange={(e) => setHours((h) => ({ ...h, [d]: { ...h[d], open: e.target.checked } }))} /> {m.settings.days[d]}
              </label>
              {hours[d].open ? (
                <>
                  <input type="time" aria-label={`${m.settings.days[d]} ${m.settings.opens}`} value={hours[d].from} onChange={(e) => setHours((h) => ({ ...h, [d]: { ...h[d], from: e.target.value } }))} />
                  <input type="time" aria-label={`${m.settings.days[d]} ${m.settings.closes}`} value={hours[d].to} onChange={(e) => setHours((h) => ({ ...h, [d]: { ...h[d], to: e.target.value } }))} />
                </>
              ) : (
                <span className="muted">{m.settings.closed}</span>
              )}
            </div>
          ))}
        </fieldset>
        {errors.openingHours && <p className="field-error">{errors.openingHours}</p>}
      </Card>
      <div className="row sticky-actions">
        <Button type="submit" busy={busy === 'save'}>
          {busy === 'save' ? m.common.saving : m.common.save}
        </Button>
      </div>
    </form>
  );
};

const PlanCard = ({ plan, onSaved }: { plan: PlanId; onSaved: () => void }) => {
  const [p, setP] = useState<PlanId>(plan);
  const { busy, run } = useAction();
  const { reload } = useAuth();
  return (
    <Card title={m.settings.plan}>
      <p>{m.settings.currentPlan(PLANS[plan].label)}</p>
      <div className="row">
        <Select label={m.settings.changePlan} value={p} onChange={(e) => setP(e.target.value as PlanId)} options={(Object.keys(PLANS) as PlanId[]).map((k) => ({ value: k, label: PLANS[k].label }))} />
        <Button
          variant="secondary"
          busy={busy === 'plan'}
          disabled={p === plan}
          onClick={() =>
            void run('plan', () => api.put('/settings/plan', { plan: p }), m.common.saved).then((r) => {
              if (r !== undefined) {
                onSaved();
                void reload();
              }
            })
          }
        >
          {m.common.save}
        </Button>
      </div>
    </Card>
  );
};

export const SettingsPage = () => {
  const { data, error, loading, reload } = useApi(() => api.get<Settings>('/settings'));
  return (
    <>
      <PageHeader title={m.settings.title} />
      {loading && !data && <Skeleton lines={8} />}
      {error && <ErrorState message={error.message} onRetry={reload} />}
      {data && (
        <>
          <SettingsForm key={JSON.stringify(data)} s={data} onSaved={reload} />
          <PlanCard plan={data.plan} onSaved={reload} />
        </>
      )}
    </>
  );
};
