/** The public set-password page a new user's one-time invite link opens: `#/invite?token=…`. */
export const INVITE_PATH = '/invite';
export { InvitePage } from './invite-page';
