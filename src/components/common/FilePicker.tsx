import { useRef, type ReactNode } from 'react';
import { ErrorMessage } from './ErrorMessage';

/** What a file action said: a note when it went well, else an error saying what to do. */
export interface Outcome {
  ok: boolean;
  text: string;
}

/**
 * A button that opens the file dialog (the input itself stays hidden), hands over the picked files
 * and clears the input, so picking the same file again reads it again.
 */
export function FilePicker({
  children,
  onFiles,
  accept,
  multiple,
  disabled,
  className,
  title,
  buttonTestId,
  inputTestId,
}: {
  children: ReactNode;
  onFiles: (files: File[]) => void;
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  className?: string;
  title: string;
  buttonTestId?: string;
  inputTestId: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className={className}
        data-testid={buttonTestId}
        disabled={disabled}
        onClick={() => input.current?.click()}
        title={title}
      >
        {children}
      </button>
      <input
        ref={input}
        type="file"
        multiple={multiple}
        accept={accept}
        hidden
        data-testid={inputTestId}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </>
  );
}

/** An outcome as the page shows it: a note (with `testId`) when it went well, else an error message. */
export function OutcomeMessage({ outcome, testId }: { outcome: Outcome | null; testId: string }) {
  if (!outcome) return null;
  return outcome.ok ? (
    <p className="note" data-testid={testId}>
      {outcome.text}
    </p>
  ) : (
    <ErrorMessage>{outcome.text}</ErrorMessage>
  );
}
