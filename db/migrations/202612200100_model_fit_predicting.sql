-- Whether predictions were made from a fit (clientele models predict), as against a fit only made
-- or validated (models fit): only the former judges customers' P(alive) in an analysis, since a fit
-- that is only explored may have been set aside by predict as unsound, and exploring fits must not
-- change who is lapsed. A fit the stored predictions still name was made by predict; an earlier
-- run's fit cannot be told from an explored one and is left out.
alter table model_fit add column is_predicting boolean not null default false;
update model_fit set is_predicting = true
  where model_fit_id in (select model_fit_id from customer_prediction union select spend_model_fit_id from customer_prediction);
