// The badges a code carries everywhere it is listed: deleted, often needs prior auth, often medical.

export function Flags({
  deleted,
  oftenPriorAuth,
  oftenMedical,
}: {
  deleted: boolean;
  oftenPriorAuth: boolean;
  oftenMedical: boolean;
}) {
  return (
    <span className="flags">
      {deleted && <span className="badge badge-deleted">Deleted</span>}
      {oftenPriorAuth && <span className="badge badge-pa">Often needs prior auth</span>}
      {oftenMedical && <span className="badge badge-medical">Often billed to medical</span>}
    </span>
  );
}
