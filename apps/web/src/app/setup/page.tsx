import { SetupForm } from '../../features/session';

export const metadata = { title: 'Set up · weft' };

export default function SetupPage() {
  return <SetupForm />;
}
