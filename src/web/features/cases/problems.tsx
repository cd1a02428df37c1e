// The error summary and the server-message helper moved to the form layer (src/web/components).
export { ErrorSummary } from '../../components/ErrorSummary.js';
export { fieldMessage, type Problem } from '../../components/formMessages.js';
