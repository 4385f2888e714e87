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
