/** A person without a name (the first owner starts so) is shown by the address they sign in with. */
export function personName(person: { name: string; email: string }): string {
  return person.name.trim() || person.email;
}
