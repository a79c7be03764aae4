// GOV.UK Frontend's components (error summary focus, character counts, service navigation menu,
// notification banners, skip link): every element marked with data-module.
import { initAll } from '/lib/govuk-frontend/govuk-frontend.min.js';

initAll();
