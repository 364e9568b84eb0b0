export { OfferingsPage } from './offerings-page';
export { MyOrdersPage } from './my-orders-page';
export { offeringMethods, type OfferingMethods } from './offerings-api';

/** Routes of the investor pages. */
export const OFFERINGS_PATH = '/offerings';
export const MY_ORDERS_PATH = '/my-orders';
