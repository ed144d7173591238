import { HomeRedirect } from '../features/session';

export default function HomePage() {
  return <HomeRedirect />;
}
