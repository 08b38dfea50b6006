import { useLayoutEffect, useRef } from 'react';

/** The screen's title. Takes focus when the screen opens, so keyboard users start at the top. */
export function ScreenHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  // A layout effect, like the search box's, so a control further down the screen can take focus after it.
  useLayoutEffect(() => ref.current?.focus(), []);
  return (
    <h1 ref={ref} tabIndex={-1} className="screen-title">
      {children}
    </h1>
  );
}
