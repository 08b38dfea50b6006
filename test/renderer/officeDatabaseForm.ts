// Settings, Office database in jsdom: the owner's details for a server on this computer, then "Test the
// connection" (the fake api answers the check).
import { fireEvent, screen } from '@testing-library/react';

export function typeOwnerServerAndTest(): void {
  const type = (key: string, value: string) =>
    fireEvent.change(document.getElementById(`officedb-${key}`)!, { target: { value } });
  type('host', '127.0.0.1');
  type('user', 'verifydesk_owner');
  type('password', 'Owner-Pass-0f-The-Office');
  fireEvent.click(document.getElementById('officedb-requireTls')!);
  fireEvent.click(screen.getByRole('button', { name: 'Test the connection' }));
}
