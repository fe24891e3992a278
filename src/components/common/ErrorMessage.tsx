/** Every user-facing error: what went wrong and what to do. */
export function ErrorMessage({ children }: { children: React.ReactNode }) {
  return (
    <p className="error" role="alert" data-testid="error.message">
      {children}
    </p>
  );
}
