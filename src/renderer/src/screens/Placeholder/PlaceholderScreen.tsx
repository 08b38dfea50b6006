import { ScreenHeading } from '../../components/ScreenHeading';
import type { Placeholder } from './placeholders';

export function PlaceholderScreen({ placeholder }: { placeholder: Placeholder }) {
  return (
    <section className="screen">
      <ScreenHeading>{placeholder.title}</ScreenHeading>
      <p className="lead">{placeholder.purpose}</p>
      <div className="notice">
        <p className="notice-title">Not built yet. This screen will hold:</p>
        <ul>
          {placeholder.coming.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}
