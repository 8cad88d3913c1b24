// keyv's own text format, written and read faster. keyv serialises with a hand-written recursive
// walk and deserialises with a JSON.parse reviver, which calls back into JavaScript for every value:
// on a month of duplicate-index entries read at start that is most of the read. The format is
// JSON in which a string that starts with ':' gets one more ':' in front (and a Buffer is written as
// ':base64:…'); text with no such string is plain JSON, so JSON.parse and JSON.stringify give what
// keyv's own functions give, and only text that has one goes keyv's way.
import type Keyv from 'keyv';

/**
 * Where a string value could start with ':' in JSON text: a quote at the start, or after ':' (an
 * object's value), '[' or ',' (an array's element), then ':'. Inside a string a quote is escaped, so
 * this cannot match within one; a key that ends in ':', ',' or '[' may match too, which only costs
 * the slow way.
 */
const COLON_STRING = /(?:^|[[,:])\s*":/;

/** Whether JSON text holds no string that keyv's format would have written differently. */
export const plainJson = (text: string): boolean => !COLON_STRING.test(text);

/** Gives `keyv` the faster functions, with its own as the fallback; the text written is the same. */
export function useFastFormat(keyv: Keyv): Keyv {
  const slowSerialize = keyv.serialize;
  const slowDeserialize = keyv.deserialize;
  if (!slowSerialize || !slowDeserialize) return keyv;
  keyv.serialize = (data) => {
    const text = JSON.stringify(data) as string | undefined;
    // JSON.stringify writes a Buffer through its toJSON as {"type":"Buffer",…}; keyv writes base64.
    if (text === undefined || !plainJson(text) || text.includes('"type":"Buffer"')) return slowSerialize(data);
    return text;
  };
  keyv.deserialize = (text) => (plainJson(text) ? JSON.parse(text) : slowDeserialize(text));
  return keyv;
}
