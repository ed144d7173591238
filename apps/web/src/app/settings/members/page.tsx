import { MembersSettings } from '../../../features/settings';

export const metadata = { title: 'Members · weft' };

export default function MembersPage() {
  return <MembersSettings />;
}
