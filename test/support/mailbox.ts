import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The outbound mail spool (MAIL_DIR) of each test platform, by its base URL. */
const mailDirs = new Map<string, string>();

export function registerMailbox(baseUrl: string, dir: string): void {
  mailDirs.set(baseUrl, dir);
}

/** The newest mail to `email` on the platform at `baseUrl`, as the user would read it. */
export function latestMailTo(baseUrl: string, email: string): { to: string; subject: string; text: string; link: string } {
  const dir = mailDirs.get(baseUrl);
  if (!dir) throw new Error(`no mailbox known for ${baseUrl}`);
  const mails = readdirSync(dir)
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { to: string; subject: string; text: string; link: string })
    .filter((m) => m.to === email.toLowerCase());
  const mail = mails.at(-1);
  if (!mail) throw new Error(`no mail to ${email}`);
  return mail;
}

/** The token of the newest invite link mailed to `email`. */
export function inviteTokenOf(baseUrl: string, email: string): string {
  return new URL(latestMailTo(baseUrl, email).link.replace('/#/', '/')).searchParams.get('token')!;
}
