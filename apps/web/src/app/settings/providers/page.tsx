import { ProvidersSettings } from '../../../features/settings';

export const metadata = { title: 'Model providers · weft' };

export default function ProvidersPage() {
  return <ProvidersSettings />;
}
