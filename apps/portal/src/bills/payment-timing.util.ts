/** Within this many days of the due date, paying is the expected next step. */
export const PAY_WINDOW_DAYS = 7;

const DAY_MS = 86_400_000;

export interface PaymentTiming {
  /** Whole UTC calendar days from today to the due date; negative once overdue. */
  daysToDue: number;
  /** More than PAY_WINDOW_DAYS before the due date: paying now is an early payment, a deliberate choice. */
  early: boolean;
}

/** How far a bill's due date (`YYYY-MM-DD`, a UTC calendar day as the API counts) is from `nowMs`. */
export function paymentTiming(dueDate: string, nowMs: number): PaymentTiming {
  const due = Date.parse(`${dueDate}T00:00:00Z`);
  const today = Date.parse(`${new Date(nowMs).toISOString().slice(0, 10)}T00:00:00Z`);
  const daysToDue = Math.round((due - today) / DAY_MS);
  return { daysToDue, early: daysToDue > PAY_WINDOW_DAYS };
}

/** "due today", "due in 1 day", "due in 90 days", "3 days overdue". */
export function describeDue(daysToDue: number): string {
  if (daysToDue === 0) return 'due today';
  if (daysToDue > 0) return `due in ${daysToDue} ${daysToDue === 1 ? 'day' : 'days'}`;
  const late = -daysToDue;
  return `${late} ${late === 1 ? 'day' : 'days'} overdue`;
}
