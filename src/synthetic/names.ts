import { pickOne, type Random } from './random.js';

const femaleNames = [
  'Siti', 'Dewi', 'Putri', 'Ayu', 'Rina', 'Wulan', 'Intan', 'Fitri', 'Indah', 'Ratna', 'Sri', 'Lestari',
  'Nur', 'Anisa', 'Dian', 'Maya', 'Kartika', 'Rahma', 'Nabila', 'Aulia', 'Citra', 'Mega', 'Yuni', 'Novi',
  'Tiara', 'Salsabila', 'Kirana', 'Laras', 'Ni Made', 'Ni Ketut', 'Melati', 'Anggun',
];
const maleNames = [
  'Budi', 'Agus', 'Andi', 'Eko', 'Joko', 'Rudi', 'Bambang', 'Dedi', 'Hendra', 'Rizky', 'Fajar', 'Bayu',
  'Dimas', 'Arief', 'Yusuf', 'Ahmad', 'Muhammad', 'Teguh', 'Wahyu', 'Gilang', 'Aditya', 'Rangga', 'Irfan',
  'Reza', 'Putu', 'Made', 'Ketut', 'Komang', 'Hadi', 'Surya', 'Iwan', 'Galih',
];
const familyNames = [
  'Santoso', 'Wijaya', 'Saputra', 'Pratama', 'Hidayat', 'Setiawan', 'Kurniawan', 'Nugroho', 'Susanto',
  'Gunawan', 'Halim', 'Siregar', 'Nasution', 'Harahap', 'Lubis', 'Simanjuntak', 'Sinaga', 'Tanjung',
  'Wibowo', 'Rahayu', 'Permata', 'Sari', 'Utami', 'Purnama', 'Hakim', 'Firmansyah', 'Ramadhan',
  'Kusuma', 'Hartono', 'Tan', 'Lim', 'Suryadi', 'Manurung', 'Pangaribuan', 'Pasaribu', 'Daulay',
];
const organisationStems = [
  'Maju Bersama', 'Sinar Harapan', 'Karya Mandiri', 'Nusa Digital', 'Cahaya Abadi', 'Mitra Sejahtera',
  'Garuda Logistik', 'Samudra Teknologi', 'Bintang Timur', 'Indo Kreasi', 'Permata Konsultan', 'Surya Energi',
];
const organisationForms = ['PT', 'PT', 'PT', 'CV', 'Yayasan'];
const personalDomains = [
  'gmail.com', 'gmail.com', 'gmail.com', 'gmail.com', 'gmail.com', 'yahoo.co.id', 'yahoo.com',
  'outlook.com', 'hotmail.com', 'ymail.com', 'icloud.com',
];

export type PersonName = { given: string; family: string | null; full: string };

export function drawPersonName(random: Random, gender: 'female' | 'male'): PersonName {
  const given = pickOne(random, gender === 'female' ? femaleNames : maleNames);
  // many Indonesians go by a single name
  const family = random() < 0.18 ? null : pickOne(random, familyNames);
  return { given, family, full: family ? `${given} ${family}` : given };
}

export function drawOrganisationName(random: Random, token: number): string {
  const form = pickOne(random, organisationForms);
  const stem = pickOne(random, organisationStems);
  // the token keeps otherwise identical company names apart, and the comma exercises CSV quoting
  return random() < 0.2 ? `${form} ${stem} ${token}, Tbk` : `${form} ${stem} ${token}`;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z]+/g, '');
}

/**
 * A personal email that is unique because it ends in `token`, a number unique
 * per person (the prefix never ends in a digit, so the digits are the token).
 */
export function drawPersonalEmail(random: Random, name: PersonName, token: number): string {
  const given = slug(name.given);
  const family = name.family ? slug(name.family) : '';
  const domain = pickOne(random, personalDomains);
  const style = Math.floor(random() * 4);
  const local =
    style === 0 && family ? `${given}.${family}` :
    style === 1 && family ? `${given[0]}${family}` :
    style === 2 ? `${given}_` :
    `${given}${family}`;
  return `${local}${token}@${domain}`;
}

export function organisationEmail(organisationName: string, token: number): string {
  const stem = slug(organisationName.replace(/^(PT|CV|Yayasan)\s+/, '').replace(/\s\d+.*$/, ''));
  return `procurement@${stem}${token}.co.id`;
}

/** Email addresses as people type them at a checkout: sometimes capitalised or padded. */
export function writeEmailAsTyped(random: Random, email: string): string {
  const roll = random();
  if (roll < 0.06) return email.toUpperCase();
  if (roll < 0.14) return email[0].toUpperCase() + email.slice(1);
  if (roll < 0.17) return ` ${email}`;
  return email;
}
