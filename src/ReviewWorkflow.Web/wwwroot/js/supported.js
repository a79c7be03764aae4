// GOV.UK Frontend styles some components only once it knows their script can run; its usual inline
// snippet is here as a file because the content policy allows no inline script. Loaded at the top
// of <body>, before anything paints, so nothing jumps.
document.body.classList.add('js-enabled', 'govuk-frontend-supported');
