import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field.js';

/** The language a generated report (dossier, mission report) is written in: the requester's choice. */
export function ReportLanguage({
  id,
  value,
  onChange,
}: {
  id: string;
  value: 'en' | 'sw';
  onChange: (lang: 'en' | 'sw') => void;
}) {
  const { t } = useTranslation();
  return (
    <Field id={id} label={t('documentation.reportLanguage')}>
      {(p) => (
        <select
          {...p}
          data-testid={id}
          value={value}
          onChange={(e) => onChange(e.target.value === 'sw' ? 'sw' : 'en')}
        >
          <option value="en" lang="en">
            English
          </option>
          <option value="sw" lang="sw">
            Kiswahili
          </option>
        </select>
      )}
    </Field>
  );
}
