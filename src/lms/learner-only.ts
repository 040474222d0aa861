/**
 * `vite build --mode scorm` makes the learner-only build packed into SCORM zips: trainee pages
 * only (no trainer, authoring or records pages) and no service worker.
 */
export const LEARNER_ONLY = import.meta.env.MODE === 'scorm';
