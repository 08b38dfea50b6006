import { useState, type FormEvent } from 'react';
import type { Patient, PatientInput } from '../../../../shared/policy/policyViews';
import { DateField, typedDateProblem } from '../../components/DateField';
import { FormError } from '../../components/FormError';
import { SelectField, TextField } from '../../components/TextField';
import type { FieldErrors } from '../../lib/fieldErrors';
import { usePatientsStore } from '../../stores/patientsStore';

export function PatientForm({ patient }: { patient: Patient | null }) {
  const [form, setForm] = useState<PatientInput>(
    patient
      ? {
          firstName: patient.firstName,
          lastName: patient.lastName,
          dob: patient.dob,
          preferredLanguage: patient.preferredLanguage,
          phone: patient.phone,
        }
      : { firstName: '', lastName: '', dob: '', preferredLanguage: 'en', phone: null },
  );
  const storeErrors = usePatientsStore((s) => s.errors);
  const [dobProblem, setDobProblem] = useState<string | undefined>(undefined);
  const errors: FieldErrors = dobProblem ? { ...storeErrors, dob: dobProblem } : storeErrors;
  const save = usePatientsStore((s) => s.save);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problem =
      form.dob === '' ? 'Type the date of birth, like 01/31/1980.' : typedDateProblem(form.dob, true);
    setDobProblem(problem);
    if (!problem) void save(form);
  };

  return (
    <form className="form" onSubmit={onSubmit} aria-label="Patient">
      <TextField
        id="patient-first"
        label="First name"
        value={form.firstName}
        error={errors.firstName}
        autoFocus={!patient}
        onChange={(firstName) => setForm({ ...form, firstName })}
      />
      <TextField
        id="patient-last"
        label="Last name"
        value={form.lastName}
        error={errors.lastName}
        onChange={(lastName) => setForm({ ...form, lastName })}
      />
      <DateField
        id="patient-dob"
        label="Date of birth"
        past
        value={form.dob}
        error={errors.dob}
        onChange={(dob) => setForm({ ...form, dob })}
      />
      <SelectField
        id="patient-language"
        label="Preferred language for printouts"
        value={form.preferredLanguage}
        options={[
          ['en', 'English'],
          ['es', 'Spanish (Español)'],
        ]}
        onChange={(preferredLanguage) => setForm({ ...form, preferredLanguage })}
      />
      <TextField
        id="patient-phone"
        label="Phone"
        value={form.phone ?? ''}
        error={errors.phone}
        onChange={(phone) => setForm({ ...form, phone: phone === '' ? null : phone })}
      />
      <FormError errors={errors} />
      <div className="form-actions">
        <button type="submit" className="primary">
          {patient ? 'Save patient' : 'Create patient'}
        </button>
      </div>
    </form>
  );
}
