// A success message that takes the focus, so that keyboard and screen-reader users land on it
// after the control they used has gone (a decided request leaves the list).
import { useEffect, useRef, type ReactNode } from 'react';

export function StatusNote({ children, testId }: { children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [children]);
  return (
    <p className="notice work-status" role="status" tabIndex={-1} ref={ref} data-testid={testId}>
      {children}
    </p>
  );
}
