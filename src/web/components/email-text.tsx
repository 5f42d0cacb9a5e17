import { Fragment } from 'react';

/**
 * An email cut where a reader expects a line to break: after the @ and before a dot
 * ("putu10450@" / "ymail.com"), never inside a name ("ymail.c" / "om"), which `overflow-wrap: anywhere` did.
 */
export function emailLineParts(email: string): string[] {
  return email.split(/(?<=@)|(?=\.)/).filter((part) => part !== '');
}

/** An email that breaks, if it must, only where emailLineParts allows. */
export function EmailText({ email }: { email: string }) {
  return (
    <span className="email-text">
      {emailLineParts(email).map((part, index) => <Fragment key={index}>{index > 0 ? <wbr /> : null}{part}</Fragment>)}
    </span>
  );
}
