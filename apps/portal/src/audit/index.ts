import HistoryIcon from '@mui/icons-material/History';
import { AuditList } from './audit-list';

/** `<Resource name="audit">`: the audit log, for everyone (the API scopes it). */
export const auditResource = {
  list: AuditList,
  icon: HistoryIcon,
  options: { label: 'Audit log' },
};
