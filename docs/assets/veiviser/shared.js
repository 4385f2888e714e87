// shared.js: the one vocabulary as the scripts use it. The data is vocabulary.js, which the build
// writes from src/veiviser/core/vocabulary.json (the file Python reads), so labels, constants and
// number formats are defined once. Each function here mirrors veiviser.core.vocabulary.
import vocabulary from "./vocabulary.js";

export { vocabulary };

// A text given in several languages ({nb, nn, en}): the one asked for, else bokmål, else fallback.
export function text(value, lang = "nb", fallback = "") {
  if (value === null || value === undefined) return fallback;
  if (typeof value === "object") return value[lang] || value.nb || fallback;
  return String(value);
}

// decimal(3.25, 2) -> "3,25"; decimal(4) -> "4": the decimal comma, no trailing zeros. The numbers
// the scripts show come rounded to two places from Python; with digits = 2 nothing rounds again.
export function decimal(value, digits = 1) {
  if (value === null || value === undefined || value === "" || Number.isNaN(Number(value))) return "";
  let out = Number(value).toFixed(digits);
  if (digits > 0) out = out.replace(/0+$/, "").replace(/\.$/, "");
  return out.replace(".", vocabulary.decimal_separator);
}

// Where the site publishes a survey definition (relative to the site root).
export function definitionUrl(id, version) {
  return vocabulary.definition_url.replace("{id}", id).replace("{version}", String(version));
}

// Whether a service with this status takes people now (the finder and the pages agree).
export const isOpen = (status) => vocabulary.open_statuses.includes(status);

// monthText("2021-10") -> "oktober 2021"; "2021" -> "2021"; "2021-10-05" -> "5. oktober 2021"
// (mirrors veiviser.core.vocabulary.month_text: Norwegian month names wherever a date is shown).
export function monthText(value, lang = "nb") {
  const parts = String(value).split("-");
  if (parts.length === 1) return parts[0];
  const name = vocabulary.months[lang][Number(parts[1]) - 1];
  return parts.length === 3 ? `${Number(parts[2])}. ${name} ${parts[0]}` : `${name} ${parts[0]}`;
}

// Whole years from a fact's date ("2021", "2021-10" or "2021-10-05") to now. A year alone counts
// from its middle and a month from its first day, so no fact looks younger than it can be.
export function ageInYears(asOf, now = new Date()) {
  const [y, m, d] = String(asOf).split("-").map(Number);
  const from = new Date(y, m ? m - 1 : 6, d || 1);
  let years = now.getFullYear() - from.getFullYear();
  if (now.getMonth() < from.getMonth() || (now.getMonth() === from.getMonth() && now.getDate() < from.getDate())) years -= 1;
  return Math.max(0, years);
}

// From this age (years) the age badge warns.
export const OLD_YEARS = 2;

// «Opplysninger fra oktober 2021 – 5 år gamle»; under a year: «– under ett år gamle».
export function ageText(asOf, now = new Date()) {
  const years = ageInYears(asOf, now);
  const age = years < 1 ? "under ett år gamle" : `${years} år gamle`;
  return `Opplysninger fra ${monthText(asOf)} – ${age}`;
}

// Whether a response answers enough to be stored: veiviser.core.response.too_few, the same
// rule (tests/surveys/test_vocabulary_js.py runs both on the same cases). It must answer
// min_answered of the items that are not free text (default: half of them, rounded up), at
// least one with something other than «vet ikke». Returns {ok, need, answered, total, scored}.
export function answeredEnough(def, answers) {
  const items = def.items || [];
  let pool = items.filter((i) => i.type !== "text");
  if (!pool.length) pool = items;
  const blank = (v) => v === null || v === undefined || (typeof v === "string" && !v.trim());
  const given = pool.map((i) => answers[i.id]).filter((v) => !blank(v));
  const scored = given.filter((v) => !(typeof v === "string" && v.trim() === "vet-ikke")).length;
  const total = pool.length;
  const need = Math.min(Number.isInteger(def.min_answered) ? def.min_answered : Math.max(1, Math.ceil(total / 2)), total);
  return { ok: given.length >= need && scored > 0, need, answered: given.length, total, scored };
}
