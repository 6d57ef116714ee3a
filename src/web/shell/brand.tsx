import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function Brand({ dark = false }: { dark?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to="/" className={dark ? 'brand brand-dark' : 'brand'}>
      <span className="brand-mark" aria-hidden>
        <svg viewBox="0 0 32 32" width="26" height="26"><rect width="32" height="32" rx="6" fill="#fff" /><path d="M10 25V7h2v1h10l-3 4 3 4H12v9z" fill="#b71c1c" /></svg>
      </span>
      <span className="brand-name">{t('app.name')}</span>
      <span className="brand-district">{t('app.district')}</span>
    </Link>
  );
}
