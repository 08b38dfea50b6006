// Administrators add desk accounts (one per person), change roles, reset passwords, and turn accounts off.
import { useEffect, useState, type FormEvent } from 'react';
import { ROLE_LABELS, ROLES, type Role, type User } from '../../../../shared/auth/authViews';
import { FormError } from '../../components/FormError';
import { ApiError, call } from '../../lib/api';
import { FORM_ERROR, fieldErrorsFrom, type FieldErrors } from '../../lib/fieldErrors';

const USER_FIELDS = ['displayName', 'username', 'role', 'password'];

const EMPTY = {
  id: null as number | null,
  username: '',
  displayName: '',
  role: 'front_desk' as Role,
  active: true,
};

export function UsersPanel() {
  const [users, setUsers] = useState<User[]>([]);
  const [form, setForm] = useState(EMPTY);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState<string | null>(null);
  const load = () => void call('users:list', {}).then(setUsers, () => undefined);
  useEffect(load, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    call('users:save', { ...form, password: password || null }).then(
      (user) => {
        setSaved(`${user.displayName} saved.`);
        setErrors({});
        setForm(EMPTY);
        setPassword('');
        load();
      },
      (error: unknown) =>
        setErrors(
          fieldErrorsFrom(error, USER_FIELDS) ?? {
            [FORM_ERROR]: error instanceof ApiError ? error.message : 'Not saved.',
          },
        ),
    );
  };
  const error = (field: string) => (errors[field] ? <p className="field-error">{errors[field]}</p> : null);

  return (
    <div className="panel">
      <h2>Users</h2>
      <p className="muted">
        One account per person; records show who did what. Accounts are turned off, never deleted.
      </p>
      <table className="estimate-table" aria-label="Users">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">User name</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col" aria-label="Edit" />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.displayName}</td>
              <td>{u.username}</td>
              <td>{ROLE_LABELS[u.role]}</td>
              <td>{u.active ? 'Active' : 'Turned off'}</td>
              <td>
                <button type="button" className="link" onClick={() => setForm({ ...u })}>
                  Edit
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="form" aria-label={form.id ? 'Edit user' : 'Add a user'} onSubmit={onSubmit}>
        <p className="form-title">{form.id ? `Edit ${form.displayName}` : 'Add a user'}</p>
        <div className="field">
          <label htmlFor="user-displayName">Name</label>
          <input
            id="user-displayName"
            value={form.displayName}
            onChange={(e) => setForm({ ...form, displayName: e.target.value })}
          />
          {error('displayName')}
        </div>
        <div className="field">
          <label htmlFor="user-username">User name</label>
          <input
            id="user-username"
            value={form.username}
            onChange={(e) => setForm({ ...form, username: e.target.value })}
          />
          {error('username')}
        </div>
        <div className="field">
          <label htmlFor="user-role">Role</label>
          <select
            id="user-role"
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
          {error('role')}
        </div>
        <div className="field">
          <label htmlFor="user-password">
            {form.id ? 'New password (empty: keep it)' : 'Password (12 characters or more)'}
          </label>
          <input
            id="user-password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {error('password')}
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={form.active}
            onChange={(e) => setForm({ ...form, active: e.target.checked })}
          />{' '}
          Account is active
        </label>
        <FormError errors={errors} />
        <div className="form-actions">
          <button type="submit" className="primary">
            {form.id ? 'Save user' : 'Add user'}
          </button>
          {form.id && (
            <button type="button" className="secondary" onClick={() => setForm(EMPTY)}>
              Cancel
            </button>
          )}
        </div>
        {saved && (
          <p className="saved" role="status">
            {saved}
          </p>
        )}
      </form>
    </div>
  );
}
