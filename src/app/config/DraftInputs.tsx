import React, { type ComponentProps } from 'react';
import { Input, TextArea } from '@grafana/ui';
import { useDraftText } from './useDraftText';

interface DraftProps<T> {
  value: T;
  format: (value: T) => string;
  parse: (text: string) => T;
  onValueChange: (value: T) => void;
}

type InputProps = Omit<ComponentProps<typeof Input>, 'value' | 'onChange'>;
type TextAreaProps = Omit<ComponentProps<typeof TextArea>, 'value' | 'onChange'>;

/** An Input for a value that is parsed as it is typed (a number, a comma separated list). */
export function DraftInput<T>({ value, format, parse, onValueChange, ...inputProps }: DraftProps<T> & InputProps) {
  const [text, change] = useDraftText(value, format, parse);
  return <Input {...inputProps} value={text} onChange={(event) => onValueChange(change(event.currentTarget.value))} />;
}

/** A TextArea for a value that is parsed as it is typed (`key=value` lines). */
export function DraftTextArea<T>({
  value,
  format,
  parse,
  onValueChange,
  ...textAreaProps
}: DraftProps<T> & TextAreaProps) {
  const [text, change] = useDraftText(value, format, parse);
  return (
    <TextArea {...textAreaProps} value={text} onChange={(event) => onValueChange(change(event.currentTarget.value))} />
  );
}
