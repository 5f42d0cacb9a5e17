import { useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';
import { orderDetailsText } from './order-details-text.js';

/**
 * An order's lines, discount and channel under its timeline line, behind a disclosure button: a
 * support agent on the phone needs what was bought, but a list of every order's lines would bury
 * the rest of the customer's story.
 */
export function OrderDetails({ detail }: { detail: Record<string, unknown> }) {
  const i18n = useI18n();
  const [isOpen, setIsOpen] = useState(false);
  const panelId = useId();
  const text = isOpen ? orderDetailsText(detail, i18n) : null;
  return (
    <>
      <button type="button" className="button-quiet timeline-order-toggle" aria-expanded={isOpen} aria-controls={panelId} onClick={() => setIsOpen(!isOpen)}>
        {i18n.t('timeline.orderDetails.toggle')}
      </button>
      <div id={panelId} className="timeline-order-details" hidden={!isOpen}>
        {text ? (
          <>
            <ul aria-label={i18n.t('timeline.orderDetails.lines')}>
              {text.lines.map((line, index) => <li key={index}>{line}</li>)}
            </ul>
            {text.discount ? <p>{text.discount}</p> : null}
            <p>{text.channel}</p>
          </>
        ) : null}
      </div>
    </>
  );
}
