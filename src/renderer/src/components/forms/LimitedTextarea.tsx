import { Textarea, type TextareaProps } from '@mantine/core';

/**
 * A Textarea with the contract's length limit: typing stops at `maxLength`, and from 80% of it a
 * counter (120/500) under the box shows how much room is left, before saving rather than after.
 */
export function LimitedTextarea({ maxLength, ...props }: TextareaProps & { maxLength: number }) {
  const length = typeof props.value === 'string' ? props.value.length : 0;
  const near = length >= maxLength * 0.8;
  return (
    <Textarea
      autosize
      minRows={2}
      maxRows={6}
      {...props}
      maxLength={maxLength}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      description={
        near ? (
          <span style={{ color: length >= maxLength ? 'var(--mantine-color-red-7)' : undefined }}>
            {props.description ? <>{props.description} · </> : null}
            {length}/{maxLength}
          </span>
        ) : (
          props.description
        )
      }
    />
  );
}
