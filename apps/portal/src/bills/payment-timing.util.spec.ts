import { describe, expect, it } from '@jest/globals';
import { describeDue, paymentTiming } from './payment-timing.util';

const at = (iso: string) => Date.parse(iso);

describe('payment timing', () => {
  it('counts UTC calendar days to the due date, whatever the time of day', () => {
    expect(paymentTiming('2026-03-04', at('2026-03-04T23:59:00Z'))).toEqual({ daysToDue: 0, early: false });
    expect(paymentTiming('2026-03-04', at('2026-03-03T00:00:01Z'))).toEqual({ daysToDue: 1, early: false });
    expect(paymentTiming('2026-03-04', at('2026-03-05T08:00:00Z'))).toEqual({ daysToDue: -1, early: false });
  });

  it('calls a payment more than a week before the due date early', () => {
    expect(paymentTiming('2026-03-11', at('2026-03-04T12:00:00Z')).early).toBe(false);
    expect(paymentTiming('2026-03-12', at('2026-03-04T12:00:00Z')).early).toBe(true);
    expect(paymentTiming('2026-06-04', at('2026-03-04T12:00:00Z'))).toEqual({ daysToDue: 92, early: true });
  });

  it('describes the distance to the due date', () => {
    expect(describeDue(0)).toBe('due today');
    expect(describeDue(1)).toBe('due in 1 day');
    expect(describeDue(90)).toBe('due in 90 days');
    expect(describeDue(-3)).toBe('3 days overdue');
  });
});
