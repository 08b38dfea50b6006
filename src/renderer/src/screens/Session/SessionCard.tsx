// The one card every screen before the app uses (setup, sign-in, lock, recovery code, damaged database,
// the administrator's notices): the brand, a heading, an optional muted introduction, then the content.
import type { ReactNode } from 'react';

const WIDTH = {
  narrow: '',
  /** A recovery code printed in groups. */
  medium: ' recovery-card',
  /** A recovery code typed on one line, or a backup offer. */
  wide: ' wide-card',
};

export function SessionCard({
  title,
  intro,
  width = 'narrow',
  children,
}: {
  title: string;
  intro?: ReactNode;
  width?: keyof typeof WIDTH;
  children: ReactNode;
}) {
  return (
    <main className="session-screen">
      <section className={`panel session-card${WIDTH[width]}`} aria-label={title}>
        <div className="brand">VerifyDesk</div>
        <h1>{title}</h1>
        {intro && <p className="muted">{intro}</p>}
        {children}
      </section>
    </main>
  );
}
