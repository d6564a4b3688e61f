// A small typed view of an XML document: libvirt's XML is read-only input for us, so a tree
// of elements with attributes, text and children is all we need (no `any` leaking out of
// fast-xml-parser's loosely typed output).

import { XMLParser } from 'fast-xml-parser';

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly text: string;
  readonly children: readonly XmlElement[];
}

const ATTRS = '$attrs';
const TEXT = '$text';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: ATTRS,
  textNodeName: TEXT,
  alwaysCreateTextNode: true,
  parseTagValue: false,
  parseAttributeValue: false,
  // Every element becomes an array, so one element and many look the same.
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

type Raw = Record<string, unknown>;
const isRaw = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

function toElement(name: string, raw: unknown): XmlElement {
  if (!isRaw(raw)) return { name, attrs: {}, text: raw === undefined || raw === null ? '' : String(raw), children: [] };
  const attrs: Record<string, string> = {};
  const children: XmlElement[] = [];
  let text = '';
  for (const [key, value] of Object.entries(raw)) {
    if (key === ATTRS && isRaw(value)) {
      for (const [a, v] of Object.entries(value)) attrs[a] = String(v);
    } else if (key === TEXT) {
      text = String(value);
    } else if (Array.isArray(value)) {
      for (const item of value) children.push(toElement(key, item));
    } else {
      children.push(toElement(key, value));
    }
  }
  return { name, attrs, text: text.trim(), children };
}

/** Parses a document and returns its root element; throws if there is none. */
export function parseXml(xml: string): XmlElement {
  const doc: unknown = parser.parse(xml);
  if (!isRaw(doc)) throw new Error('not an XML document');
  const rootName = Object.keys(doc).find((k) => !k.startsWith('?'));
  const root = rootName === undefined ? undefined : doc[rootName];
  if (rootName === undefined || !Array.isArray(root) || root.length === 0) throw new Error('XML document has no root element');
  return toElement(rootName, root[0]);
}

export const childrenNamed = (el: XmlElement | undefined, name: string): XmlElement[] => el?.children.filter((c) => c.name === name) ?? [];
export const childNamed = (el: XmlElement | undefined, name: string): XmlElement | undefined => el?.children.find((c) => c.name === name);

/** Follows a path of element names from `el` (first match at each step). */
export function descend(el: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let current = el;
  for (const name of path) current = childNamed(current, name);
  return current;
}

export const attrOf = (el: XmlElement | undefined, name: string): string | undefined => el?.attrs[name];

/** An integer from text or attribute; undefined when absent or not a number. */
export function intOf(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : undefined;
}

/** XML-escapes text for attribute or element content. */
export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** libvirt scaled integers: `<memory unit='KiB'>262144</memory>` (default unit given by the caller). */
export function bytesOf(el: XmlElement | undefined, defaultUnit = 'bytes'): number | undefined {
  const value = intOf(el?.text);
  if (value === undefined) return undefined;
  return value * unitFactor(attrOf(el, 'unit') ?? defaultUnit);
}

const UNIT_FACTORS: Readonly<Record<string, number>> = {
  b: 1,
  bytes: 1,
  k: 1024,
  kib: 1024,
  kb: 1000,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  mb: 1000 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  gb: 1000 ** 3,
  t: 1024 ** 4,
  tib: 1024 ** 4,
  tb: 1000 ** 4,
};

function unitFactor(unit: string): number {
  const factor = UNIT_FACTORS[unit.toLowerCase()];
  if (factor === undefined) throw new Error(`unknown size unit ${unit}`);
  return factor;
}
