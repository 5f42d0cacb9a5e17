-- WhatsApp is the main channel of many shops (Indonesia above all), but a customer's consent said
-- only email, SMS and profiling, so a target group of who may be messaged on WhatsApp could not be
-- built. consent_whatsapp says it as consent_sms does: true yes, false no, null never asked (every
-- existing customer: nobody asked them). Its changes are recorded in customer_consent_change as the
-- other consents' are, as kind 'whatsapp'.
alter table customer add column consent_whatsapp boolean;
alter table customer_consent_change drop constraint customer_consent_change_kind_check;
alter table customer_consent_change add constraint customer_consent_change_kind_check
  check (kind in ('email', 'sms', 'whatsapp', 'profiling'));
