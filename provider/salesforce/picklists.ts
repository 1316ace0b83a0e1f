/**
 * The values Salesforce documents for the User picklists orgplane sets, checked offline so that a typo stops at
 * check instead of failing the create with INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST.
 */

const words = (text: string) => text.trim().split(/\s+/) as [string, ...string[]];

/** LanguageLocaleKey: the fully supported, then the end-user languages (Metadata API guide, "Translations"). */
export const LANGUAGES = words(`
  zh_CN zh_TW da nl_NL en_US fi fr de it ja ko no pt_BR ru es es_MX sv th
  ar bg hr cs en_GB el iw hu in pl pt_PT ro sk sl tr uk vi`);

/** EmailEncodingKey: the Encoding enumeration of the Metadata API WSDL. */
export const EMAIL_ENCODINGS = words(`
  UTF-8 ISO-8859-1 Shift_JIS ISO-2022-JP EUC-JP ks_c_5601-1987 Big5 GB2312 Big5-HKSCS x-SJIS_0213`);

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });
const regionNames = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });

/**
 * LocaleSidKey: Salesforce's locales are Java locale ids, `language[_Script][_COUNTRY][_variant]` (en_US,
 * de_CH, sr_Latn_RS, ja_JP): an ISO 639 language and an ISO 3166 country known to the runtime's locale data.
 */
export function isSalesforceLocale(value: string): boolean {
  const match = /^([a-z]{2,3})(?:_[A-Z][a-z]{3})?(?:_([A-Z]{2}))?(?:_[A-Z0-9]+)?$/.exec(value);
  if (!match) return false;
  const [, language, country] = match;
  const knownCountry = country === undefined || (country !== "ZZ" && regionNames.of(country) !== undefined);
  return languageNames.of(language) !== undefined && knownCountry;
}
