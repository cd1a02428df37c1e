import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field.js';
import type { Term } from '../../../shared/vocabularies.js';
import { useTerm } from '../response/kit.js';
import type { DocPerson } from './api.js';

/** A select over a vocabulary, labelled in the console's language. */
export function Choose({
  id,
  name,
  label,
  list,
}: {
  id: string;
  name: string;
  label: string;
  list: readonly Term[];
}) {
  const { t } = useTranslation();
  const term = useTerm();
  return (
    <Field id={id} name={name} label={label}>
      {(p) => (
        <select {...p} data-testid={id}>
          <option value="">{t('response.choose')}</option>
          {list.map((x) => (
            <option key={x.code} value={x.code}>
              {term(list, x.code)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The people of one role as choices, under their pseudonyms. */
export const personTerms = (people: DocPerson[], role: string): Term[] =>
  people.filter((p) => p.role === role).map((p) => ({ code: p.id, en: p.pseudonym, sw: p.pseudonym }));
