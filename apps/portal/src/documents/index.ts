import DescriptionIcon from '@mui/icons-material/Description';
import { DocumentList } from './document-list';
import { DocumentShow } from './document-show';
import { DocumentUpload } from './document-upload';

/** `<Resource name="documents">`: list, upload, and the document page with its receipt and certificate. */
export const documentResource = {
  list: DocumentList,
  show: DocumentShow,
  create: DocumentUpload,
  icon: DescriptionIcon,
  recordRepresentation: 'name',
};
