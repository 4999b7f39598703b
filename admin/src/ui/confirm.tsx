import { useState, type ReactNode } from 'react';
import { m } from '../messages';
import { Button } from './components';

/** A button that asks for confirmation inline (no blocking browser dialog). */
export const ConfirmButton = ({
  children,
  question,
  onConfirm,
  variant = 'secondary',
  busy,
}: {
  children: ReactNode;
  question: string;
  onConfirm: () => void;
  variant?: 'primary' | 'secondary' | 'danger';
  busy?: boolean;
}) => {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <Button variant={variant} busy={busy} onClick={() => setAsking(true)}>
        {children}
      </Button>
    );
  return (
    <div className="confirm" role="group" aria-label={question}>
      <p>{question}</p>
      <Button
        variant={variant === 'secondary' ? 'primary' : variant}
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {m.common.confirm}
      </Button>
      <Button variant="ghost" onClick={() => setAsking(false)}>
        {m.common.cancel}
      </Button>
    </div>
  );
};
