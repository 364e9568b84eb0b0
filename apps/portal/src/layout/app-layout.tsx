import type { ReactNode } from 'react';
import { Layout } from 'react-admin';
import { TallyAppBar } from './app-bar';
import { AppMenu } from './app-menu';

export const AppLayout = ({ children }: { children: ReactNode }) => (
  <Layout menu={AppMenu} appBar={TallyAppBar}>
    {children}
  </Layout>
);
