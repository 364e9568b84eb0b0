import type { ReactNode } from 'react';
import { Layout } from 'react-admin';
import { TallyAppBar } from './app-bar';
import { AppMenu } from './app-menu';

/**
 * react-admin's layout is `min-width: fit-content`, and its content column is a flex item (whose
 * min-width is `auto`): at 390 px one wide table made every page ~850 px wide. Here the layout
 * is as wide as the viewport and the column may shrink; wide tables scroll inside their own card
 * and the page never scrolls sideways (issue 14).
 */
const layoutSx = {
  minWidth: 0,
  '& .RaLayout-contentWithSidebar': { minWidth: 0 },
  '& .RaLayout-content': { minWidth: 0 },
  // the same for react-admin's page columns (flex items too), and tables scroll in their wrapper
  '& .RaShow-main, & .RaShow-card, & .RaList-main, & .RaList-content, & .RaEdit-main, & .RaEdit-card, & .RaCreate-main, & .RaCreate-card': { minWidth: 0 },
  '& .RaDataTable-tableWrapper, & .RaDatagrid-tableWrapper': { overflowX: 'auto' },
} as const;

export const AppLayout = ({ children }: { children: ReactNode }) => (
  <Layout menu={AppMenu} appBar={TallyAppBar} sx={layoutSx}>
    {children}
  </Layout>
);
