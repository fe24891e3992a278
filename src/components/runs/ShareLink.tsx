import { useState } from 'react';
import { useAppStore } from '../../store/useAppStore';
import { shareHash } from '../../store/shareLink';

/** Makes a link that carries the whole config and seed, copies it, and shows it to copy by hand. */
export function ShareLink() {
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const make = () => {
    const url = `${location.origin}${location.pathname}${shareHash(useAppStore.getState().config)}`;
    setLink(url);
    navigator.clipboard?.writeText(url).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div className="share">
      <button
        type="button"
        data-testid="share.make"
        onClick={make}
        title="A link that opens the playground with exactly these settings, seed included"
      >
        Share settings
      </button>
      {link && (
        <>
          <input
            readOnly
            data-testid="share.link"
            value={link}
            onFocus={(e) => e.target.select()}
            aria-label="Share link"
          />
          <span className="muted small">{copied ? 'Copied.' : 'Copy the link.'}</span>
        </>
      )}
    </div>
  );
}
