/**
 * A scenario or rule-pack error in the UI's language: schema issues are translated from their
 * code and field (LoadError.issue); other errors (YAML syntax, duplicate ids) keep their text.
 */
import { useT, type MessageKey, type Params } from '../../components/i18n/use-t';
import type { LoadError, LoadIssue } from '../../core/yaml-source';
import { useLocaleStore } from '../../stores/use-locale-store';

type Translate = (key: MessageKey, params?: Params) => string;

const TYPES = ['string', 'number', 'int', 'boolean', 'array', 'object'] as const;

function typeName(t: Translate, expected: string | undefined): string {
  const known = TYPES.find((type) => type === expected);
  return known ? t(`zod.type.${known}`) : (expected ?? '');
}

/** The issue in words, or undefined when it has no translation (the English message stands). */
function issueText(t: Translate, issue: LoadIssue): string | undefined {
  const limit = issue.limit ?? 0;
  const origin = issue.origin === 'array' || issue.origin === 'number' ? issue.origin : 'string';
  switch (issue.code) {
    case 'required':
      return t('zod.required');
    case 'invalid_type':
      return t('zod.invalid_type', { expected: typeName(t, issue.expected) });
    case 'too_small':
      return origin === 'string' && limit <= 1
        ? t('zod.empty')
        : t(`zod.too_small.${origin}`, { limit });
    case 'too_big':
      return t(`zod.too_big.${origin}`, { limit });
    case 'invalid_value':
      return t('zod.invalid_value', { values: (issue.values ?? []).join(' / ') });
    case 'unrecognized_keys':
      return t('zod.unrecognized_keys', { values: (issue.values ?? []).join(', ') });
    case 'invalid_format':
      if (issue.key === 'doc') return t('zod.format.doc');
      if (issue.key === 'id') return t('zod.format.id');
      return t('zod.format');
    case 'invalid_union':
      return t('zod.invalid_union');
    case 'custom':
      return issue.key === 'customer' ? t('zod.custom.customer') : undefined;
    default:
      return undefined;
  }
}

/** The message of a load error for the current language (`english`: the schema's own words). */
export function loadErrorText(t: Translate, english: boolean, error: LoadError): string {
  if (english || !error.issue) return error.message;
  return issueText(t, error.issue) ?? error.message;
}

/** loadErrorText in the current language. */
export function useLoadErrorText(): (error: LoadError) => string {
  const t = useT();
  const english = useLocaleStore((state) => state.locale === 'en');
  return (error) => loadErrorText(t, english, error);
}
