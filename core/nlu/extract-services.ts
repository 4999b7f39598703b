import type { ServiceCode } from '../domain/services';
import { SERVICE_PATTERNS } from './vocab-services';

export interface ServicesFound {
  readonly services: ServiceCode[];
  readonly symptoms: string[];
}

const blank = (s: string, start: number, len: number): string =>
  s.slice(0, start) + ' '.repeat(len) + s.slice(start + len);

export const extractServices = (text: string): ServicesFound => {
  const services: ServiceCode[] = [];
  const symptoms: string[] = [];
  let rest = text;
  for (const p of SERVICE_PATTERNS) {
    const re = new RegExp(p.re.source, 'g');
    for (const m of rest.matchAll(re)) {
      for (const s of p.services) if (!services.includes(s)) services.push(s);
      const phrase = m[0].trim();
      if (p.symptom && !symptoms.includes(phrase)) symptoms.push(phrase);
      rest = blank(rest, m.index, m[0].length);
    }
  }
  return { services, symptoms };
};
