import type { ServiceCode } from '../../core/domain/services';
import type { Button } from '../../core/messaging/types';
import type { DraftVehicle, Effect, FlowContext, VehicleSummary } from '../types';
import { customerName, notifyStaff, reply, turn, type MessageEvent, type Turn } from './effects';
import { isSkip, readComplaint, readKm, readName, readPosition, readYear } from './field-parsers';
import * as msg from './messages';
import { initialCustomerState, type CustomerState, type Draft, type PendingField } from './state';

/** Intake: gather vehicle, services/complaint, year, km and name, one question at a time, then open the order. */

const fromSummary = (v: VehicleSummary): DraftVehicle => ({
  ...(v.familyId ? { familyId: v.familyId } : {}),
  ...(v.brand ? { brand: v.brand } : {}),
  ...(v.model ? { model: v.model } : {}),
  ...(v.year ? { year: v.year } : {}),
  ...(v.km !== null ? { km: v.km } : {}),
  ...(v.plate ? { plate: v.plate } : {}),
});

const useKnownVehicle = (draft: Draft, v: VehicleSummary): Draft => ({
  ...draft,
  vehicleId: v.id,
  vehicle: { ...fromSummary(v), ...draft.vehicle, ...(v.familyId ? { familyId: v.familyId } : {}) },
});

const withoutVehicleId = (draft: Draft): Draft => {
  const { vehicleId: _drop, ...rest } = draft;
  return rest;
};

const addComplaint = (draft: Draft, text: string): Draft => {
  const t = text.trim();
  if (!t || draft.complaint?.includes(t)) return draft;
  return { ...draft, complaint: draft.complaint ? `${draft.complaint} / ${t}` : t };
};

/** Entities any message may carry: the moto, km, plate, services, symptoms, name. */
const mergeEntities = (draft: Draft, ev: MessageEvent, ctx: FlowContext): Draft => {
  const e = ev.nlu.entities;
  let d = draft;
  const moto = e.motorcycle;
  if (moto?.familyId && moto.familyId !== d.vehicle.familyId) {
    const known = ctx.customer.vehicles.filter((v) => v.familyId === moto.familyId);
    const only = known.length === 1 ? known[0] : undefined;
    d = only ? useKnownVehicle({ ...withoutVehicleId(d), vehicle: {} }, only) : { ...withoutVehicleId(d), vehicle: {} };
  }
  if (moto) {
    d = {
      ...d,
      vehicle: {
        ...d.vehicle,
        ...(moto.familyId ? { familyId: moto.familyId } : {}),
        ...(moto.brand ? { brand: moto.brand } : {}),
        ...(moto.model ? { model: moto.model } : {}),
        ...(moto.year ? { year: moto.year } : {}),
      },
    };
  }
  if (e.km !== undefined) d = { ...d, vehicle: { ...d.vehicle, km: e.km } };
  if (e.plate) d = { ...d, vehicle: { ...d.vehicle, plate: e.plate } };
  if (e.services?.length || e.symptoms?.length) {
    const services = [...new Set<ServiceCode>([...d.services, ...(e.services ?? [])])];
    d = addComplaint({ ...d, services }, ev.text);
  }
  if (e.name) d = { ...d, name: e.name };
  return d;
};

/** The answer to the question the bot asked, read from the raw text when the NLU had nothing to say. */
const mergePendingAnswer = (state: CustomerState, ev: MessageEvent, ctx: FlowContext): { state: CustomerState; answered: boolean } => {
  const d = state.draft;
  const set = (draft: Draft): { state: CustomerState; answered: boolean } => ({ state: { ...state, draft }, answered: true });
  switch (state.pendingField) {
    case 'vehicle_choice': {
      const vehicles = ctx.customer.vehicles;
      if (ev.choiceId === msg.BUTTON_IDS.newVehicle || /\boutra\b/i.test(ev.text)) return set({ ...withoutVehicleId(d), vehicle: {} });
      const byId = ev.choiceId?.startsWith('vehicle:') ? vehicles.find((v) => `vehicle:${v.id}` === ev.choiceId) : undefined;
      const pos = readPosition(ev.text);
      const picked = byId ?? (pos !== undefined ? vehicles[pos - 1] : undefined);
      return picked ? set(useKnownVehicle(d, picked)) : { state, answered: false };
    }
    case 'year': {
      const year = readYear(ev, ctx.now.getUTCFullYear());
      if (year) return set({ ...d, vehicle: { ...d.vehicle, year } });
      return { state, answered: isSkip(ev.text) };
    }
    case 'km': {
      const km = readKm(ev);
      if (km !== undefined) return set({ ...d, vehicle: { ...d.vehicle, km } });
      return { state, answered: isSkip(ev.text) };
    }
    case 'name': {
      const name = readName(ev);
      if (name) return set({ ...d, name });
      return { state, answered: isSkip(ev.text) };
    }
    case 'complaint': {
      if (ev.nlu.entities.services?.length || ev.nlu.entities.symptoms?.length) return { state, answered: true };
      const complaint = ev.nlu.intent === 'other' || ev.nlu.intent === 'provide_data' || ev.nlu.intent === 'quote_request' ? readComplaint(ev.text) : undefined;
      return complaint ? set({ ...addComplaint(d, complaint), services: ['diagnosis'] }) : { state, answered: false };
    }
    default:
      return { state, answered: false };
  }
};

