import { SignInForm } from '../../features/session';

export const metadata = { title: 'Sign in · weft' };

export default function SignInPage() {
  return <SignInForm />;
}
