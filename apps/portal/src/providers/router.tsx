import type { ReactNode } from 'react';
import { createHashRouter, RouterProvider } from 'react-router';

/**
 * The portal's hash router, created here rather than by react-admin (which creates one only when
 * it is not already inside a router) so that navigations are plain state updates, not React
 * transitions.
 *
 * Why: on a first visit without a session, react-admin's `requireAuth` mounts `LogoutOnMount` at
 * `/`; the logout navigates to `/login`, then resets the store and clears the query cache in the
 * same tick. As a transition, the navigation is interrupted by those urgent updates, `/` renders
 * again with pending auth queries, logs out again, and so on: about 3,000 rounds and 13 s before
 * the login form appeared (issue 14; test/portal/first-load.e2e-spec.ts counts the renders).
 */
export function createAppRouter(app: ReactNode) {
  const router = createHashRouter([{ path: '*', element: app }]);
  return () => <RouterProvider router={router} useTransitions={false} />;
}