const hasUsefulEntities = (ev: MessageEvent): boolean => {
  const e = ev.nlu.entities;
  return Boolean(e.motorcycle || e.km !== undefined || e.plate || e.services?.length || e.symptoms?.length || e.name);
};

/** True when a message, sent while the bot waits for an intake answer, carries that answer or new intake data. */
export const feedsIntake = (state: CustomerState, ev: MessageEvent, ctx: FlowContext): boolean =>
  state.stage === 'collecting' && (hasUsefulEntities(ev) || mergePendingAnswer(state, ev, ctx).answered);

type Question = { field: PendingField; text: string; buttons?: Button[] };

const nextQuestion = (state: CustomerState, ctx: FlowContext): Question | null => {
  const d = state.draft;
  const asked = new Set(state.asked);
  const vehicles = ctx.customer.vehicles;
  if (!d.vehicle.familyId && !d.vehicleId && vehicles.length > 1 && !asked.has('vehicle_choice')) {
    const buttons = [
      ...vehicles.slice(0, 9).map((v) => ({ id: `vehicle:${v.id}`, title: msg.vehicleLabel(v) })),
      { id: msg.BUTTON_IDS.newVehicle, title: 'Outra moto' },
    ];
    return { field: 'vehicle_choice', text: msg.askVehicleChoice(), buttons };
  }
  if (!d.vehicle.familyId) return { field: 'family', text: msg.askFamily() };
  if (!d.services.length && !d.complaint) return { field: 'complaint', text: msg.askComplaint(msg.vehicleLabel(d.vehicle)) };
  if (d.vehicle.year === undefined && !asked.has('year')) return { field: 'year', text: msg.askYear() };
  if (d.vehicle.km === undefined && !asked.has('km')) return { field: 'km', text: msg.askKm() };
  if (!d.name && !ctx.customer.name && !asked.has('name')) return { field: 'name', text: msg.askName() };
  return null;
};

/** The question the bot is waiting on, to repeat after a message it did not understand. */
export const pendingQuestion = (state: CustomerState, ctx: FlowContext): Question | null =>
  state.stage === 'collecting' ? nextQuestion({ ...state, asked: state.asked.filter((f) => f !== state.pendingField) }, ctx) : null;

const complete = (state: CustomerState, ctx: FlowContext): Turn => {
  const d = state.draft;
  const services: ServiceCode[] = d.services.length ? d.services : ['diagnosis'];
  const complaint = d.complaint ?? services.join(', ');
  const effects: Effect[] = [];
  if (d.name && !ctx.customer.name) effects.push({ type: 'save_customer', name: d.name });
  if (!d.vehicleId) effects.push({ type: 'save_vehicle', vehicle: d.vehicle });
  const base: CustomerState = { ...state, draft: { ...d, services }, pendingField: undefined, asked: [] };
  const open = ctx.openOrder;
  if (open && open.status === 'aberta') {
    effects.push(
      { type: 'create_quote', orderId: open.id, services, familyId: d.vehicle.familyId ?? null },
      reply(msg.requoteExistingOrder(open.number)),
    );
    return turn({ ...base, stage: 'awaiting_quote', orderId: open.id, orderNumber: open.number }, ...effects);
  }
  effects.push(
    { type: 'open_order', complaint, services, vehicle: d.vehicle },
    notifyStaff('new_order', msg.newOrderStaff(d.vehicle, services, complaint, customerName(state, ctx))),
    reply(msg.buildingQuote(customerName(state, ctx))),
  );
  return turn({ ...base, stage: 'awaiting_order' }, ...effects);
};

/** Asks the next missing thing, or opens the order when there is enough. */
const advance = (state: CustomerState, ctx: FlowContext): Turn => {
  let s = state;
  // The customer with exactly one moto on file is not asked which one.
  const only = ctx.customer.vehicles.length === 1 ? ctx.customer.vehicles[0] : undefined;
  if (only && !s.draft.vehicle.familyId && !s.draft.vehicleId) s = { ...s, draft: useKnownVehicle(s.draft, only) };
  const q = nextQuestion(s, ctx);
  if (!q) return complete(s, ctx);
  const asked = s.asked.includes(q.field) ? s.asked : [...s.asked, q.field];
  return turn({ ...s, stage: 'collecting', pendingField: q.field, asked }, reply(q.text, q.buttons));
};

/** A new request for a quote (or the "Orçamento" button): starts a fresh draft unless one is in progress. */
export const startIntake = (state: CustomerState, ev: MessageEvent, ctx: FlowContext): Turn => {
  const fresh: CustomerState =
    state.stage === 'collecting'
      ? state
      : { ...initialCustomerState(), draft: { ...initialCustomerState().draft, name: state.draft.name } };
  const draft = mergeEntities(fresh.draft, ev, ctx);
  if (!hasUsefulEntities(ev) && fresh.stage !== 'collecting' && ctx.customer.vehicles.length !== 1) {
    // "quero um orçamento" with nothing else: one open question beats a form.
    return turn({ ...fresh, stage: 'collecting', pendingField: 'family', draft }, reply(msg.askQuoteStart()));
  }
  return advance({ ...fresh, draft, misunderstood: 0 }, ctx);
};

/** A message while collecting: the pending answer plus anything else it says. */
export const continueIntake = (state: CustomerState, ev: MessageEvent, ctx: FlowContext): Turn => {
  const answered = mergePendingAnswer(state, ev, ctx).state;
  const draft = mergeEntities(answered.draft, ev, ctx);
  return advance({ ...answered, draft, misunderstood: 0 }, ctx);
};
