import LinkIcon from '@mui/icons-material/Link';
import { AnchorBatchList } from './anchor-batch-list';
import { AnchorBatchShow } from './anchor-batch-show';

/** `<Resource name="anchors/batches">`: the Merkle batches and their anchoring on chain. */
export const anchorBatchResource = {
  list: AnchorBatchList,
  show: AnchorBatchShow,
  icon: LinkIcon,
  options: { label: 'Anchor batches' },
};
