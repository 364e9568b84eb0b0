import type { SortPayload } from 'react-admin';

/**
 * The API's lists have a fixed order and take no sort parameter, so lists ask for none (and
 * their columns disable sorting) rather than pretend to sort.
 */
export const NO_SORT: SortPayload = { field: '', order: 'ASC' };
