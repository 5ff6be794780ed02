import { css } from '@emotion/css';
import React, { useId, useState } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Input, useStyles2 } from '@grafana/ui';

interface CommitInputProps {
  /** The committed value as text. */
  value: string;
  /**
   * Called on blur or Enter when the text changed; return an error message to refuse the text (it stays
   * in the field, marked invalid) or null to accept it.
   */
  onCommit: (text: string) => string | null;
  /** An error for the committed value (from validation of the whole input). */
  error?: string | null;
  id?: string;
  'aria-label'?: string;
  width?: number;
  placeholder?: string;
  inputMode?: React.HTMLAttributes<HTMLInputElement>['inputMode'];
  suffix?: React.ReactNode;
}

/**
 * A text input that commits on blur or Enter, so that half-typed values ("1", "1.") never reach the
 * engine; Escape restores the committed value. Its error shows under it and is announced with it.
 */
export function CommitInput({ value, onCommit, error, width, suffix, ...rest }: CommitInputProps) {
  const styles = useStyles2(getStyles);
  const errorId = useId();
  const [text, setText] = useState(value);
  const [refused, setRefused] = useState<string | null>(null);
  // A new committed value from outside replaces whatever is typed (React's "adjust state on prop change").
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    setText(value);
    setRefused(null);
  }

  const commit = () => {
    if (text === value) {
      setRefused(null);
      return;
    }
    setRefused(onCommit(text));
  };
  const message = refused ?? error ?? null;
  return (
    <div>
      <Input
        {...rest}
        value={text}
        width={width}
        suffix={suffix}
        invalid={message !== null}
        aria-invalid={message !== null}
        aria-describedby={message !== null ? errorId : undefined}
        onChange={(event) => setText(event.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            commit();
          } else if (event.key === 'Escape') {
            setText(value);
            setRefused(null);
          }
        }}
      />
      {message !== null && (
        <div id={errorId} className={styles.error} role="alert">
          {message}
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  error: css({
    color: theme.colors.error.text,
    fontSize: theme.typography.bodySmall.fontSize,
    marginTop: theme.spacing(0.5),
    maxWidth: theme.spacing(30),
  }),
});
