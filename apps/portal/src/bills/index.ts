import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import { BillList } from './bill-list';
import { BillShow } from './bill-show';

export { TradeMenuItems } from './trade-menu-items';

/** `<Resource name="bills">`: the list and the bill page (bills are issued by import or the API). */
export const billResource = {
  list: BillList,
  show: BillShow,
  icon: ReceiptLongIcon,
  recordRepresentation: 'invoiceNumber',
};
