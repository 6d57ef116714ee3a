// What of a citizen each reader may see. The hotline centre and the units handling a request see
// name and phone; other officials see them masked; the public sees neither, and phone numbers
// written into the text are blanked for them too.

export type CitizenVisibility = 'full' | 'masked' | 'none';

/** 张三丰 → 张**; a single character stays as it is only when it is the whole name. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.length ? '*' : '';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** 13812345678 → 138****5678; short numbers keep only their last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 0) return '';
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}

const phoneInText = /(?<!\d)(1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|0\d{2,3}-?\d{7,8})(?!\d)/g;
const idCardInText = /(?<![\dXx])\d{17}[\dXx](?![\dXx])/g;

/** Blanks phone and ID-card numbers a citizen wrote into the description, for public eyes. */
export function redactText(text: string): string {
  return text.replace(idCardInText, '[证件号已隐藏]').replace(phoneInText, '[电话已隐藏]');
}

export function citizenFor(visibility: CitizenVisibility, name: string, phone: string): { name: string | null; phone: string | null } {
  if (visibility === 'full') return { name, phone };
  if (visibility === 'masked') return { name: maskName(name), phone: maskPhone(phone) };
  return { name: null, phone: null };
}
