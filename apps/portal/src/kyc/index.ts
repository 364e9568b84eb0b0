import FactCheckIcon from '@mui/icons-material/FactCheck';
import { KycQueue } from './kyc-queue';

/** `<Resource name="kyc">`: the review queue (KYC officers, platform admins, auditors). */
export const kycQueueResource = {
  list: KycQueue,
  icon: FactCheckIcon,
  options: { label: 'KYC queue' },
};
