import { useEffect, useRef } from 'react';

/** The screen's title. Takes focus when the screen opens, so keyboard users start at the top. */
export function ScreenHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h1 ref={ref} tabIndex={-1} className="screen-title">
      {children}
    </h1>
  );
}
