import { AppBar, Box, Tab, Tabs, Toolbar, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { InventoryTree } from '../features/inventory/InventoryTree';
import { startInventory, useInventory } from '../features/inventory/inventory-store';
import { SummaryView } from '../features/summary/SummaryView';
import { SelectionProvider } from './selection';

const noMigrations = new Set<string>();

export function App() {
  const [tab, setTab] = useState('summary');
  const inv = useInventory();
  useEffect(() => startInventory(), []);
  useEffect(() => {
    // The readiness signal end-to-end tests wait for, instead of sleeping.
    if (inv.status !== 'loading') document.body.dataset.ready = 'true';
  }, [inv.status]);

  return (
    <SelectionProvider>
      <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
        <AppBar position="static" color="default" elevation={1}>
          <Toolbar variant="dense">
            <Typography variant="h6" component="h1" sx={{ fontWeight: 700 }}>Ferry</Typography>
          </Toolbar>
        </AppBar>
        <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
          <Box component="nav" aria-label="Inventory" sx={{ width: 340, borderRight: 1, borderColor: 'divider', overflow: 'auto' }}>
            <InventoryTree migratingVmIds={noMigrations} />
          </Box>
          <Box component="main" sx={{ flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0 }}>
            <Tabs value={tab} onChange={(_e, v: string) => setTab(v)} sx={{ borderBottom: 1, borderColor: 'divider' }}>
              <Tab value="summary" label="Summary" />
            </Tabs>
            <Box sx={{ flex: 1, overflow: 'auto' }}>{tab === 'summary' && <SummaryView />}</Box>
          </Box>
        </Box>
      </Box>
    </SelectionProvider>
  );
}
