import type { ReactNode } from 'react';
import { Layout } from 'react-admin';
import { AppMenu } from './app-menu';

export const AppLayout = ({ children }: { children: ReactNode }) => (
  <Layout menu={AppMenu}>{children}</Layout>
);
