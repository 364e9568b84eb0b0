/** The bill's states and encumbrances; their rules are in `lifecycle/bill-lifecycle.ts`. Kept for imports. */
export { BillState, Encumbrance, nextBillState, type BillAction } from '../lifecycle/bill-lifecycle.js';
