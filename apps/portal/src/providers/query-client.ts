import { QueryClient } from '@tanstack/react-query';
import { HttpError } from 'react-admin';

const MAX_RETRIES = 2;

/**
 * react-query retries every failed read three times by default. Only what may pass on a retry is
 * retried here: a network failure (fetch rejects with a TypeError) or a 5xx answer. A 4xx (404
 * for another organization's id, 403, a validation error) or a local refusal ("not signed in",
 * asked for permissions on the login page) would only delay the error state by seconds.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failureCount, error) =>
        failureCount < MAX_RETRIES && (error instanceof TypeError || (error instanceof HttpError && error.status >= 500)),
    },
  },
});
