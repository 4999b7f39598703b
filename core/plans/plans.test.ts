import { describe, expect, it } from 'vitest';
import { featuresOf, hasFeature, PLANS, planFeaturesSchema } from './plans';

describe('plans', () => {
  it('every plan is valid data and higher plans never lose features', () => {
    for (const p of Object.values(PLANS)) expect(planFeaturesSchema.parse(p.features)).toEqual(p.features);
    expect(hasFeature('basico', 'voice')).toBe(false);
    expect(hasFeature('premium', 'voice')).toBe(true);
    expect(featuresOf('pro').maxStaff).toBeGreaterThan(featuresOf('basico').maxStaff);
  });
  it('unknown plans get the most restrictive features', () => {
    expect(featuresOf('gold')).toEqual(PLANS.basico.features);
  });
});
